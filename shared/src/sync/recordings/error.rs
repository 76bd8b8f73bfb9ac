//! [`RecordingError`]: why uploading a recording failed (as opposed to the recording being
//! refused, which is a [`crate::audio::Rejection`] or a missing interaction).

use super::source::SourceError;
use super::transfer::UploadError;
use crate::genesys::GenesysError;
use crate::store::StoreError;

/// Why an upload failed.
#[derive(Debug, thiserror::Error)]
pub enum RecordingError {
    /// The state store failed.
    #[error("state store: {0}")]
    Store(#[from] StoreError),
    /// Reading the recording failed.
    #[error("reading the recording: {0}")]
    Source(#[from] SourceError),
    /// Genesys refused or failed the upload-URL request or the report.
    #[error("genesys: {0}")]
    Genesys(#[from] GenesysError),
    /// The presigned PUT failed (or its URL was refused).
    #[error("{0}")]
    Upload(#[from] UploadError),
    /// Config sync has not registered the presence source yet, so the ids cannot be derived.
    #[error(
        "the id map has no presenceSourceId yet (config sync registers it); the conversation id cannot be derived"
    )]
    NoPresenceSource,
    /// The mapping's file-name template is invalid.
    #[error("the file-name template {template:?} is invalid: {reason}")]
    FileName {
        /// the template
        template: String,
        /// why
        reason: String,
    },
    /// The object's size changed between the header read and the MD5 pass.
    #[error("the object streamed {streamed} bytes where {expected} were expected")]
    SizeChanged {
        /// bytes the object had
        expected: u64,
        /// bytes streamed
        streamed: u64,
    },
    /// A sidecar arrived while its recording's own event is still being handled.
    #[error("the recording's own event has not been handled yet; the sidecar's event is retried")]
    RecordingNotHandledYet,
    /// Another invocation holds the upload of this version (see `steps.rs`).
    #[error("another invocation is uploading this version until {until}; the event is retried")]
    UploadInProgress {
        /// when its claim expires
        until: chrono::DateTime<chrono::Utc>,
    },
    /// A completed upload report could not be read: every upload it should settle would stay
    /// pending for ever, so this is an error (with its own metric and alarm), not "no rows".
    #[error("upload report {report_id} cannot be read: {reason}")]
    ReportUnreadable {
        /// the report's id
        report_id: String,
        /// what is wrong with it
        reason: String,
    },
    /// The invocation ran out of time.
    #[error("the invocation's deadline passed while {during}")]
    DeadlineExceeded {
        /// what was going on
        during: &'static str,
    },
}

impl RecordingError {
    /// Whether the object changed or vanished while it was being read: its newer version (or
    /// its deletion) has an event of its own, so this one has nothing left to do.
    pub fn is_superseded(&self) -> bool {
        let source = match self {
            Self::Source(e) | Self::Upload(UploadError::Source(e)) => e,
            _ => return false,
        };
        matches!(
            source,
            SourceError::Changed { .. } | SourceError::NotFound { .. }
        )
    }

    /// Whether the event should be retried (S3/Lambda asynchronous retries).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Store(e) => e.is_retryable(),
            Self::Source(e) => e.is_retryable(),
            Self::Genesys(e) => e.is_retryable(),
            Self::Upload(e) => e.is_retryable(),
            Self::NoPresenceSource
            | Self::SizeChanged { .. }
            | Self::RecordingNotHandledYet
            | Self::UploadInProgress { .. }
            | Self::DeadlineExceeded { .. } => true,
            Self::FileName { .. } | Self::ReportUnreadable { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_or_vanished_object_is_superseded_not_failed() {
        let changed = SourceError::Changed { key: "k".into() };
        let gone = SourceError::NotFound { key: "k".into() };

        assert!(RecordingError::Source(changed.clone()).is_superseded());
        assert!(RecordingError::Upload(UploadError::Source(gone)).is_superseded());
        assert!(!RecordingError::NoPresenceSource.is_superseded());
    }
}
