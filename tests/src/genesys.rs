//! The emulator, started in-process, and an exsync client pointed at it.

use std::num::NonZeroU32;
use std::time::Duration;

use exsync::genesys::{
    ClientOptions, Endpoints, GenesysClient, OAuthClient, OAuthClients, TokensPerClient,
};
use genesys_emulator::{EmulatorConfig, EmulatorHandle};
use secrecy::SecretString;
use url::Url;

/// A running emulator and a client for it.
#[derive(Debug)]
pub struct Genesys {
    /// the emulator (admin side: request log, state, faults)
    pub emulator: EmulatorHandle,
    /// an exsync client with a generous budget
    pub client: GenesysClient,
}

/// Client options for tests: fast pacing, tiny backoff.
pub fn test_client_options() -> ClientOptions {
    ClientOptions {
        rate_per_minute: NonZeroU32::new(600_000).unwrap_or(NonZeroU32::MIN),
        burst: NonZeroU32::new(1_000).unwrap_or(NonZeroU32::MIN),
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(50),
        ..ClientOptions::default()
    }
}

impl Genesys {
    /// Starts an emulator with `config` and a client with `options`.
    ///
    /// # Panics
    /// When the emulator cannot start.
    pub async fn start_with(config: EmulatorConfig, options: ClientOptions) -> Self {
        Self::start_pooled(config, 1, options).await
    }

    /// Starts an emulator with `config` and a client holding `tokens_per_client` tokens for
    /// each OAuth client the emulator knows (its client, then its extra clients), each token
    /// paced at `options`.
    ///
    /// # Panics
    /// When the emulator cannot start or `tokens_per_client` is not 1 to 20.
    pub async fn start_pooled(
        config: EmulatorConfig,
        tokens_per_client: u32,
        options: ClientOptions,
    ) -> Self {
        let known = std::iter::once((config.client_id.clone(), config.client_secret.clone()))
            .chain(config.extra_clients.iter().cloned())
            .map(|(id, secret)| OAuthClient::new(id, SecretString::from(secret)))
            .collect();
        let clients = OAuthClients::new(known).unwrap_or_else(|| panic!("no oauth client"));
        let tokens = TokensPerClient::new(tokens_per_client)
            .unwrap_or_else(|| panic!("{tokens_per_client} tokens per client"));
        let (base, emulator) = genesys_emulator::start(config)
            .await
            .unwrap_or_else(|e| panic!("emulator did not start: {e}"));
        let url = Url::parse(&base).unwrap_or_else(|e| panic!("emulator url {base}: {e}"));
        let client = GenesysClient::pooled(
            Endpoints::explicit(url.clone(), url),
            &clients,
            tokens,
            options,
        )
        .unwrap_or_else(|e| panic!("client: {e}"));
        Self { emulator, client }
    }

    /// Starts an emulator with defaults.
    pub async fn start() -> Self {
        Self::start_with(EmulatorConfig::default(), test_client_options()).await
    }

    /// Requests the emulator logged that write (anything but GET).
    pub fn writes(&self) -> Vec<genesys_emulator::RequestLogEntry> {
        self.emulator
            .requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .collect()
    }
}
