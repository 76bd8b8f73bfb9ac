//! The cold start: configuration → Genesys client, state store and mapping document → the
//! agent-state service, built once and kept for every invocation of the warm function.

use exsync::config::{Config, ConfigError, Credentials};
use exsync::genesys::{ClientOptions, GenesysClient, GenesysError};
use exsync::mapping::parse_mapping;
use exsync::store::StateStore;
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use exsync::sync::{DocumentError, read_document};

/// The function cannot start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A variable is missing or wrong.
    #[error("configuration: {0}")]
    Config(#[from] ConfigError),
    /// The Genesys client could not be built.
    #[error("genesys client: {0}")]
    Genesys(#[from] GenesysError),
    /// The mapping document could not be read.
    #[error("mapping document: {0}")]
    Document(#[from] DocumentError),
    /// The mapping document is invalid.
    #[error("mapping document: {0}")]
    Mapping(String),
    /// Something the function needs is not configured or not supported.
    #[error("{0}")]
    Unsupported(&'static str),
}

/// Builds the service from the configuration.
///
/// # Errors
/// When a variable is missing, the mapping cannot be read or is invalid, or the client cannot
/// be built.
pub async fn setup(config: &Config) -> Result<AgentStateService, SetupError> {
    let (client_id, client_secret) = match &config.genesys.credentials {
        Credentials::Inline {
            client_id,
            client_secret,
        } => (client_id.clone(), client_secret.clone()),
        Credentials::SecretArn(_) => {
            return Err(SetupError::Unsupported(
                "GENESYS_CLIENT_SECRET_ARN is not read by this build yet; set GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET",
            ));
        }
    };
    let options = ClientOptions {
        rate_per_minute: config.genesys.rate_per_minute,
        ..ClientOptions::default()
    };
    let client = GenesysClient::new(
        config.genesys.endpoints.clone(),
        client_id,
        client_secret,
        options,
    )?;
    let state = config
        .state
        .as_ref()
        .ok_or(SetupError::Unsupported("EXSYNC_STATE_URL is not set"))?;
    let mapping_location = config
        .mapping
        .as_ref()
        .ok_or(SetupError::Unsupported("EXSYNC_MAPPING_URL is not set"))?;
    let store = StateStore::open(state, &config.aws).await;
    let text = read_document(mapping_location, &config.aws).await?;
    let mapping = parse_mapping(&text).map_err(|e| SetupError::Mapping(e.to_string()))?;
    Ok(AgentStateService::new(
        client,
        store,
        mapping,
        AgentStateOptions::default(),
    ))
}
