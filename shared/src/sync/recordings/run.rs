//! The use case: one dropped object → uploaded, skipped, rejected (dead-lettered) or failed.
//!
//! 0. an object in Amazon Connect's recording bucket takes the Connect path instead of 1 and 3
//!    (`connect.rs`: the contact trace record names its interaction; it waits when that has not
//!    arrived);
//! 1. a sidecar's event runs its recording, if that has arrived; the recording's own event runs it
//!    otherwise;
//! 2. HEAD the object (gone → skipped; a newer version than the event's → skipped, its own event
//!    follows);
//! 3. the interaction from the sidecar (it wins) or the key patterns; none → rejected;
//! 4. the upload of this key and ETag claimed in its record (`steps.rs`): already uploaded →
//!    skipped (redelivery); held by another delivery → retried;
//! 5. the header by ranged reads → refused → rejected; else graded against the quality profile;
//! 6. the conversation and agent communication ids derived from the id map's presence source id;
//! 7. MD5 pass, upload URL (recorded), PUT ([`super::upload`]); the record and a pending marker
//!    saved.
//!
//! A retryable failure is recorded and returned as `Failed { retryable }` so the handler fails
//! the invocation; a permanent one is dead-lettered like a rejection.

use super::error::RecordingError;
use super::key::{is_sidecar, key_hash, recording_of_sidecar};
use super::locate::{Located, locate};
use super::outcome::{Disposition, RecordingOutcome};
use super::probe::probe;
use super::record::{AudioSummary, GradeSummary, RecordingRecord, RecordingStatus};
use super::source::{ObjectMeta, ObjectSource};
use super::transfer::Uploader;
use super::upload::{Transfer, UploadSettings};
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::mapping::{FileNameValues, RecordingRules};
use crate::store::load_idmap;
use crate::store::{ETag, StateStore, keys};
use crate::sync::interactions::{Leg, communication_id, conversation_ids};

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
    /// where Amazon Connect writes its call recordings, when it does
    pub connect: Option<&'a ConnectRecordings>,
}

/// Where the Connect instance writes its call recordings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRecordings {
    /// The recording bucket.
    pub bucket: String,
    /// The instance's recording prefix (`connect/<alias>/CallRecordings`).
    pub prefix: String,
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
pub(super) struct Job<'a> {
    pub(super) ctx: RecordingsContext<'a>,
    pub(super) bucket: &'a str,
    pub(super) key: String,
    pub(super) hash: String,
    pub(super) record_key: String,
    pub(super) record: Option<RecordingRecord>,
    pub(super) etag: String,
    /// the ETag of the record as this job last wrote it, once it holds the claim (`steps.rs`)
    pub(super) claim_etag: Option<ETag>,
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
        record_key: keys::recording_record(None, &hash),
        key,
        hash,
        record: None,
        etag: object.etag.clone().unwrap_or_default(),
        claim_etag: None,
    };
    let event_etag = object.etag.as_deref().filter(|_| !sidecar_event);
    let outcome = match job.run(event_etag, sidecar_event, deadline).await {
        Ok(outcome) => outcome,
        Err(error) if error.is_superseded() => {
            let reason = format!("superseded: {error}; the newer version's event follows");
            job.outcome(Disposition::Skipped, Some(reason), false)
        }
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
        if let Some(connect) = ctx.connect.filter(|c| c.bucket == self.bucket) {
            if event_etag.is_some_and(|e| unquoted(e) != unquoted(&meta.etag)) {
                let reason =
                    "superseded: the object was replaced after this event; its own event follows";
                return Ok(self.outcome(Disposition::Skipped, Some(reason.into()), false));
            }
            return self.run_connect(connect, &meta, deadline).await;
        }
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
        self.record_key = keys::recording_record(Some(located.interaction_id.as_str()), &self.hash);
        if let Some(outcome) = self.claim(&located, &meta, deadline).await? {
            return Ok(outcome);
        }
        self.upload(&located, &meta, deadline).await
    }

    pub(super) fn start_record(&mut self, located: &Located, meta: &ObjectMeta, attempts: u32) {
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

    pub(super) async fn upload(
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
        let mut ids = conversation_ids(&source_id, located.interaction_id.as_str());
        if located.agent_leg > 1 {
            ids.agent_communication_id = communication_id(
                &source_id,
                located.interaction_id.as_str(),
                Leg::Agent(located.agent_leg),
            );
        }
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
        let key = self.key.clone();
        let transfer = Transfer {
            source: ctx.source,
            client: ctx.client,
            uploader: ctx.uploader,
            settings: ctx.settings,
            bucket: self.bucket,
            key: &key,
            meta,
            file_name: &file_name,
            content_type: info.container.content_type(),
            deadline,
        };
        self.send_steps(&transfer).await
    }

    pub(super) fn outcome(
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
