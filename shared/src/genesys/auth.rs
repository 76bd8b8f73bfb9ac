//! OAuth client credentials: one cached bearer token per lane of the client's token pool, shared
//! by all tasks.
//!
//! `POST {login}/oauth/token` with HTTP Basic `client_id:client_secret` and the form body
//! `grant_type=client_credentials`. The token is renewed before `expires_in` runs out and once
//! after a 401. Concurrent callers that find no valid token wait on the same lock, so fifty tasks
//! starting together cause one token request. Neither the secret nor the token is ever logged or
//! shown by `Debug`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use super::error::{ErrorBody, GenesysError};

/// Renew when less than this share of the lifetime is left (capped by [`MAX_RENEW_MARGIN`]).
const RENEW_FRACTION: u32 = 10;
/// Renew at the latest this long before expiry.
const MAX_RENEW_MARGIN: Duration = Duration::from_secs(60);

/// A bearer token and the generation it belongs to (so a 401 invalidates only that token).
pub(crate) struct Bearer {
    value: SecretString,
    generation: u64,
}

impl Bearer {
    pub(crate) fn expose(&self) -> &str {
        self.value.expose_secret()
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }
}

struct Cached {
    token: SecretString,
    renew_at: Instant,
    generation: u64,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// The client-credentials token cache.
pub(crate) struct TokenCache {
    client_id: String,
    secret: SecretString,
    token_url: Url,
    state: Mutex<Option<Cached>>,
    fetches: AtomicU64,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("client_id", &self.client_id)
            .field("secret", &"[redacted]")
            .field("token_url", &self.token_url.as_str())
            .finish_non_exhaustive()
    }
}

impl TokenCache {
    pub(crate) fn new(
        client_id: String,
        secret: SecretString,
        login_base: &Url,
    ) -> Result<Self, GenesysError> {
        let token_url = login_base
            .join("oauth/token")
            .map_err(|e| GenesysError::Url {
                path: "/oauth/token".into(),
                message: e.to_string(),
            })?;
        Ok(Self {
            client_id,
            secret,
            token_url,
            state: Mutex::new(None),
            fetches: AtomicU64::new(0),
        })
    }

    /// How many token requests were made so far.
    pub(crate) fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// A valid bearer token, fetched only if none is cached or it is about to expire.
    pub(crate) async fn bearer(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Bearer, GenesysError> {
        let mut guard = self.state.lock().await;
        if let Some(cached) = guard.as_ref()
            && Instant::now() < cached.renew_at
        {
            return Ok(Bearer {
                value: cached.token.clone(),
                generation: cached.generation,
            });
        }
        let generation = self.fetches.load(Ordering::Relaxed) + 1;
        let fresh = self.fetch(http, timeout, generation).await?;
        let bearer = Bearer {
            value: fresh.token.clone(),
            generation,
        };
        *guard = Some(fresh);
        Ok(bearer)
    }

    /// Forgets the token of `generation` after a 401, unless a newer one replaced it already.
    pub(crate) async fn invalidate(&self, generation: u64) {
        let mut guard = self.state.lock().await;
        if guard.as_ref().is_some_and(|c| c.generation == generation) {
            *guard = None;
        }
    }

    async fn fetch(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
        generation: u64,
    ) -> Result<Cached, GenesysError> {
        self.fetches.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(client_id = %self.client_id, "requesting oauth token");
        let transport = |source| GenesysError::Transport {
            method: "POST".into(),
            path: "/oauth/token".into(),
            source,
        };
        let response = http
            .post(self.token_url.clone())
            .basic_auth(&self.client_id, Some(self.secret.expose_secret()))
            .form(&[("grant_type", "client_credentials")])
            .timeout(timeout)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(transport)?;
        if !(200..300).contains(&status) {
            let parsed: ErrorBody = serde_json::from_slice(&body).unwrap_or_default();
            let message = parsed
                .message
                .or_else(|| token_error_description(&body))
                .unwrap_or_else(|| format!("http {status}"));
            return Err(GenesysError::Auth { status, message });
        }
        let token: TokenResponse =
            serde_json::from_slice(&body).map_err(|source| GenesysError::Decode {
                method: "POST".into(),
                path: "/oauth/token".into(),
                source,
            })?;
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let margin = (lifetime / RENEW_FRACTION).min(MAX_RENEW_MARGIN);
        Ok(Cached {
            token: SecretString::from(token.access_token),
            renew_at: Instant::now() + lifetime.saturating_sub(margin),
            generation,
        })
    }
}

/// The OAuth `error_description` of a token error body, if present.
fn token_error_description(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct OAuthError {
        error: Option<String>,
        error_description: Option<String>,
    }
    let e: OAuthError = serde_json::from_slice(body).ok()?;
    e.error_description.or(e.error)
}
