//! The upload of one object version as a state machine kept in its record, so concurrent or
//! repeated deliveries upload it once.
//!
//! Every write after the claim is conditional on the ETag of the record as this invocation last
//! wrote it (`If-Match`); the claim itself is `If-None-Match: *` for a new record and `If-Match`
//! on the record read otherwise. Of two deliveries racing for one version, one claim wins; the
//! other re-reads and finds the version claimed, done, or (a rare third round) gives up.
//!
//! ```text
//! (none | failed | rejected | expired claim)
//!     │ claim (conditional)                 lost: re-read → done: skipped; live claim: retried
//!     ▼
//! claimed ── ask Genesys for an upload URL ─▶ urlRequested (uploadKey) ── presigned PUT ─▶
//! uploaded (+ pending marker) ── upload report ─▶ confirmed | uploadFailed
//! ```
//!
//! The claim carries `claimExpiresAt`, the end of the holder's invocation (its deadline, at most
//! [`MAX_CLAIM`] ahead): until then no other delivery touches the version (it fails retryably,
//! and S3's retry finds it uploaded); after it the holder cannot be running any more, so a
//! delivery may take over. What a crash at each step leads to:
//!
//! | crash after | record shows | the next delivery (after the claim expires) |
//! |---|---|---|
//! | the claim | `claimed` | asks for a URL: the URL step runs once more, nothing was sent |
//! | the URL request, before the record | `claimed` | asks for a URL again (one unused upload slot) |
//! | `urlRequested`, before or during the PUT | `urlRequested` | a fresh URL and one more PUT: at most one extra upload |
//! | the PUT, before `uploaded` | `urlRequested` | the same: the PUT runs once more |
//! | `uploaded`, before the pending marker | `uploaded` | skips it, writing the missing marker |
//!
//! An ordinary failure (a retryable error, a refusal) replaces the claim with `failed` or
//! `rejected` at once, so the retry does not wait for the claim to expire.

use std::time::Duration;

use chrono::Utc;

use super::error::RecordingError;
use super::locate::Located;
use super::outcome::{Disposition, RecordingOutcome};
use super::record::{PendingUpload, RecordingRecord, RecordingStatus, load_versioned};
use super::run::Job;
use super::source::ObjectMeta;
use super::upload::Transfer;
use crate::deadline::Deadline;
use crate::genesys::model::UploadUrlResponse;
use crate::store::{PutMode, StoreError, keys};

/// The longest a claim is held: a Lambda invocation lasts at most 15 minutes.
pub const MAX_CLAIM: Duration = Duration::from_secs(16 * 60);

/// Rounds of re-reading a record another delivery changed while claiming.
const CLAIM_ROUNDS: usize = 3;

