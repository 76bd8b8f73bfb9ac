//! The state-store side of a batch: agent records read several at a time (the conditional writes
//! that claim and confirm them are in `claim.rs`) and dead letters
//! (`dead-letters/agent-state/<date>/<message-id>.json` holding the message body and the reasons).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::inbound::InboundMessage;
use super::record::AgentRecord;
use super::settle::MessageVerdict;
use crate::store::{ETag, PutMode, StateStore, StoreError, keys};

/// A stored record and its ETag.
pub type Stored = (AgentRecord, ETag);

/// Reads the records of `agents`, `concurrency` at a time. An agent without a record is absent
/// from the map; one whose read failed is in the error list.
pub async fn load_records(
    store: &StateStore,
    agents: &[String],
    concurrency: usize,
) -> (HashMap<String, Stored>, Vec<(String, StoreError)>) {
    let results: Vec<(String, Result<Option<Stored>, StoreError>)> = stream::iter(agents)
        .map(|agent| async move {
            let result = store
                .get_json::<AgentRecord>(&keys::agent_record(agent))
                .await;
            (agent.clone(), result)
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut found = HashMap::new();
    let mut failed = Vec::new();
    for (agent, result) in results {
        match result {
            Ok(Some(stored)) => {
                found.insert(agent, stored);
            }
            Ok(None) => {}
            Err(error) => failed.push((agent, error)),
        }
    }
    (found, failed)
}

/// A dead letter: the message as received and why it could not be applied.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetter<'a> {
    /// `exsync.dead-letter/v1`
    pub schema: &'static str,
    /// `agent-state`
    pub function: &'static str,
    /// the SQS message id
    pub message_id: &'a str,
    /// the FIFO message group, if any
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<&'a str>,
    /// when SQS received the message
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
    /// why, every reason joined with `; `
    pub reason: String,
    /// every reason, naming the event
    pub reasons: &'a [String],
    /// when it was dead-lettered
    pub dead_lettered_at: DateTime<Utc>,
    /// the message body, unchanged
    pub body: &'a str,
}

/// Writes one dead letter; returns its key.
///
/// # Errors
/// The store's error: the message must then be retried instead of acknowledged.
pub async fn write_dead_letter(
    store: &StateStore,
    message: &InboundMessage,
    reasons: &[String],
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    // dated by when SQS received it (else `now`), so a redelivered message overwrites its own
    let key = keys::agent_state_dead_letter(message.sent_at.unwrap_or(now), &message.message_id);
    let letter = DeadLetter {
        schema: "exsync.dead-letter/v1",
        function: "agent-state",
        message_id: &message.message_id,
        group_id: message.group_id.as_deref(),
        sent_at: message.sent_at,
        reason: reasons.join("; "),
        reasons,
        dead_lettered_at: now,
        body: &message.body,
    };
    store.put_json(&key, &letter, PutMode::Overwrite).await?;
    Ok(key)
}

/// Writes the dead letters; returns their keys and the messages whose dead letter could not be
/// written (they are retried instead).
pub async fn write_dead_letters(
    store: &StateStore,
    messages: &[InboundMessage],
    verdicts: &[MessageVerdict],
) -> (Vec<String>, BTreeSet<usize>) {
    let now = Utc::now();
    let mut keys = Vec::new();
    let mut unwritten = BTreeSet::new();
    for (index, (message, verdict)) in messages.iter().zip(verdicts).enumerate() {
        let MessageVerdict::DeadLettered { reasons } = verdict else {
            continue;
        };
        match write_dead_letter(store, message, reasons, now).await {
            Ok(key) => {
                tracing::warn!(message_id = %message.message_id, key = %key, reasons = ?reasons, "message dead-lettered");
                keys.push(key);
            }
            Err(error) => {
                tracing::error!(message_id = %message.message_id, %error, "dead letter not written; the message is retried");
                unwritten.insert(index);
            }
        }
    }
    (keys, unwritten)
}
