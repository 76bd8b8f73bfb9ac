//! Cold start: the handler's dependencies, built once from [`Config`].
//!
//! The mapping document (`EXSYNC_MAPPING_URL`, optional) is read once: its `interactions` and
//! `events` sections give the batch sizes and the routing-status option; without it the defaults
//! apply (100 events per call, no routing status).

use std::time::Duration;

use exsync::config::Config;
use exsync::genesys::GenesysClient;
use exsync::lambda::Budget;
use exsync::mapping::Concern;
use exsync::runtime::{StartupError, genesys_client_one_token, mapping, state_store};
use exsync::store::StateStore;
use exsync::sync::interactions::InteractionSettings;

/// Time kept back from the Lambda deadline for saving state records and answering the runtime;
/// 60 s when the invocation carries no deadline (a local run).
pub const BUDGET: Budget = Budget {
    margin: Duration::from_secs(5),
    fallback: Duration::from_secs(60),
};

/// Everything the handler uses, built once per cold start.
#[derive(Debug, Clone)]
pub struct Deps {
    /// the Genesys client (one token bucket for the whole process)
    pub client: GenesysClient,
    /// the state store (id map, interaction records, dead letters)
    pub store: StateStore,
    /// batch sizes, conversion options
    pub settings: InteractionSettings,
    /// how much of an invocation a batch may take
    pub budget: Budget,
}

impl Deps {
    /// Dependencies from parts (tests, the CLI).
    pub fn new(client: GenesysClient, store: StateStore, settings: InteractionSettings) -> Self {
        Self {
            client,
            store,
            settings,
            budget: BUDGET,
        }
    }

    /// Builds the client, the store and the settings from `config`.
    ///
    /// # Errors
    /// A missing `EXSYNC_STATE_URL`, credentials that cannot be read, a client that cannot be
    /// built, or a mapping document that cannot be read or is invalid.
    pub async fn from_config(config: &Config) -> Result<Self, StartupError> {
        let store = state_store(config).await?;
        // the credentials come from the environment or, in the deployed stack, Secrets Manager
        let client = genesys_client_one_token(config).await?;
        let settings = match &config.mapping {
            Some(_) => {
                InteractionSettings::from_mapping(&mapping(config, Concern::Interactions).await?)
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
