//! Amazon Connect contact trace records (from the CTR Kinesis stream) through the interactions
//! use case.
//!
//! Per stream record: read the CTR; keep it in the state store ([`keys::connect_contact`]) unless
//! a version with a later `LastUpdateTimestamp` is already there; write its links (contact →
//! chain, recording location → contact: [`crate::sync::connect_links`]) for the recordings
//! function; read every stored contact of
//! its transfer chain and convert the chain into one interaction record
//! ([`interaction_from_contacts`]). The records then go through [`sync_interactions`] as messages
//! named by the stream record's id, so the per-interaction state sends only what is new: nothing
//! for a redelivery, only the new legs for a transfer's next contact.
//!
//! A contact whose chain's first contact has not arrived yet is kept and skipped: the first
//! contact's arrival converts the whole chain. A CTR that cannot be read or converted is
//! dead-lettered; a store failure hands the record back.

use bytes::Bytes;

use super::dead_letter::complete as dead_letter;
use super::outcome::{InteractionsOutcome, MessageOutcome, MessageResult};
use super::run::sync_interactions;
use super::settings::{InteractionSettings, InteractionsError, QueueMessage};
use crate::deadline::Deadline;
use crate::external::InteractionRecord;
use crate::external::connect::{
    ContactTraceRecord, CtrError, interaction_from_contacts, keep_latest, parse_ctr,
};
use crate::genesys::GenesysClient;
use crate::store::{PutMode, StateStore, StoreError, keys};
use crate::sync::StreamRecord;
use crate::sync::connect_links::save_links;

/// Why one CTR did not become an interaction record.
enum Intake {
    /// The chain's first contact has not arrived.
    Waiting(String),
    /// The CTR cannot be read or converted.
    Bad(CtrError),
    /// The state store failed.
    Store(StoreError),
}

/// Handles one batch of contact trace records; the outcome's messages are named by
/// [`StreamRecord::sequence_number`], in the order received.
///
/// # Errors
/// As [`sync_interactions`]: only when nothing can be done for any record.
#[tracing::instrument(skip_all, fields(records = records.len()))]
pub async fn sync_contact_records(
    client: &GenesysClient,
    store: &StateStore,
    settings: &InteractionSettings,
    records: &[StreamRecord],
    deadline: Deadline,
) -> Result<InteractionsOutcome, InteractionsError> {
    let mut messages = Vec::new();
    let mut decided = Vec::new();
    for record in records {
        let message = |body: String| QueueMessage {
            message_id: record.sequence_number.clone(),
            body,
        };
        // not UTF-8: the replacement characters make it unreadable, and it is dead-lettered as such
        let text = String::from_utf8_lossy(&record.data);
        let result = match intake(store, &text).await {
            Ok(interaction) => match serde_json::to_string(&interaction) {
                Ok(body) => {
                    messages.push(message(body));
                    continue;
                }
                Err(e) => dead_lettered(format!("interaction record not written: {e}")),
            },
            Err(Intake::Waiting(why)) => MessageResult::Skipped { reason: why },
            Err(Intake::Bad(e)) => dead_lettered(e.to_string()),
            Err(Intake::Store(e)) => MessageResult::Retry {
                reason: format!("state store: {e}"),
            },
        };
        let outcome = MessageOutcome {
            message_id: record.sequence_number.clone(),
            interaction_id: None,
            conversation_id: None,
            result,
        };
        decided.push(dead_letter(store, &message(text.into_owned()), outcome, None).await);
    }
    let mut outcome = sync_interactions(client, store, settings, &messages, deadline).await?;
    outcome.received += decided.len();
    for one in decided {
        outcome.record(one);
    }
    let position = |id: &str| records.iter().position(|r| r.sequence_number == id);
    outcome
        .messages
        .sort_by_key(|m| position(&m.message_id).unwrap_or(usize::MAX));
    Ok(outcome)
}

fn dead_lettered(reason: String) -> MessageResult {
    MessageResult::DeadLettered {
        reason,
        key: String::new(),
    }
}

/// Keeps the CTR and converts its chain as far as it is known.
async fn intake(store: &StateStore, data: &str) -> Result<InteractionRecord, Intake> {
    let ctr = parse_ctr(data).map_err(Intake::Bad)?;
    keep(store, &ctr, data).await?;
    save_links(store, &ctr).await.map_err(Intake::Store)?;
    let chain = keys::connect_chain(ctr.chain_id());
    let mut contacts = Vec::new();
    for key in store.list(&chain).await.map_err(Intake::Store)? {
        if let Some(stored) = store.get(&key).await.map_err(Intake::Store)? {
            let text = String::from_utf8_lossy(&stored.body);
            contacts.push(parse_ctr(&text).map_err(Intake::Bad)?);
        }
    }
    let contacts = keep_latest(contacts).map_err(Intake::Bad)?;
    if !contacts.iter().any(|c| c.contact_id == ctr.chain_id()) {
        return Err(Intake::Waiting(format!(
            "contact {} waits for its chain's first contact {}",
            ctr.contact_id,
            ctr.chain_id()
        )));
    }
    interaction_from_contacts(&contacts).map_err(Intake::Bad)
}

/// Stores `ctr` (as `data`) unless a version at least as new is stored.
async fn keep(store: &StateStore, ctr: &ContactTraceRecord, data: &str) -> Result<(), Intake> {
    let updated = ctr.last_updated().map_err(Intake::Bad)?;
    let key = keys::connect_contact(ctr.chain_id(), &ctr.contact_id);
    for _ in 0..3 {
        let mode = match store.get(&key).await.map_err(Intake::Store)? {
            None => PutMode::IfAbsent,
            Some(stored) => {
                let text = String::from_utf8_lossy(&stored.body);
                let newer = parse_ctr(&text)
                    .and_then(|s| s.last_updated())
                    .is_ok_and(|at| at >= updated);
                if newer {
                    return Ok(());
                }
                PutMode::IfMatch(stored.etag)
            }
        };
        match store.put(&key, Bytes::from(data.to_owned()), mode).await {
            Ok(_) => return Ok(()),
            Err(StoreError::PreconditionFailed { .. }) => {}
            Err(e) => return Err(Intake::Store(e)),
        }
    }
    Err(Intake::Store(StoreError::PreconditionFailed { key }))
}
