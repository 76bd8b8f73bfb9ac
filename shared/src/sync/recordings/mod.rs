//! Recordings: audio the external platform drops into the inbound bucket, uploaded into Genesys
//! Cloud (`POST /api/v2/uploads/recordings`, then a presigned PUT; api-reference §7) and bound
//! to the interaction's conversation by file name.
//!
//! | file | what |
//! |---|---|
//! | `key.rs` | [`decode_event_key`] (S3 event keys), sidecar keys, [`key_hash`] (pure; state-store keys are in [`crate::store::keys`]) |
//! | `locate.rs` | [`locate`]: the interaction from the sidecar or the key patterns (pure) |
//! | `hosts.rs` | [`UploadHosts`]: where a presigned URL may point (pure) |
//! | `s3_endpoint.rs` | whether a host is an Amazon S3 endpoint, the default upload host (pure) |
//! | `source/` | [`ObjectSource`]: the bucket (or a directory, for the demo): head, ranges, streams |
//! | `probe.rs` | [`probe`]: ranged reads until [`crate::audio::inspect`] knows the audio |
//! | `transfer.rs` | [`digest`] (MD5 pass) and [`Uploader`] (the presigned PUT, no token) |
//! | `upload.rs` | [`UploadSettings`]; MD5, URL request and PUT with a fresh URL per attempt |
//! | `connect.rs` | Amazon Connect's recordings: found through the CTR, Connect's channel layout, waiting for a late CTR ([`resume_waiting`]) |
//! | `run.rs` | [`upload_recording`]: the use case for one dropped object |
//! | `steps.rs` | the upload as a state machine in its record: claimed → url requested → uploaded |
//! | `sidecar.rs` | reading a sidecar; when a sidecar's own event runs its recording |
//! | `failure.rs` | refusing (dead letter) and failing (retry or dead letter) |
//! | `record.rs` | [`RecordingRecord`]: the per-recording record; pending markers |
//! | `dead_letter.rs` | dead letters `dead-letters/recordings/<date>/<key-hash>.json` |
//! | `check.rs` | [`check_uploads`]: the scheduled upload-report check |
//! | `outcome.rs` | [`RecordingOutcome`], [`DropsOutcome`] |
//! | `error.rs` | [`RecordingError`] with `is_retryable()` |
//!
//! # Decisions
//!
//! - **Binding.** The file name comes from the mapping's template (default
//!   `{conversationId}_{communicationId}.{ext}`), with the conversation id and the first agent's
//!   communication id derived exactly as the interactions function derives them
//!   ([`crate::sync::interactions::conversation_ids`]), so a recording binds whether it arrives
//!   before or after its conversation (`WaitForConversation`). `{ext}` is the format found in the
//!   content (`wav`, `opus`, `mp3`), never the key's extension.
//! - **Never the whole file in memory.** The header is read by ranged GETs; the MD5 pass and the
//!   PUT each stream the object once, pinned to its ETag (`If-Match`), so both see one version.
//!   An object whose ETag is its MD5 (single-part, plain or SSE-S3: [`etag_md5`]) skips the MD5
//!   pass and is read once; the PUT's `Content-MD5` still makes the upload host check the bytes.
//! - **Grades, not gates.** A recording short of the speech-analytics profile is uploaded as
//!   archive-only; the grade is recorded. Only unreadable files and recordings without an
//!   interaction are refused.
//! - **Failures.** Refused → record + dead letter, acknowledged. Upload failure → retryable
//!   (transport, 5xx, 429, expired URL, store, no presence source yet) fails the invocation so
//!   S3/Lambda retries it; permanent (refused host, signature mismatch, Genesys 4xx, invalid
//!   template) → record + dead letter. A redelivery of the same key and ETag once uploaded is
//!   skipped.
//! - **Once.** The upload of a key and ETag is claimed in its record with a conditional write
//!   before the upload URL is asked for, so of concurrent deliveries one uploads; the others are
//!   retried and then skip it (`steps.rs`, with what a crash at each step leads to).
//! - **Sidecars.** The sidecar (`<key>.json`) wins over the key patterns. When the sidecar lands
//!   after its recording, its own event re-runs a recording that was refused or failed without
//!   it, and is retried while the recording's event is still in flight, so the two events never
//!   upload one recording twice.

mod check;
mod connect;
mod dead_letter;
mod error;
mod failure;
mod hosts;
mod key;
mod locate;
mod outcome;
mod probe;
mod record;
mod run;
mod s3_endpoint;
mod sidecar;
mod source;
mod steps;
mod transfer;
mod upload;

pub use check::{CheckOptions, CheckOutcome, DEFAULT_OVERDUE_AFTER, check_uploads, is_overdue};
pub use connect::{
    CONNECT_CHANNELS, WaitingOutcome, WaitingRecording, resume_waiting, waiting_marker,
};
pub use dead_letter::RecordingDeadLetter;
pub use error::RecordingError;
pub use hosts::{HostRefused, UploadHosts};
pub use key::{
    KeyError, decode_event_key, is_sidecar, key_hash, recording_of_sidecar, sidecar_key,
};
pub use locate::{FoundBy, Located, locate};
pub use outcome::{Disposition, DropsOutcome, RecordingOutcome};
pub use probe::{Probed, probe};
pub use record::{
    AudioSummary, GradeLevel, GradeSummary, PendingUpload, RECORD_SCHEMA, RecordingRecord,
    RecordingStatus, load_record, load_versioned,
};
pub use run::{ConnectRecordings, DroppedObject, RecordingsContext, upload_recording};
pub use source::{ChunkStream, ObjectMeta, ObjectSource, SourceError, etag_md5};
pub use steps::MAX_CLAIM;
pub use transfer::{ContentDigest, PutReceipt, UploadError, Uploader, digest};
pub use upload::UploadSettings;
