//! Recordings Amazon Connect writes into its own bucket: found through the contact trace record
//! the interactions function stored, uploaded with Connect's channel layout, and kept waiting
//! when they arrive before their CTR.
//!
//! 1. The key must be in Connect's layout under the configured prefix
//!    ([`parse_recording_key`]); one that is not is skipped with the reason (the bucket holds
//!    other files too), never an error.
//! 2. The contact: the CTR whose `Recording.Location` names this object (the reliable link), else
//!    the contact id in the file name ([`crate::sync::connect_links`]). Its chain's first contact
//!    is the interaction; the contact's agent is the chain's n-th agent leg, whose communication
//!    the upload's file name carries.
//! 3. No sidecar: Connect records in stereo, the agent on the right channel and the customer on
//!    the left ([`CONNECT_CHANNELS`]). The upload request (`UploadUrlRequest`: `fileName`,
//!    `contentMd5`, `contentType`, `signedUrlTimeoutSeconds`, `serverSideEncryption`) has no
//!    field for a channel layout, so the layout is declared where exsync keeps upload metadata:
//!    the recording's record (`channels`), as for a sidecar's layout.
//!
//! # A recording before its CTR
//!
//! Connect writes the recording when the call ends and the CTR only after after-contact work
//! ends, which has no upper bound. Failing the invocation would not wait long enough: Lambda
//! retries an asynchronous (EventBridge) invocation twice within about three minutes and then
//! sends it to the failure queue, so ordinary recordings would end there. Instead the recording
//! **waits**: a marker ([`keys::connect_waiting_recording`]: bucket, key, ETag) is written and
//! the event is acknowledged (`Disposition::Waiting`). The scheduled run ([`resume_waiting`])
//! runs every waiting recording again, uploads those whose CTR has arrived and removes their
//! markers; a marker is removed only when its recording came to an end (uploaded, skipped,
//! rejected or permanently failed), so nothing is lost to a failed retry. The object itself stays
//! in Connect's bucket, which is why the marker is enough.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::RecordingError;
use super::key::key_hash;
use super::locate::{FoundBy, Located};
use super::outcome::{Disposition, RecordingOutcome};
use super::run::{ConnectRecordings, DroppedObject, Job, RecordingsContext, upload_recording};
use super::source::ObjectMeta;
use crate::deadline::Deadline;
use crate::external::connect::{ConnectRecordingKey, agent_leg_of, parse_recording_key};
use crate::external::{Channel, ChannelLayout};
use crate::ids::ExternalInteractionId;
use crate::store::{PutMode, StoreError, keys};
use crate::sync::connect_links::{ContactLink, chain_contacts, contact_link, recording_link};

/// Connect's stereo layout: agent right, customer left.
pub const CONNECT_CHANNELS: ChannelLayout = ChannelLayout {
    agent: Channel::Right,
    customer: Channel::Left,
};

/// A recording waiting for its contact trace record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitingRecording {
    /// The bucket.
    pub bucket: String,
    /// The key.
    pub key: String,
    /// The ETag its event carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The contact the file name names.
    pub contact_id: String,
    /// When it started waiting.
    pub since: DateTime<Utc>,
}

/// What the scheduled run did with the waiting recordings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitingOutcome {
    /// The recordings run again, with what happened.
    pub resumed: Vec<RecordingOutcome>,
    /// How many still wait for their CTR (or are retried next time).
    pub still_waiting: usize,
}

