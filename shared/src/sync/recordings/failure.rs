//! The failure paths of the use case: refusing a recording (record + dead letter, acknowledged)
//! and turning an error into the outcome (retryable → recorded and retried; permanent →
//! dead-lettered).

use chrono::Utc;

use super::dead_letter::{RecordingDeadLetter, write_dead_letter};
use super::error::RecordingError;
use super::outcome::{Disposition, RecordingOutcome};
use super::record::{RecordingRecord, RecordingStatus};
use super::run::Job;

impl Job<'_> {
    /// Refuses the recording: record, dead letter, acknowledged.
    pub(super) async fn reject(
        &mut self,
        reason: String,
    ) -> Result<RecordingOutcome, RecordingError> {
        self.give_up(RecordingStatus::Rejected, "rejected", reason)
            .await?;
        let reason = self.record.as_ref().and_then(|r| r.reason.clone());
        Ok(self.outcome(Disposition::Rejected, reason, false))
    }

    async fn give_up(
        &mut self,
        status: RecordingStatus,
        kind: &'static str,
        reason: String,
    ) -> Result<(), RecordingError> {
        let store = self.ctx.store;
        let mut record = self
            .record
            .clone()
            .unwrap_or_else(|| RecordingRecord::new(self.bucket, &self.key, &self.etag, status));
        let letter = RecordingDeadLetter {
            schema: "exsync.dead-letter/v1",
            function: "recordings",
            kind,
            bucket: self.bucket,
            key: &self.key,
            etag: &self.etag,
            interaction_id: record.interaction_id.as_deref(),
            reason: &reason,
            record_key: &self.record_key,
            dead_lettered_at: Utc::now(),
        };
        let letter_key = write_dead_letter(store, &self.hash, &letter).await?;
        record.status = status;
        record.reason = Some(reason);
        record.retryable = (status == RecordingStatus::Failed).then_some(false);
        record.dead_letter = Some(letter_key);
        record.updated_at = Utc::now();
        record.claim_expires_at = None;
        self.record = Some(record);
        self.save().await
    }

    /// Turns an error into the outcome: retryable ones are recorded and retried, others
    /// dead-lettered. A store failure while doing so makes the whole thing retryable.
    pub(super) async fn fail(&mut self, error: &RecordingError) -> RecordingOutcome {
        let message = error.to_string();
        if !error.is_retryable() {
            match self
                .give_up(RecordingStatus::Failed, "failed", message.clone())
                .await
            {
                Ok(()) => return self.outcome(Disposition::Failed, Some(message), false),
                Err(store) => {
                    tracing::error!(error = %store, "cannot dead-letter a failed recording")
                }
            }
        } else if let Some(record) = self.record.as_mut() {
            record.status = RecordingStatus::Failed;
            record.reason = Some(message.clone());
            record.retryable = Some(true);
            record.claim_expires_at = None;
            record.updated_at = Utc::now();
            if let Err(store) = self.save().await {
                tracing::warn!(error = %store, "cannot record a retryable failure");
            }
        }
        tracing::warn!(error = %message, "recording upload failed; the event will be retried");
        self.outcome(Disposition::Failed, Some(message), true)
    }
}
