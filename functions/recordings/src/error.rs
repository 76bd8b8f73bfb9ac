//! Why an invocation fails (why the function cannot start is `exsync::runtime::StartupError`).
//!
//! An S3 invocation fails when any of its recordings had a retryable failure, so S3's
//! asynchronous invocation retries it (already uploaded recordings are then skipped); rejected
//! recordings never fail it. Each error maps to a Lambda `Diagnostic` whose `errorType` names the
//! cause.

use exsync::sync::recordings::RecordingError;
use lambda_runtime::Diagnostic;

use crate::event::UnrecognisedEvent;

/// Why an invocation failed.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// the event is neither an S3 notification nor a schedule
    #[error(transparent)]
    UnrecognisedEvent(#[from] UnrecognisedEvent),
    /// some recordings failed in a way a retry may fix
    #[error("{failed} recording(s) failed and will be retried; first: {first}")]
    Retry {
        /// how many
        failed: usize,
        /// the first one's key and error
        first: String,
    },
    /// the upload-report check failed
    #[error("upload report check failed: {0}")]
    Check(#[source] RecordingError),
}

impl HandlerError {
    /// The `errorType` Lambda reports.
    pub fn error_type(&self) -> &'static str {
        match self {
            Self::UnrecognisedEvent(_) => "UnrecognisedEvent",
            Self::Retry { .. } => "RecordingUploadFailed",
            Self::Check(RecordingError::ReportUnreadable { .. }) => "UploadReportUnreadable",
            Self::Check(_) => "UploadReportCheckFailed",
        }
    }

    /// True when the invocation may succeed later.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::UnrecognisedEvent(_) => false,
            Self::Retry { .. } => true,
            Self::Check(e) => e.is_retryable(),
        }
    }
}

impl From<HandlerError> for Diagnostic {
    fn from(error: HandlerError) -> Self {
        Diagnostic {
            error_type: error.error_type().to_owned(),
            error_message: error.to_string(),
        }
    }
}