impl Job<'_> {
    /// Claims the upload of this version. `Ok(Some(outcome))`: nothing left to do (uploaded
    /// already); `Ok(None)`: claimed, [`Job::claim_etag`] set.
    ///
    /// # Errors
    /// [`RecordingError::UploadInProgress`] while another delivery holds the version; store
    /// failures.
    pub(super) async fn claim(
        &mut self,
        located: &Located,
        meta: &ObjectMeta,
        deadline: Deadline,
    ) -> Result<Option<RecordingOutcome>, RecordingError> {
        let store = self.ctx.store;
        let mut until = Utc::now();
        for _ in 0..CLAIM_ROUNDS {
            self.record = None;
            let stored = load_versioned(store, &self.record_key).await?;
            let same = stored
                .as_ref()
                .map(|(r, _)| r)
                .filter(|r| r.etag == meta.etag);
            if let Some(done) = same.filter(|r| r.status.is_done()) {
                self.record = Some(done.clone());
                self.repair_pending_marker(done).await?;
                let reason = "already uploaded (same key and etag)";
                return Ok(Some(self.outcome(
                    Disposition::Skipped,
                    Some(reason.into()),
                    false,
                )));
            }
            if let Some(held) = same.filter(|r| r.claim_is_live(Utc::now())) {
                until = held.claim_expires_at.unwrap_or(until);
                break;
            }
            self.start_record(located, meta, same.map_or(1, |r| r.attempts + 1));
            let lease = deadline.remaining().min(MAX_CLAIM);
            let Some(record) = self.record.as_mut() else {
                break;
            };
            record.status = RecordingStatus::Claimed;
            record.claim_expires_at = chrono::Duration::from_std(lease)
                .ok()
                .map(|lease| Utc::now() + lease);
            let mode = stored.map_or(PutMode::IfAbsent, |(_, etag)| PutMode::IfMatch(etag));
            match store.put_json(&self.record_key, record, mode).await {
                Ok(etag) => {
                    self.claim_etag = Some(etag);
                    return Ok(None);
                }
                Err(StoreError::PreconditionFailed { .. }) => continue,
                Err(error) => {
                    self.record = None;
                    return Err(error.into());
                }
            }
        }
        self.record = None;
        Err(RecordingError::UploadInProgress { until })
    }

    /// Writes the job's record, conditional on the claim when there is one.
    pub(super) async fn save(&mut self) -> Result<(), RecordingError> {
        let Some(record) = self.record.as_ref() else {
            return Ok(());
        };
        let mode = self
            .claim_etag
            .clone()
            .map_or(PutMode::Overwrite, PutMode::IfMatch);
        let etag = self
            .ctx
            .store
            .put_json(&self.record_key, record, mode)
            .await?;
        if self.claim_etag.is_some() {
            self.claim_etag = Some(etag);
        }
        Ok(())
    }

    /// The claimed steps: MD5, then per attempt an upload URL (recorded as `urlRequested`) and
    /// the PUT, retrying retryable PUT failures with a fresh URL; then `uploaded` and the
    /// pending marker.
    pub(super) async fn send_steps(
        &mut self,
        transfer: &Transfer<'_>,
    ) -> Result<RecordingOutcome, RecordingError> {
        let digest = transfer.digest().await?;
        let attempts = transfer.settings.put_attempts.max(1);
        let mut attempt = 0;
        let response: UploadUrlResponse = loop {
            attempt += 1;
            let response = transfer.request_url(&digest).await?;
            if let Some(record) = self.record.as_mut() {
                record.status = RecordingStatus::UrlRequested;
                record.upload_key.clone_from(&response.upload_key);
                record.content_md5 = Some(digest.md5_base64.clone());
                record.updated_at = Utc::now();
            }
            self.save().await?;
            match transfer.put(&response).await {
                Ok(()) => break response,
                Err(RecordingError::Upload(error))
                    if error.is_retryable() && attempt < attempts =>
                {
                    tracing::warn!(key = %self.key, attempt, error = %error, "upload failed; trying again");
                }
                Err(error) => return Err(error),
            }
        };
        let now = Utc::now();
        if let Some(record) = self.record.as_mut() {
            record.status = RecordingStatus::Uploaded;
            record.claim_expires_at = None;
            record.upload_key.clone_from(&response.upload_key);
            record.uploaded_at = Some(now);
            record.updated_at = now;
        }
        self.save().await?;
        let pending = PendingUpload {
            record_key: self.record_key.clone(),
            upload_key: response.upload_key,
            file_name: transfer.file_name.to_owned(),
            uploaded_at: now,
        };
        self.ctx
            .store
            .put_json(
                &keys::pending_upload(&self.hash),
                &pending,
                PutMode::Overwrite,
            )
            .await?;
        Ok(self.outcome(Disposition::Uploaded, None, false))
    }

    /// Writes the pending marker of an `uploaded` record when a crash left it out.
    async fn repair_pending_marker(&self, record: &RecordingRecord) -> Result<(), RecordingError> {
        let (RecordingStatus::Uploaded, Some(file_name), Some(uploaded_at)) =
            (record.status, record.file_name.clone(), record.uploaded_at)
        else {
            return Ok(());
        };
        let pending = PendingUpload {
            record_key: self.record_key.clone(),
            upload_key: record.upload_key.clone(),
            file_name,
            uploaded_at,
        };
        let key = keys::pending_upload(&self.hash);
        match self
            .ctx
            .store
            .put_json(&key, &pending, PutMode::IfAbsent)
            .await
        {
            Ok(_) | Err(StoreError::PreconditionFailed { .. }) => Ok(()),
            Err(error) => Err(error.into()),
        }
    }
}
