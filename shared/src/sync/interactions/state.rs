//! The small per-interaction record in the state store: ids, the event ids sent, the status.
//!
//! Key `interactions/<conversationId>.json` (the derived conversation id, so any external id is a
//! safe key). It is what lets an updated record send only its new events and a redelivered one
//! send nothing. If it is lost, nothing breaks: every event is sent again with the same event id
//! and Genesys drops the duplicates (`eventId` is its dedupe key).
//!
//! Two invocations may handle the same interaction at once (a standard queue delivers out of
//! order): the record is written with a conditional put, and on a conflict the stored and the
//! new sets of sent ids are merged and the write is tried again.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::convert::InteractionStatus;
use crate::store::{ETag, PutMode, StateStore, StoreError, keys};

/// The `schema` of the record.
pub const STATE_SCHEMA: &str = "exsync.interaction-state/v1";

/// What exsync knows about one interaction it has sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionState {
    /// `exsync.interaction-state/v1`
    pub schema: String,
    /// The external interaction id.
    pub interaction_id: String,
    /// The conversation id.
    pub conversation_id: String,
    /// Leg label → communication id.
    pub communications: BTreeMap<String, String>,
    /// How far the call has got, as sent.
    pub status: InteractionStatus,
    /// Conversation event ids Genesys accepted.
    pub sent_event_ids: BTreeSet<String>,
    /// Routing status event ids Genesys accepted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub sent_routing_status_ids: BTreeSet<String>,
    /// When the record was last written.
    pub updated_at: DateTime<Utc>,
    /// The last failure, until a later delivery succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl InteractionState {
    /// An empty record for a new interaction.
    pub fn new(interaction_id: &str, conversation_id: &str, now: DateTime<Utc>) -> Self {
        Self {
            schema: STATE_SCHEMA.to_owned(),
            interaction_id: interaction_id.to_owned(),
            conversation_id: conversation_id.to_owned(),
            communications: BTreeMap::new(),
            status: InteractionStatus::InProgress,
            sent_event_ids: BTreeSet::new(),
            sent_routing_status_ids: BTreeSet::new(),
            updated_at: now,
            last_error: None,
        }
    }

    /// Folds `other` (a concurrent writer's record) into this one: sent ids are united, the
    /// further status wins.
    fn merge(&mut self, other: Self) {
        self.sent_event_ids.extend(other.sent_event_ids);
        self.sent_routing_status_ids
            .extend(other.sent_routing_status_ids);
        for (leg, id) in other.communications {
            self.communications.entry(leg).or_insert(id);
        }
        if rank(other.status) > rank(self.status) {
            self.status = other.status;
        }
    }
}

fn rank(status: InteractionStatus) -> u8 {
    match status {
        InteractionStatus::InProgress => 0,
        InteractionStatus::Ended => 1,
        InteractionStatus::Complete => 2,
    }
}

/// Reads an interaction's record. A record that does not parse is treated as absent (and
/// logged): everything is then sent again, which Genesys deduplicates.
///
/// # Errors
/// Store failures other than a bad record.
pub async fn load_state(
    store: &StateStore,
    conversation_id: &str,
) -> Result<(Option<InteractionState>, Option<ETag>), StoreError> {
    let key = keys::interaction_state(conversation_id);
    match store.get_json::<InteractionState>(&key).await {
        Ok(Some((state, etag))) => Ok((Some(state), Some(etag))),
        Ok(None) => Ok((None, None)),
        Err(StoreError::Json { source, .. }) => {
            tracing::warn!(key = %key, error = %source, "unreadable interaction state; sending every event again");
            let etag = store.get(&key).await?.map(|v| v.etag);
            Ok((None, etag))
        }
        Err(e) => Err(e),
    }
}

/// Writes an interaction's record, merging with a concurrent writer's.
///
/// # Errors
/// Store failures, or a record that kept changing under three attempts.
pub async fn save_state(
    store: &StateStore,
    state: &InteractionState,
    etag: Option<ETag>,
) -> Result<(), StoreError> {
    let key = keys::interaction_state(&state.conversation_id);
    let mut state = state.clone();
    let mut etag = etag;
    for _ in 0..3 {
        let mode = etag.clone().map_or(PutMode::IfAbsent, PutMode::IfMatch);
        match store.put_json(&key, &state, mode).await {
            Ok(_) => return Ok(()),
            Err(StoreError::PreconditionFailed { .. }) => {
                let (stored, new_etag) = load_state(store, &state.conversation_id).await?;
                if let Some(stored) = stored {
                    state.merge(stored);
                }
                etag = new_etag;
            }
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::PreconditionFailed { key })
}
