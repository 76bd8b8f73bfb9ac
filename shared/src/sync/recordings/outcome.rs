//! What happened to one dropped object, and to a batch of them.

use serde::Serialize;

use super::record::RecordingRecord;

/// The ends a dropped object can come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Disposition {
    /// Uploaded to Genesys.
    Uploaded,
    /// Nothing to do (already uploaded, superseded, gone, a sidecar waiting for its recording).
    Skipped,
    /// Refused and dead-lettered; acknowledged, never retried.
    Rejected,
    /// The upload failed; retried when `retryable`, else dead-lettered.
    Failed,
    /// An Amazon Connect recording whose contact trace record has not arrived: kept waiting in
    /// the state store, resumed by the scheduled run.
    Waiting,
}

/// One object's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingOutcome {
    /// the bucket
    pub bucket: String,
    /// the key (decoded); for a sidecar event, the recording's key
    pub key: String,
    /// what happened
    pub disposition: Disposition,
    /// why, for everything but an upload
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// for a failure: whether the invocation must fail so the event is retried
    pub retryable: bool,
    /// the state-store record
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_key: Option<String>,
    /// the record as saved
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordingRecord>,
}

impl RecordingOutcome {
    /// Whether this outcome must fail the invocation.
    pub fn needs_retry(&self) -> bool {
        self.disposition == Disposition::Failed && self.retryable
    }
}

/// The outcomes of one invocation's objects, in event order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DropsOutcome {
    /// per object
    pub recordings: Vec<RecordingOutcome>,
}

impl DropsOutcome {
    /// How many objects came to `disposition`.
    pub fn count(&self, disposition: Disposition) -> usize {
        self.recordings
            .iter()
            .filter(|r| r.disposition == disposition)
            .count()
    }

    /// The outcomes that must fail the invocation.
    pub fn retries(&self) -> impl Iterator<Item = &RecordingOutcome> {
        self.recordings.iter().filter(|r| r.needs_retry())
    }
}
