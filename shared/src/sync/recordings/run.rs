//! The use case: one dropped object → uploaded, skipped, rejected (dead-lettered) or failed.
//!
//! 1. a sidecar's event runs its recording, if that has arrived; the recording's own event runs it
//!    otherwise;
//! 2. HEAD the object (gone → skipped; a newer version than the event's → skipped, its own event
//!    follows);
//! 3. the interaction from the sidecar (it wins) or the key patterns; none → rejected;
//! 4. the same key and ETag already uploaded → skipped (redelivery);
//! 5. the header by ranged reads → refused → rejected; else graded against the quality profile;
//! 6. the conversation and agent communication ids derived from the id map's presence source id;
//! 7. MD5 pass, upload URL, PUT ([`super::upload`]); the record and a pending marker saved.
//!
//! A retryable failure is recorded and returned as `Failed { retryable }` so the handler fails
//! the invocation; a permanent one is dead-lettered like a rejection.

use chrono::Utc;

use super::dead_letter::{RecordingDeadLetter, write_dead_letter};
use super::error::RecordingError;
use super::key::{
    is_sidecar, key_hash, pending_key, record_key, recording_of_sidecar, sidecar_key,
};
use super::locate::{Located, locate};
use super::outcome::{Disposition, RecordingOutcome};
use super::probe::probe;
use super::record::{
    AudioSummary, GradeSummary, PendingUpload, RecordingRecord, RecordingStatus, load_record,
    save_record,
};
use super::source::{ObjectMeta, ObjectSource};
use super::transfer::Uploader;
use super::upload::{Transfer, UploadSettings};
use crate::deadline::Deadline;
use crate::external::{RecordingSidecar, parse_recording_sidecar};
use crate::genesys::GenesysClient;
use crate::mapping::{FileNameValues, RecordingRules};
use crate::store::{PutMode, StateStore};
use crate::sync::interactions::conversation_ids;
use crate::sync::load_idmap;

/// A sidecar larger than this is not a sidecar.
const MAX_SIDECAR_BYTES: u64 = 64 * 1024;

/// What the use case works with.
#[derive(Debug, Clone, Copy)]
pub struct RecordingsContext<'a> {
    /// the Genesys client
    pub client: &'a GenesysClient,
    /// the state store (id map, records, dead letters)
    pub store: &'a StateStore,
    /// where recordings are read from
    pub source: &'a ObjectSource,
    /// the presigned-URL client with the allowed hosts
    pub uploader: &'a Uploader,
    /// the mapping's recording rules
    pub rules: &'a RecordingRules,
    /// upload request options
    pub settings: &'a UploadSettings,
}

/// An object an S3 event (or the demo) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedObject {
    /// the bucket
    pub bucket: String,
    /// the key, URL-decoded
    pub key: String,
    /// the ETag the event carries, if any
    pub etag: Option<String>,
}

/// The work on one object, with what is known so far for the failure path.
struct Job<'a> {
    ctx: RecordingsContext<'a>,
    bucket: &'a str,
    key: String,
    hash: String,
    record_key: String,
    record: Option<RecordingRecord>,
    etag: String,
}

/// Handles one dropped object (a recording or its sidecar).
#[tracing::instrument(skip_all, fields(bucket = %object.bucket, key = %object.key))]
pub async fn upload_recording(
    ctx: RecordingsContext<'_>,
    object: &DroppedObject,
    deadline: Deadline,
) -> RecordingOutcome {
    let sidecar_event = is_sidecar(&object.key);
    let key = match (sidecar_event, recording_of_sidecar(&object.key)) {
        (true, Some(recording)) => recording.to_owned(),
        _ => object.key.clone(),
    };
    let hash = key_hash(&object.bucket, &key);
    let mut job = Job {
        ctx,
        bucket: &object.bucket,
        record_key: record_key(None, &hash),
        key,
        hash,
        record: None,
        etag: object.etag.clone().unwrap_or_default(),
    };
    let event_etag = object.etag.as_deref().filter(|_| !sidecar_event);
    let outcome = match job.run(event_etag, sidecar_event, deadline).await {
        Ok(outcome) => outcome,
        Err(error) => job.fail(&error).await,
    };
    tracing::info!(disposition = ?outcome.disposition, reason = outcome.reason.as_deref().unwrap_or("-"), "recording handled");
    outcome
}

fn unquoted(etag: &str) -> &str {
    etag.trim_matches('"')
}

