//! Why an invocation fails as a whole (the runtime reports it and SQS retries the whole batch);
//! per-message failures are batch item failures, not errors.

use exsync::sync::agent_state::AgentStateError;
use lambda_runtime::Diagnostic;

/// The batch could not be taken at all; the runtime reports it and SQS retries the whole batch.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// The use case failed as a whole.
    #[error(transparent)]
    AgentState(#[from] AgentStateError),
}

impl From<HandlerError> for Diagnostic {
    fn from(error: HandlerError) -> Self {
        let error_type = match &error {
            HandlerError::AgentState(AgentStateError::NotConfigured) => "AgentState.NotConfigured",
            HandlerError::AgentState(AgentStateError::Store(_)) => "AgentState.Store",
            HandlerError::AgentState(AgentStateError::Genesys(_)) => "AgentState.Genesys",
        };
        Diagnostic {
            error_type: error_type.into(),
            error_message: error.to_string(),
        }
    }
}
