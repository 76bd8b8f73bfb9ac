//! The function's errors: what stops it from starting, and what fails a whole invocation (every
//! message then comes back; per-message failures are batch item failures, not errors).

use exsync::config::ConfigError;
use exsync::external::InputError;
use exsync::runtime::RuntimeError;
use exsync::sync::DocumentError;
use exsync::sync::interactions::InteractionsError;
use lambda_runtime::Diagnostic;

/// The function cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// A variable is missing or malformed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A required setting is absent.
    #[error("{0} is not set")]
    Missing(&'static str),
    /// The credentials could not be read (Secrets Manager) or the client could not be built.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// The mapping document could not be read.
    #[error("reading the mapping document: {0}")]
    MappingUnreadable(#[from] DocumentError),
    /// The mapping document is invalid.
    #[error("the mapping document is invalid: {0}")]
    MappingInvalid(#[from] InputError),
}

/// An invocation failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// Nothing could be done for any message (id map unreadable, no presence source).
    #[error(transparent)]
    Interactions(#[from] InteractionsError),
}

impl HandlerError {
    /// The `errorType` the runtime reports.
    pub fn error_type(&self) -> &'static str {
        match self {
            Self::Interactions(InteractionsError::Store(_)) => "StateStoreUnavailable",
            Self::Interactions(InteractionsError::NoPresenceSource(_)) => "NoPresenceSource",
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
