//! Dead letters: a recording that will never upload as it is, kept with the reason.
//!
//! Key `dead-letters/recordings/<yyyy-mm-dd>/<key-hash>.json`: the object (bucket, key, ETag),
//! the interaction when known, whether it was refused (`rejected`) or its upload failed for good
//! (`failed`), the reason and the record key. The recording itself stays in the bucket; dropping
//! a fixed file (or a sidecar beside it) runs it again.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::{PutMode, StateStore, StoreError, keys};

/// A dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingDeadLetter<'a> {
    /// `exsync.dead-letter/v1`
    pub schema: &'static str,
    /// `recordings`
    pub function: &'static str,
    /// `rejected` or `failed`
    pub kind: &'static str,
    /// the bucket
    pub bucket: &'a str,
    /// the object key
    pub key: &'a str,
    /// the object's ETag
    pub etag: &'a str,
    /// the interaction, when known
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<&'a str>,
    /// why
    pub reason: &'a str,
    /// the recording's record
    pub record_key: &'a str,
    /// when
    pub dead_lettered_at: DateTime<Utc>,
}

/// Writes a dead letter for the object with key hash `hash`; returns its key.
///
/// # Errors
/// Store failures (the event must then be retried, not dropped).
pub async fn write_dead_letter(
    store: &StateStore,
    hash: &str,
    letter: &RecordingDeadLetter<'_>,
) -> Result<String, StoreError> {
    let key = keys::recording_dead_letter(letter.dead_lettered_at, hash);
    store.put_json(&key, letter, PutMode::Overwrite).await?;
    Ok(key)
}