impl Job<'_> {
    async fn run(
        &mut self,
        event_etag: Option<&str>,
        sidecar_event: bool,
        deadline: Deadline,
    ) -> Result<RecordingOutcome, RecordingError> {
        let ctx = self.ctx;
        let Some(meta) = ctx.source.head(self.bucket, &self.key).await? else {
            let reason = if sidecar_event {
                "a sidecar whose recording has not arrived yet; the recording's event will use it"
            } else {
                "the object no longer exists"
            };
            return Ok(self.outcome(Disposition::Skipped, Some(reason.into()), false));
        };
        self.etag = meta.etag.clone();
        if sidecar_event && let Some(outcome) = self.sidecar_gate(&meta).await? {
            return Ok(outcome);
        }
        if event_etag.is_some_and(|e| unquoted(e) != unquoted(&meta.etag)) {
            let reason =
                "superseded: the object was replaced after this event; its own event follows";
            return Ok(self.outcome(Disposition::Skipped, Some(reason.into()), false));
        }
        let sidecar = match self.sidecar().await? {
            Ok(sidecar) => sidecar,
            Err(reason) => return self.reject(reason).await,
        };
        let located = match locate(&self.key, ctx.rules, sidecar.as_ref()) {
            Ok(located) => located,
            Err(reason) => return self.reject(reason).await,
        };
        self.record_key = record_key(Some(located.interaction_id.as_str()), &self.hash);
        let previous = load_record(ctx.store, &self.record_key)
            .await?
            .filter(|r| r.etag == meta.etag);
        if let Some(done) = previous.as_ref().filter(|r| r.status.is_done()) {
            self.record = Some(done.clone());
            let reason = "already uploaded (same key and etag)";
            return Ok(self.outcome(Disposition::Skipped, Some(reason.into()), false));
        }
        self.start_record(&located, &meta, previous.map_or(1, |r| r.attempts + 1));
        self.upload(&located, &meta, deadline).await
    }

    /// A sidecar's event runs its recording only when the recording's own event has been
    /// handled without it (rejected, or failed); when that has not happened yet the sidecar's
    /// event is retried, so the two events never upload the same recording twice.
    async fn sidecar_gate(
        &mut self,
        meta: &ObjectMeta,
    ) -> Result<Option<RecordingOutcome>, RecordingError> {
        let mut candidates = vec![record_key(None, &self.hash)];
        if let Ok(Some(sidecar)) = self.sidecar().await? {
            candidates.push(record_key(
                Some(sidecar.interaction_id.as_str()),
                &self.hash,
            ));
        }
        if let Some(found) = self.ctx.rules.match_key(&self.key) {
            candidates.push(record_key(Some(found.interaction_id.as_str()), &self.hash));
        }
        let mut handled = false;
        for key in candidates {
            let Some(record) = load_record(self.ctx.store, &key).await? else {
                continue;
            };
            if record.etag != meta.etag {
                continue;
            }
            if record.status.is_done() {
                self.record_key = key;
                self.record = Some(record);
                let reason = "already uploaded; the sidecar came after its recording";
                return Ok(Some(self.outcome(
                    Disposition::Skipped,
                    Some(reason.into()),
                    false,
                )));
            }
            handled = true;
        }
        if handled {
            Ok(None)
        } else {
            Err(RecordingError::RecordingNotHandledYet)
        }
    }

    /// The sidecar beside the recording: `Ok(None)` when there is none, `Err` when it is invalid.
    async fn sidecar(&self) -> Result<Result<Option<RecordingSidecar>, String>, RecordingError> {
        let source = self.ctx.source;
        let key = sidecar_key(&self.key);
        let Some(meta) = source.head(self.bucket, &key).await? else {
            return Ok(Ok(None));
        };
        if meta.size > MAX_SIDECAR_BYTES {
            return Ok(Err(format!(
                "the sidecar {key} is {} bytes, more than a sidecar",
                meta.size
            )));
        }
        let bytes = source
            .range(self.bucket, &key, &meta.etag, 0..meta.size)
            .await?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(parse_recording_sidecar(&text)
            .map(Some)
            .map_err(|e| format!("the sidecar {key} is invalid: {e}")))
    }

    fn start_record(&mut self, located: &Located, meta: &ObjectMeta, attempts: u32) {
        let mut record =
            RecordingRecord::new(self.bucket, &self.key, &meta.etag, RecordingStatus::Failed);
        record.interaction_id = Some(located.interaction_id.as_str().to_owned());
        record.found_by = Some(located.found_by);
        record.channels = located.channels;
        record.language.clone_from(&located.language);
        record.size_bytes = Some(meta.size);
        record.attempts = attempts;
        self.record = Some(record);
    }

    async fn upload(
        &mut self,
        located: &Located,
        meta: &ObjectMeta,
        deadline: Deadline,
    ) -> Result<RecordingOutcome, RecordingError> {
        let ctx = self.ctx;
        let probed = probe(ctx.source, self.bucket, &self.key, meta).await?;
        let info = match probed.result {
            Ok(info) => info,
            Err(rejection) => return self.reject(rejection.to_string()).await,
        };
        let grade = ctx.rules.quality_profile.grade(&info.properties);
        let (idmap, _) = load_idmap(ctx.store).await?;
        let source_id = idmap
            .presence_source_id
            .ok_or(RecordingError::NoPresenceSource)?;
        let ids = conversation_ids(&source_id, located.interaction_id.as_str());
        let template = &ctx.rules.file_name_template;
        let bad_template = |reason: String| RecordingError::FileName {
            template: template.as_str().to_owned(),
            reason,
        };
        let conversation_id = ids
            .conversation_id
            .parse()
            .map_err(|e| bad_template(format!("{e}")))?;
        let communication_id = ids
            .agent_communication_id
            .parse()
            .map_err(|e| bad_template(format!("{e}")))?;
        let file_name = template
            .render(&FileNameValues {
                conversation_id,
                communication_id,
                interaction_id: &located.interaction_id,
                ext: info.container.extension(),
            })
            .ok_or_else(|| bad_template(template.parts().err().unwrap_or_default()))?;
        if let Some(record) = self.record.as_mut() {
            record.audio = Some(AudioSummary::from(&info));
            record.grade = Some(GradeSummary::from(&grade));
            record.conversation_id = Some(ids.conversation_id.clone());
            record.communication_id = Some(ids.agent_communication_id.clone());
            record.file_name = Some(file_name.clone());
            record.content_type = Some(info.container.content_type().to_owned());
        }
        let transfer = Transfer {
            source: ctx.source,
            client: ctx.client,
            uploader: ctx.uploader,
            settings: ctx.settings,
            bucket: self.bucket,
            key: &self.key,
            meta,
            file_name: &file_name,
            content_type: info.container.content_type(),
            deadline,
        };
        let sent = transfer.send().await?;
        let now = Utc::now();
        let Some(record) = self.record.as_mut() else {
            return Ok(self.outcome(Disposition::Uploaded, None, false));
        };
        record.status = RecordingStatus::Uploaded;
        record.content_md5 = Some(sent.digest.md5_base64);
        record.upload_key.clone_from(&sent.response.upload_key);
        record.uploaded_at = Some(now);
        record.updated_at = now;
        let pending = PendingUpload {
            record_key: self.record_key.clone(),
            upload_key: sent.response.upload_key,
            file_name,
            uploaded_at: now,
        };
        save_record(ctx.store, &self.record_key, record).await?;
        ctx.store
            .put_json(&pending_key(&self.hash), &pending, PutMode::Overwrite)
            .await?;
        Ok(self.outcome(Disposition::Uploaded, None, false))
    }

    /// Refuses the recording: record, dead letter, acknowledged.
    async fn reject(&mut self, reason: String) -> Result<RecordingOutcome, RecordingError> {
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
        save_record(store, &self.record_key, &record).await?;
        self.record = Some(record);
        Ok(())
    }

    /// Turns an error into the outcome: retryable ones are recorded and retried, others
    /// dead-lettered. A store failure while doing so makes the whole thing retryable.
    async fn fail(&mut self, error: &RecordingError) -> RecordingOutcome {
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
            record.updated_at = Utc::now();
            if let Err(store) = save_record(self.ctx.store, &self.record_key, record).await {
                tracing::warn!(error = %store, "cannot record a retryable failure");
            }
        }
        tracing::warn!(error = %message, "recording upload failed; the event will be retried");
        self.outcome(Disposition::Failed, Some(message), true)
    }

    fn outcome(
        &self,
        disposition: Disposition,
        reason: Option<String>,
        retryable: bool,
    ) -> RecordingOutcome {
        RecordingOutcome {
            bucket: self.bucket.to_owned(),
            key: self.key.clone(),
            disposition,
            reason,
            retryable,
            record_key: self.record.as_ref().map(|_| self.record_key.clone()),
            record: self.record.clone(),
        }
    }
}
