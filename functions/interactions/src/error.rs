//! What fails a whole invocation (every message then comes back; per-message failures are batch
//! item failures, not errors). Why the function cannot start is `exsync::runtime::StartupError`.

use exsync::sync::interactions::InteractionsError;
use lambda_runtime::Diagnostic;

/// An invocation failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// Nothing could be done for any message (id map unreadable, no presence source).
    #[error(transparent)]
    Interactions(#[from] InteractionsError),
    /// The event is neither an SQS nor a Kinesis batch.
    #[error("unreadable event")]
    Event(#[source] serde_json::Error),
}

impl HandlerError {
    /// The `errorType` the runtime reports.
    pub fn error_type(&self) -> &'static str {
        match self {
            Self::Interactions(InteractionsError::Store(_)) => "StateStoreUnavailable",
            Self::Interactions(InteractionsError::NoPresenceSource(_)) => "NoPresenceSource",
            Self::Event(_) => "UnreadableEvent",
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
