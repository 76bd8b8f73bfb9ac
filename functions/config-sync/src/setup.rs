//! Cold start: the handler's dependencies, built once from [`Config`].

use std::time::Duration;

use exsync::config::{Config, Location, SnapshotSource};
use exsync::connect_api;
use exsync::genesys::GenesysClient;
use exsync::lambda::Budget;
use exsync::reconcile::ApplyOptions;
use exsync::runtime::{RuntimeError, StartupError, genesys_client, state_store};
use exsync::store::StateStore;
use exsync::sync::Documents;

/// Time kept back from the Lambda deadline for saving the id map and the report; 15 minutes when
/// the invocation carries no deadline (a local run).
pub const BUDGET: Budget = Budget {
    margin: Duration::from_secs(10),
    fallback: Duration::from_secs(15 * 60),
};

/// Where the documents are and how a run behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `EXSYNC_MAPPING_URL`
    pub mapping: Location,
    /// `EXSYNC_CONFIG_URL`: what a scheduled run reconciles against (a snapshot document or
    /// `connect://<instance-id>`)
    pub snapshot: Option<SnapshotSource>,
    /// executor options
    pub apply: ApplyOptions,
    /// how much of an invocation a run may take
    pub budget: Budget,
}

impl Settings {
    /// Settings with the default margins.
    pub fn new(mapping: Location, snapshot: Option<SnapshotSource>) -> Self {
        Self {
            mapping,
            snapshot,
            apply: ApplyOptions::default(),
            budget: BUDGET,
        }
    }
}

/// Everything the handler uses, built once per cold start.
#[derive(Debug, Clone)]
pub struct Deps {
    /// the Genesys client (one token bucket for the whole process)
    pub client: GenesysClient,
    /// the state store (id map, reports)
    pub store: StateStore,
    /// the document reader (snapshot, mapping)
    pub documents: Documents,
    /// the Amazon Connect client, when `EXSYNC_CONFIG_URL` names an instance
    pub connect: Option<connect_api::Client>,
    /// locations and run options
    pub settings: Settings,
}

impl Deps {
    /// Builds the client (credentials inline or from Secrets Manager), the store, the
    /// document reader and (for a `connect://` snapshot) the Connect client from `config`.
    ///
    /// # Errors
    /// A missing `EXSYNC_STATE_URL` or `EXSYNC_MAPPING_URL`, an unreadable credentials secret,
    /// or a client that cannot be built.
    pub async fn from_config(config: &Config) -> Result<Self, StartupError> {
        let store = state_store(config).await?;
        let mapping = config
            .mapping
            .clone()
            .ok_or(RuntimeError::Missing("EXSYNC_MAPPING_URL"))?;
        let connect = match &config.snapshot {
            Some(SnapshotSource::Connect(_)) => Some(connect_api::client_from_env().await),
            _ => None,
        };
        Ok(Self {
            client: genesys_client(config).await?,
            store,
            documents: Documents::new(exsync::store::s3_client(&config.aws).await),
            connect,
            settings: Settings::new(mapping, config.snapshot.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn config(extra: &[(&str, &str)]) -> Config {
        let mut vars = vec![
            ("GENESYS_API_BASE", "http://127.0.0.1:9"),
            ("GENESYS_LOGIN_BASE", "http://127.0.0.1:9"),
            ("EXSYNC_STATE_URL", "file:///tmp/exsync-state"),
            ("EXSYNC_MAPPING_URL", "file:///tmp/mapping.json"),
        ];
        vars.extend_from_slice(extra);
        Config::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
        .unwrap()
    }

    #[tokio::test]
    async fn missing_mapping_url_is_named() {
        let mut config = config(&[("GENESYS_CLIENT_ID", "id"), ("GENESYS_CLIENT_SECRET", "s")]);
        config.mapping = None;

        let error = Deps::from_config(&config).await.unwrap_err();

        assert_eq!(error.to_string(), "EXSYNC_MAPPING_URL is not set");
    }

    #[tokio::test]
    async fn a_connect_snapshot_source_builds_a_connect_client() {
        let config = config(&[
            ("GENESYS_CLIENT_ID", "id"),
            ("GENESYS_CLIENT_SECRET", "s"),
            (
                "EXSYNC_CONFIG_URL",
                "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b",
            ),
        ]);

        let deps = Deps::from_config(&config).await.unwrap();

        assert!(deps.connect.is_some());
        assert_eq!(
            deps.settings.snapshot.map(|s| s.to_string()).as_deref(),
            Some("connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b")
        );
    }

    #[tokio::test]
    async fn inline_credentials_and_file_locations_build_a_dir_store() {
        let config = config(&[("GENESYS_CLIENT_ID", "id"), ("GENESYS_CLIENT_SECRET", "s")]);

        let deps = Deps::from_config(&config).await.unwrap();

        assert!(matches!(deps.store, StateStore::Dir(_)));
        assert_eq!(deps.settings.snapshot, None);
        assert!(deps.connect.is_none());
        assert_eq!(deps.settings.budget, BUDGET);
    }
}
