//! Cold start: the handler's dependencies, built once from [`Config`].
//!
//! The mapping document (`EXSYNC_MAPPING_URL`, optional) is read once: its `interactions` and
//! `events` sections give the batch sizes and the routing-status option; without it the defaults
//! apply (100 events per call, no routing status).

use std::time::Duration;

use exsync::config::{Config, Credentials};
use exsync::genesys::{ClientOptions, GenesysClient};
use exsync::mapping::parse_mapping;
use exsync::store::StateStore;
use exsync::sync::interactions::InteractionSettings;
use exsync::sync::read_document;

use crate::error::StartupError;

/// Time kept back from the Lambda deadline for saving state records and answering the runtime.
pub const DEADLINE_MARGIN: Duration = Duration::from_secs(5);

/// The time budget when the invocation carries no deadline (a local run).
pub const FALLBACK_BUDGET: Duration = Duration::from_secs(60);

/// Everything the handler uses, built once per cold start.
#[derive(Debug, Clone)]
pub struct Deps {
    /// the Genesys client (one token bucket for the whole process)
    pub client: GenesysClient,
    /// the state store (id map, interaction records, dead letters)
    pub store: StateStore,
    /// batch sizes, conversion options
    pub settings: InteractionSettings,
    /// kept back from the Lambda deadline
    pub deadline_margin: Duration,
    /// the budget when the context has no deadline
    pub fallback_budget: Duration,
}

impl Deps {
    /// Dependencies from parts (tests, the CLI).
    pub fn new(client: GenesysClient, store: StateStore, settings: InteractionSettings) -> Self {
        Self {
            client,
            store,
            settings,
            deadline_margin: DEADLINE_MARGIN,
            fallback_budget: FALLBACK_BUDGET,
        }
    }

    /// Builds the client, the store and the settings from `config`.
    ///
    /// # Errors
    /// A missing `EXSYNC_STATE_URL`, credentials in Secrets Manager (not supported yet), a client
    /// that cannot be built, or a mapping document that cannot be read or is invalid.
    pub async fn from_config(config: &Config) -> Result<Self, StartupError> {
        let state = config
            .state
            .as_ref()
            .ok_or(StartupError::Missing("EXSYNC_STATE_URL"))?;
        let (client_id, client_secret) = match &config.genesys.credentials {
            Credentials::Inline {
                client_id,
                client_secret,
            } => (client_id.clone(), client_secret.clone()),
            Credentials::SecretArn(_) => return Err(StartupError::SecretArnUnsupported),
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
        let store = StateStore::open(state, &config.aws).await;
        let settings = match &config.mapping {
            Some(location) => {
                let text = read_document(location, &config.aws).await?;
                InteractionSettings::from_mapping(&parse_mapping(&text)?)
            }
            None => InteractionSettings::default(),
        };
        tracing::info!(
            batch = settings.event_batch_size,
            routing_status = settings.convert.routing_status,
            "interactions ready"
        );
        Ok(Self::new(client, store, settings))
    }
}
