//! The connection `plan` and `apply` use: Genesys from the `GENESYS_*` environment, the state
//! store from `--state-url` or `EXSYNC_STATE_URL`.

use std::path::Path;

use anyhow::Context as _;
use exsync::config::{Config, Location};
use exsync::genesys::GenesysClient;
use exsync::store::StateStore;

/// A Genesys client and the state store.
#[derive(Debug)]
pub struct Connection {
    /// the client, with the configured rate budget
    pub client: GenesysClient,
    /// the state store (id map, reports)
    pub store: StateStore,
    /// where the store is, for messages
    pub state: String,
}

/// Connects from the environment; `state_url` overrides `EXSYNC_STATE_URL`.
///
/// # Errors
/// A missing or malformed variable (named), an unreadable credentials secret, no state store.
pub async fn connect(state_url: Option<&str>) -> anyhow::Result<Connection> {
    let config = Config::from_env()
        .context("reading the configuration from the environment (GENESYS_*, EXSYNC_*)")?;
    let client = exsync::runtime::genesys_client(&config)
        .await
        .context("setting up the Genesys client")?;
    let location = match state_url {
        Some(value) => parse_state(value)?,
        None => config.state.clone().context(
            "no state store: set EXSYNC_STATE_URL or pass --state-url (s3://bucket/prefix, file:///path or a directory)",
        )?,
    };
    let store = StateStore::open(&location, &config.aws).await;
    Ok(Connection {
        client,
        store,
        state: location.to_string(),
    })
}

/// `s3://…`, `file:///…`, or a plain directory path.
///
/// # Errors
/// A malformed URL.
pub fn parse_state(value: &str) -> anyhow::Result<Location> {
    if value.contains("://") {
        return Location::parse(value)
            .map_err(|reason| anyhow::anyhow!("--state-url {value}: {reason}"));
    }
    let path = std::path::absolute(Path::new(value))
        .with_context(|| format!("--state-url {value}: not a usable path"))?;
    Ok(Location::File(path))
}