impl Job<'_> {
    /// The Connect path of [`upload_recording`] for an object in the recording bucket.
    pub(super) async fn run_connect(
        &mut self,
        connect: &ConnectRecordings,
        meta: &ObjectMeta,
        deadline: Deadline,
    ) -> Result<RecordingOutcome, RecordingError> {
        let parsed = match parse_recording_key(&connect.prefix, &self.key) {
            Ok(parsed) => parsed,
            Err(mismatch) => {
                let reason = format!("not a Connect call recording: {mismatch}");
                return Ok(self.outcome(Disposition::Skipped, Some(reason), false));
            }
        };
        let Some((link, found_by)) = self.find_contact(&parsed).await? else {
            return self
                .wait(&parsed, "no contact trace record names it yet")
                .await;
        };
        let chain = chain_contacts(self.ctx.store, &link.initial_contact_id).await?;
        let agent_leg = match agent_leg_of(&chain, &link.contact_id) {
            Ok(leg) => leg.unwrap_or(1),
            Err(why) => return self.wait(&parsed, &why.to_string()).await,
        };
        let located = Located {
            interaction_id: ExternalInteractionId::new(link.initial_contact_id.clone()),
            found_by,
            channels: Some(CONNECT_CHANNELS),
            language: None,
            agent_leg,
        };
        self.record_key = keys::recording_record(Some(located.interaction_id.as_str()), &self.hash);
        if let Some(outcome) = self.claim(&located, meta, deadline).await? {
            return Ok(outcome);
        }
        self.upload(&located, meta, deadline).await
    }

    /// The contact: by the CTR's recording location first, then by the file name's contact id.
    async fn find_contact(
        &self,
        parsed: &ConnectRecordingKey,
    ) -> Result<Option<(ContactLink, FoundBy)>, StoreError> {
        let store = self.ctx.store;
        if let Some(link) = recording_link(store, self.bucket, &self.key).await? {
            return Ok(Some((link, FoundBy::ConnectRecordingLocation)));
        }
        Ok(contact_link(store, parsed.contact_id.as_str())
            .await?
            .map(|link| (link, FoundBy::ConnectFileName)))
    }

    /// Writes the waiting marker and acknowledges the event.
    async fn wait(
        &mut self,
        parsed: &ConnectRecordingKey,
        why: &str,
    ) -> Result<RecordingOutcome, RecordingError> {
        let marker = WaitingRecording {
            bucket: self.bucket.to_owned(),
            key: self.key.clone(),
            etag: Some(self.etag.clone()).filter(|e| !e.is_empty()),
            contact_id: parsed.contact_id.as_str().to_owned(),
            since: Utc::now(),
        };
        let key = keys::connect_waiting_recording(&self.hash);
        match self
            .ctx
            .store
            .put_json(&key, &marker, PutMode::IfAbsent)
            .await
        {
            Ok(_) | Err(StoreError::PreconditionFailed { .. }) => {}
            Err(error) => return Err(error.into()),
        }
        let reason = format!(
            "waiting for the contact trace record of contact {} ({why}); the scheduled run resumes it",
            parsed.contact_id
        );
        Ok(self.outcome(Disposition::Waiting, Some(reason), false))
    }
}

/// Runs every waiting Connect recording again; removes the markers of those that came to an end.
///
/// # Errors
/// Listing the markers failed.
pub async fn resume_waiting(
    ctx: RecordingsContext<'_>,
    deadline: Deadline,
) -> Result<WaitingOutcome, StoreError> {
    let store = ctx.store;
    let mut outcome = WaitingOutcome::default();
    for marker_key in store.list(keys::CONNECT_WAITING_RECORDINGS).await? {
        if deadline.remaining().is_zero() {
            outcome.still_waiting = outcome.still_waiting.saturating_add(1);
            continue;
        }
        let marker = match store.get_json::<WaitingRecording>(&marker_key).await {
            Ok(Some((marker, _))) => marker,
            Ok(None) => continue,
            Err(error) => {
                tracing::warn!(marker = %marker_key, error = %error, "unreadable waiting-recording marker");
                outcome.still_waiting = outcome.still_waiting.saturating_add(1);
                continue;
            }
        };
        let object = DroppedObject {
            bucket: marker.bucket,
            key: marker.key,
            etag: marker.etag,
        };
        let one = upload_recording(ctx, &object, deadline).await;
        let ended = one.disposition != Disposition::Waiting && !one.needs_retry();
        if ended {
            if let Err(error) = store.delete(&marker_key).await {
                tracing::warn!(marker = %marker_key, error = %error, "cannot remove a waiting-recording marker");
            }
        } else {
            outcome.still_waiting = outcome.still_waiting.saturating_add(1);
        }
        outcome.resumed.push(one);
    }
    Ok(outcome)
}

/// The marker key of an object (for tests and `exsync status`).
pub fn waiting_marker(bucket: &str, key: &str) -> String {
    keys::connect_waiting_recording(&key_hash(bucket, key))
}
