//! Cold start: the handler's dependencies, built once from [`Config`].
//!
//! The mapping document (`EXSYNC_MAPPING_URL`, optional) is read once: its `interactions` and
//! `events` sections give the batch sizes and the routing-status option; without it the defaults
//! apply (100 events per call, no routing status).

use std::time::Duration;

use exsync::config::Config;
use exsync::genesys::GenesysClient;
use exsync::mapping::{Concern, parse_mapping_for};
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
    /// A missing `EXSYNC_STATE_URL`, credentials that cannot be read, a client that cannot be
    /// built, or a mapping document that cannot be read or is invalid.
    pub async fn from_config(config: &Config) -> Result<Self, StartupError> {
        let state = config
            .state
            .as_ref()
            .ok_or(StartupError::Missing("EXSYNC_STATE_URL"))?;
        // the credentials come from the environment or, in the deployed stack, Secrets Manager
        let client = exsync::runtime::genesys_client(config).await?;
        let store = StateStore::open(state, &config.aws).await;
        let settings = match &config.mapping {
            Some(location) => {
                let text = read_document(location, &config.aws).await?;
                InteractionSettings::from_mapping(&parse_mapping_for(&text, Concern::Interactions)?)
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
