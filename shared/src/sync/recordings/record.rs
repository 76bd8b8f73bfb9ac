//! The per-recording record in the state store, and the pending marker of an upload the report
//! check has yet to confirm.
//!
//! Record key `recordings/<interaction-id>/<key-hash>.json` (`~unmatched` when no interaction was
//! found). It says what happened to the object at one ETag: uploaded (with the grade, MD5, size
//! and conversation), rejected with the reason, failed with the error, and later confirmed or
//! failed by an upload report. A redelivered event for the same key and ETag that finds
//! `uploaded` or `confirmed` is skipped.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::locate::FoundBy;
use crate::audio::{AudioInfo, Container};
use crate::external::ChannelLayout;
use crate::mapping::{AudioEncoding, Grade};
use crate::store::{ETag, PutMode, StateStore, StoreError};

/// The `schema` of a record.
pub const RECORD_SCHEMA: &str = "exsync.recording-state/v1";

/// Where a recording stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordingStatus {
    /// An invocation holds the upload (until `claimExpiresAt`); no upload URL asked for yet.
    Claimed,
    /// The holder asked Genesys for an upload URL (`uploadKey`) and is sending the bytes.
    UrlRequested,
    /// Sent to the upload host; not yet in an upload report.
    Uploaded,
    /// An upload report lists it as `Success`.
    Confirmed,
    /// An upload report lists it as `Failure`.
    UploadFailed,
    /// Refused (no interaction, unreadable or unsupported audio); dead-lettered.
    Rejected,
    /// The upload failed; `retryable` says whether the event is being retried.
    Failed,
}

impl RecordingStatus {
    /// Whether a redelivery of the same version has nothing left to do.
    pub fn is_done(self) -> bool {
        matches!(self, Self::Uploaded | Self::Confirmed)
    }

    /// Whether an invocation holds the upload (while its claim has not expired).
    pub fn is_claim(self) -> bool {
        matches!(self, Self::Claimed | Self::UrlRequested)
    }
}

/// The audio as the header described it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioSummary {
    /// wav, ogg, mp3
    pub container: Container,
    /// pcm, mulaw, alaw, opus, mp3
    pub encoding: AudioEncoding,
    /// samples per second
    pub sample_rate_hz: u32,
    /// channels
    pub channels: u16,
    /// bits per sample (uncompressed only)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bits_per_sample: Option<u16>,
    /// duration, when known
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
}

impl From<&AudioInfo> for AudioSummary {
    fn from(info: &AudioInfo) -> Self {
        Self {
            container: info.container,
            encoding: info.properties.encoding,
            sample_rate_hz: info.properties.sample_rate_hz,
            channels: info.properties.channels,
            bits_per_sample: info.properties.bits_per_sample,
            duration_ms: info.duration_ms,
        }
    }
}

/// The grade, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeSummary {
    /// `speechAnalytics` or `archiveOnly`
    pub level: GradeLevel,
    /// why archive-only, one sentence each
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shortfalls: Vec<String>,
}

/// The two grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GradeLevel {
    /// meets the speech-analytics profile
    SpeechAnalytics,
    /// uploaded for archiving and quality review only
    ArchiveOnly,
}

impl From<&Grade> for GradeSummary {
    fn from(grade: &Grade) -> Self {
        match grade {
            Grade::SpeechAnalytics => Self {
                level: GradeLevel::SpeechAnalytics,
                shortfalls: Vec::new(),
            },
            Grade::ArchiveOnly(reasons) => Self {
                level: GradeLevel::ArchiveOnly,
                shortfalls: reasons.iter().map(ToString::to_string).collect(),
            },
        }
    }
}

