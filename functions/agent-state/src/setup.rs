//! The cold start: configuration → Genesys client (credentials from the environment or Secrets
//! Manager), state store and mapping document → the agent-state service, built once and kept for
//! every invocation of the warm function.

use exsync::config::{Config, ConfigError};
use exsync::mapping::{Concern, parse_mapping_for};
use exsync::runtime::{RuntimeError, genesys_client, state_store};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use exsync::sync::{DocumentError, read_document};

/// The function cannot start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A variable is missing or wrong.
    #[error("configuration: {0}")]
    Config(#[from] ConfigError),
    /// The client or the store could not be set up.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// The mapping document could not be read.
    #[error("mapping document: {0}")]
    Document(#[from] DocumentError),
    /// The mapping document is invalid.
    #[error("mapping document: {0}")]
    Mapping(String),
    /// `EXSYNC_MAPPING_URL` is not set.
    #[error("EXSYNC_MAPPING_URL is not set")]
    NoMapping,
}

/// Builds the service from the configuration.
///
/// # Errors
/// When a variable is missing, the credentials or the mapping cannot be read, or the mapping is
/// invalid.
pub async fn setup(config: &Config) -> Result<AgentStateService, SetupError> {
    let client = genesys_client(config).await?;
    let store = state_store(config).await?;
    let location = config.mapping.as_ref().ok_or(SetupError::NoMapping)?;
    let text = read_document(location, &config.aws).await?;
    let mapping = parse_mapping_for(&text, Concern::AgentState)
        .map_err(|e| SetupError::Mapping(e.to_string()))?;
    Ok(AgentStateService::new(
        client,
        store,
        mapping,
        AgentStateOptions::default(),
    ))
}
