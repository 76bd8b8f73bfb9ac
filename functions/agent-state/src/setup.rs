//! The cold start: configuration → Genesys client (credentials from the environment or Secrets
//! Manager), state store and mapping document → the agent-state service, built once and kept for
//! every invocation of the warm function.

use exsync::config::Config;
use exsync::mapping::Concern;
use exsync::runtime::{StartupError, genesys_client_one_token, mapping, state_store};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};

/// Builds the service from the configuration.
///
/// # Errors
/// When a variable is missing, the credentials or the mapping cannot be read, or the mapping is
/// invalid.
pub async fn setup(config: &Config) -> Result<AgentStateService, StartupError> {
    let client = genesys_client_one_token(config).await?;
    let store = state_store(config).await?;
    let mapping = mapping(config, Concern::AgentState).await?;
    Ok(AgentStateService::new(
        client,
        store,
        mapping,
        AgentStateOptions::default(),
    ))
}
