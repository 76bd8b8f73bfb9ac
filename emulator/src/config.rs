//! [`EmulatorConfig`]: credentials, port, limits and the initial faults of one emulator.

use crate::faults::Faults;

/// How to start an emulator.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// OAuth client id accepted by `POST /oauth/token`.
    pub client_id: String,
    /// OAuth client secret.
    pub client_secret: String,
    /// Further OAuth clients (id, secret) `POST /oauth/token` accepts, for token pools over
    /// several clients.
    pub extra_clients: Vec<(String, String)>,
    /// Loopback port; 0 picks a free one.
    pub port: u16,
    /// Requests per minute per token (`None` = unlimited). Initial value of the faults' limit.
    pub rate_limit_per_minute: Option<u32>,
    /// Lifetime of issued tokens, seconds (`expires_in`).
    pub token_ttl_secs: u64,
    /// Default lifetime of upload URLs when the request has no `signedUrlTimeoutSeconds`.
    pub upload_url_ttl_secs: u64,
    /// Maximum events per `/api/v2/events/*` call.
    pub events_batch_limit: usize,
    /// Probability (0..1) that an API call fails with a 503. Initial fault.
    pub error_rate: f64,
    /// Latency added to every API call, milliseconds. Initial fault.
    pub latency_ms: u64,
    /// Validate every JSON response against the contract; a violation answers 500.
    pub check_responses: bool,
    /// Request-log capacity (oldest entries are dropped).
    pub request_log_limit: usize,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            client_id: "exsync-emulator".into(),
            client_secret: "emulator-secret".into(),
            extra_clients: Vec::new(),
            port: 0,
            rate_limit_per_minute: None,
            token_ttl_secs: 86_400,
            upload_url_ttl_secs: 600,
            events_batch_limit: 100,
            error_rate: 0.0,
            latency_ms: 0,
            check_responses: true,
            request_log_limit: 10_000,
        }
    }
}

impl EmulatorConfig {
    /// True when `id` and `secret` are one of the OAuth clients this emulator knows.
    pub fn accepts(&self, id: &str, secret: &str) -> bool {
        (id == self.client_id && secret == self.client_secret)
            || self
                .extra_clients
                .iter()
                .any(|(i, s)| i == id && s == secret)
    }

    /// The faults in force at start.
    pub fn initial_faults(&self) -> Faults {
        Faults {
            rate_limit_per_minute: self.rate_limit_per_minute,
            error_rate: self.error_rate,
            latency_ms: self.latency_ms,
            ..Faults::default()
        }
    }
}