/// One recording's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingRecord {
    /// [`RECORD_SCHEMA`]
    pub schema: String,
    /// the inbound bucket
    pub bucket: String,
    /// the object key, decoded
    pub key: String,
    /// the object's ETag this record is about
    pub etag: String,
    /// where it stands
    pub status: RecordingStatus,
    /// why it was rejected or failed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// for `failed`: whether the event is retried
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retryable: Option<bool>,
    /// the external interaction
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<String>,
    /// how the interaction was found
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_by: Option<FoundBy>,
    /// the derived conversation id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// the derived communication id of the first agent's leg
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication_id: Option<String>,
    /// the upload's file name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Genesys's `uploadKey`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_key: Option<String>,
    /// the MIME type sent
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// base64 MD5 of the bytes sent
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_md5: Option<String>,
    /// bytes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<u64>,
    /// what the header said
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioSummary>,
    /// the grade against the mapping's quality profile
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeSummary>,
    /// the sidecar's channel layout
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<ChannelLayout>,
    /// the sidecar's language
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// attempts so far at this ETag
    pub attempts: u32,
    /// for `claimed` and `urlRequested`: when the holder's invocation ends at the latest; after
    /// that another delivery may take the upload over
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_expires_at: Option<DateTime<Utc>>,
    /// when the bytes were accepted by the upload host
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_at: Option<DateTime<Utc>>,
    /// the last status an upload report gave (`WaitForConversation`, `Success`, ...)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_status: Option<String>,
    /// when a report confirmed or failed it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_at: Option<DateTime<Utc>>,
    /// the dead letter, for rejected and permanently failed recordings
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter: Option<String>,
    /// last change
    pub updated_at: DateTime<Utc>,
}

impl RecordingRecord {
    /// Whether another invocation may still be uploading this version at `now`.
    pub fn claim_is_live(&self, now: DateTime<Utc>) -> bool {
        self.status.is_claim() && self.claim_expires_at.is_some_and(|end| end > now)
    }

    /// A fresh record for the object at `etag`.
    pub fn new(bucket: &str, key: &str, etag: &str, status: RecordingStatus) -> Self {
        Self {
            schema: RECORD_SCHEMA.to_owned(),
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            etag: etag.to_owned(),
            status,
            reason: None,
            retryable: None,
            interaction_id: None,
            found_by: None,
            conversation_id: None,
            communication_id: None,
            file_name: None,
            upload_key: None,
            content_type: None,
            content_md5: None,
            size_bytes: None,
            audio: None,
            grade: None,
            channels: None,
            language: None,
            attempts: 0,
            claim_expires_at: None,
            uploaded_at: None,
            report_status: None,
            settled_at: None,
            dead_letter: None,
            updated_at: Utc::now(),
        }
    }
}

/// A pending marker: what the report check needs to find an upload in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingUpload {
    /// the record to update
    pub record_key: String,
    /// Genesys's `uploadKey`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_key: Option<String>,
    /// the upload's file name
    pub file_name: String,
    /// when the bytes were sent
    pub uploaded_at: DateTime<Utc>,
}

/// The record under `key`, if any.
///
/// # Errors
/// Store failures; an unreadable record.
pub async fn load_record(
    store: &StateStore,
    key: &str,
) -> Result<Option<RecordingRecord>, StoreError> {
    Ok(store
        .get_json::<RecordingRecord>(key)
        .await?
        .map(|(record, _)| record))
}

/// The record under `key` and its ETag, if any.
///
/// # Errors
/// Store failures; an unreadable record.
pub async fn load_versioned(
    store: &StateStore,
    key: &str,
) -> Result<Option<(RecordingRecord, ETag)>, StoreError> {
    store.get_json::<RecordingRecord>(key).await
}

/// Writes `record` under `key` unconditionally (records written before any claim: rejections
/// of a key no pattern explains; the report check only touches `uploaded` records).
///
/// # Errors
/// Store failures.
pub async fn save_record(
    store: &StateStore,
    key: &str,
    record: &RecordingRecord,
) -> Result<(), StoreError> {
    store
        .put_json(key, record, PutMode::Overwrite)
        .await
        .map(|_| ())
}
