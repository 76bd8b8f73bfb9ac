//! Why an invocation fails, and why the function cannot start.
//!
//! An S3 invocation fails when any of its recordings had a retryable failure, so S3's
//! asynchronous invocation retries it (already uploaded recordings are then skipped); rejected
//! recordings never fail it. Each error maps to a Lambda `Diagnostic` whose `errorType` names the
//! cause.

use exsync::config::ConfigError;
use exsync::runtime::RuntimeError;
use exsync::sync::DocumentError;
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

/// Why the function cannot start (cold start).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// a variable is missing or malformed
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// the Genesys credentials, client or store could not be set up
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// `EXSYNC_MAPPING_URL` is not set
    #[error("EXSYNC_MAPPING_URL is not set (the recording rules live in the mapping)")]
    NoMapping,
    /// the mapping could not be read
    #[error("mapping document: {0}")]
    Document(#[from] DocumentError),
    /// the mapping is invalid
    #[error("mapping document: {0}")]
    Mapping(String),
    /// `EXSYNC_UPLOAD_HOSTS` has an entry that is not a host
    #[error("EXSYNC_UPLOAD_HOSTS: {0}")]
    UploadHosts(String),
    /// the HTTP client for presigned URLs could not be built
    #[error("upload http client: {0}")]
    Http(String),
}
