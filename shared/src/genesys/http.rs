//! The client core: rate limit, bearer token, retries, all bounded by the caller's deadline.
//!
//! Every call waits for a lane of the client's token pool (`pool.rs`: one lane by default, each a
//! bearer token with its own token bucket, shared by all tasks), sends with that lane's cached
//! token, and then:
//! - 2xx: done;
//! - 401: renews that lane's token once and resends;
//! - 429: waits `Retry-After` seconds and resends;
//! - 408, 500, 502, 503, 504 and transport errors: jittered exponential backoff, then resends;
//! - anything else: a [`GenesysError::Api`] with status, code, message and correlation id.
//!
//! No wait ever sleeps past the deadline: when it would, the call ends at once with a retryable
//! error that says how long it had waited.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use governor::Quota;
use reqwest::Method;
use secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::error::{ErrorBody, GenesysError, is_retryable_status};
use super::metrics::{ClientStats, Metrics};
use super::pool::{Lane, Lanes, OAuthClient, OAuthClients, TokensPerClient};
use super::region::Endpoints;
use crate::deadline::Deadline;

/// How the client paces and retries; the defaults follow Genesys's documented limits.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Requests per minute each of the client's tokens may send (Genesys: 300 per
    /// client-credentials token); a pool of n tokens sends up to n times this.
    pub rate_per_minute: NonZeroU32,
    /// Requests that may go out back to back before pacing starts (a cold start's first calls
    /// need not wait). The bucket refills at `rate_per_minute − burst` a minute: no minute holds
    /// more than `rate_per_minute − 1` requests as sent (`rate_per_minute` when the burst is the
    /// whole budget), so one that is delayed on its way by up to a refill interval (203 ms at the
    /// defaults) still cannot make Genesys count one too many.
    pub burst: NonZeroU32,
    /// Upper bound for one HTTP exchange.
    pub request_timeout: Duration,
    /// First backoff step after a transient failure; doubles each attempt.
    pub backoff_base: Duration,
    /// Largest backoff step.
    pub backoff_max: Duration,
    /// Attempts for one call that keeps failing with 408/5xx/transport errors (429s do not count).
    pub max_attempts: u32,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            rate_per_minute: NonZeroU32::new(300).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::new(DEFAULT_BURST).unwrap_or(NonZeroU32::MIN),
            request_timeout: Duration::from_secs(30),
            backoff_base: Duration::from_millis(200),
            backoff_max: Duration::from_secs(10),
            max_attempts: 6,
        }
    }
}

/// Requests a client may send back to back by default: enough for a cold start's first calls.
pub const DEFAULT_BURST: u32 = 5;

/// The token bucket: `burst` requests at once, refilled so that no minute holds more than
/// `rate − 1` (the burst is taken off the refill rate, one request of it as slack for requests
/// that arrive later than they were sent); a burst of the whole budget refills once a minute.
fn quota(rate: NonZeroU32, burst: NonZeroU32) -> Quota {
    let burst = burst.min(rate);
    let refill = rate.get().saturating_sub(burst.get()).max(1);
    // rounded up: `refill` periods must not fit inside a minute
    let period = Duration::from_nanos(60_000_000_000_u64.div_ceil(u64::from(refill)));
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

/// The Genesys Cloud Platform API client. Cheap to clone; clones share tokens, buckets and stats.
#[derive(Clone, Debug)]
pub struct GenesysClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoints: Endpoints,
    lanes: Lanes,
    options: ClientOptions,
    metrics: Metrics,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GenesysClient")
            .field("api_base", &self.endpoints.api_base.as_str())
            .field("lanes", &self.lanes)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// One API call, before it is sent.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
}

impl<'a> Call<'a> {
    pub(crate) fn new(method: Method, path: &'a str) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    pub(crate) fn query(mut self, name: &'static str, value: impl ToString) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, GenesysError> {
        let bytes = serde_json::to_vec(body).map_err(|source| GenesysError::Decode {
            method: self.method.to_string(),
            path: self.path.to_owned(),
            source,
        })?;
        self.body = Some(bytes);
        Ok(self)
    }
}

impl GenesysClient {
    /// A client for `endpoints` with one OAuth client, one token and the given options.
    ///
    /// # Errors
    /// When the HTTP client cannot be built or the login URL cannot be formed.
    pub fn new(
        endpoints: Endpoints,
        client_id: String,
        client_secret: SecretString,
        options: ClientOptions,
    ) -> Result<Self, GenesysError> {
        let client = OAuthClient::new(client_id, client_secret);
        Self::pooled(
            endpoints,
            &OAuthClients::from(client),
            TokensPerClient::ONE,
            options,
        )
    }

    /// A client holding a pool of `tokens_per_client` tokens for each of `clients`, each token
    /// with its own budget of `options.rate_per_minute` (and `options.burst`).
    ///
    /// # Errors
    /// When the HTTP client cannot be built or the login URL cannot be formed.
    pub fn pooled(
        endpoints: Endpoints,
        clients: &OAuthClients,
        tokens_per_client: TokensPerClient,
        options: ClientOptions,
    ) -> Result<Self, GenesysError> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("exsync/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|source| GenesysError::Transport {
                method: "-".into(),
                path: "-".into(),
                source,
            })?;
        let quota = quota(options.rate_per_minute, options.burst);
        let lanes = Lanes::new(clients, tokens_per_client, quota, &endpoints.login_base)?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                endpoints,
                lanes,
                options,
                metrics: Metrics::default(),
            }),
        })
    }

    /// The API base URL this client talks to.
    pub fn api_base(&self) -> &Url {
        &self.inner.endpoints.api_base
    }

    /// Counters since the client was built, over all its tokens: calls, retries, 429s, time
    /// waited, token requests.
    pub fn stats(&self) -> ClientStats {
        self.inner
            .metrics
            .snapshot(self.inner.lanes.token_requests())
    }

    /// How many tokens (each with its own budget) the client sends through.
    pub fn tokens(&self) -> usize {
        self.inner.lanes.len()
    }

    /// Sends a call and decodes a JSON answer.
    pub(crate) async fn send_json<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
        deadline: Deadline,
    ) -> Result<T, GenesysError> {
        let method = call.method.to_string();
        let path = call.path.to_owned();
        let body = self.send(call, deadline).await?;
        let slice: &[u8] = if body.is_empty() { b"null" } else { &body };
        serde_json::from_slice(slice).map_err(|source| GenesysError::Decode {
            method,
            path,
            source,
        })
    }

    /// Sends a call whose answer carries nothing the caller needs.
    pub(crate) async fn send_unit(
        &self,
        call: Call<'_>,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        self.send(call, deadline).await.map(|_| ())
    }

    /// Sends a call with pacing, auth and retries; returns the raw body of the 2xx answer.
    pub(crate) async fn send(
        &self,
        call: Call<'_>,
        deadline: Deadline,
    ) -> Result<Bytes, GenesysError> {
        let inner = &*self.inner;
        let url = inner
            .endpoints
            .api_base
            .join(call.path.trim_start_matches('/'))
            .map_err(|e| GenesysError::Url {
                path: call.path.to_owned(),
                message: e.to_string(),
            })?;
        let transport = |source| GenesysError::Transport {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            source,
        };
        let mut wait = Waiter::new(&call, deadline, &inner.metrics);
        let mut renewed_after_401 = false;
        let mut failures = 0u32;
        loop {
            let lane = self.pace(&mut wait).await?;
            let timeout = inner.options.request_timeout.min(deadline.remaining());
            if timeout.is_zero() {
                return Err(wait.deadline_error("the deadline passed before sending"));
            }
            let bearer = match lane.auth.bearer(&inner.http, timeout).await {
                Ok(bearer) => bearer,
                Err(e) if e.is_retryable() && failures + 1 < inner.options.max_attempts => {
                    failures += 1;
                    wait.sleep(self.backoff(failures), &e.to_string()).await?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let mut request = inner
                .http
                .request(call.method.clone(), url.clone())
                .bearer_auth(bearer.expose())
                .header(reqwest::header::ACCEPT, "application/json")
                .timeout(timeout);
            if !call.query.is_empty() {
                request = request.query(&call.query);
            }
            if let Some(body) = &call.body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.clone());
            }
            inner.metrics.call();
            let response = match request.send().await {
                Ok(response) => response,
                Err(source) => {
                    let error = transport(source);
                    failures += 1;
                    if failures >= inner.options.max_attempts {
                        return Err(error);
                    }
                    tracing::warn!(method = %call.method, path = call.path, attempt = failures, error = %error, "genesys call failed, backing off");
                    wait.sleep(self.backoff(failures), &error.to_string())
                        .await?;
                    inner.metrics.retry();
                    continue;
                }
            };
            let status = response.status().as_u16();
            if (200..300).contains(&status) {
                return response.bytes().await.map_err(transport);
            }
            if status == 401 && !renewed_after_401 {
                tracing::info!(
                    path = call.path,
                    token = lane.index,
                    "genesys answered 401, renewing the token once"
                );
                lane.auth.invalidate(bearer.generation()).await;
                renewed_after_401 = true;
                inner.metrics.retry();
                continue;
            }
            if status == 429 {
                inner.metrics.throttled();
                let retry_after = retry_after(&response).unwrap_or(Duration::from_secs(1));
                tracing::info!(
                    path = call.path,
                    token = lane.index,
                    retry_after_s = retry_after.as_secs_f64(),
                    "genesys rate limit hit (429)"
                );
                wait.sleep(
                    retry_after,
                    &format!("429 Retry-After {}s", retry_after.as_secs()),
                )
                .await?;
                inner.metrics.retry();
                continue;
            }
            let error = api_error(&call, response).await;
            if is_retryable_status(status) {
                failures += 1;
                if failures < inner.options.max_attempts {
                    tracing::warn!(method = %call.method, path = call.path, status, attempt = failures, correlation_id = error.correlation_id(), "transient genesys error, backing off");
                    wait.sleep(self.backoff(failures), &error.to_string())
                        .await?;
                    inner.metrics.retry();
                    continue;
                }
            }
            return Err(error);
        }
    }

    /// Waits for a lane whose token bucket has room, without sleeping past the deadline.
    async fn pace(&self, wait: &mut Waiter<'_>) -> Result<&Lane, GenesysError> {
        loop {
            match self.inner.lanes.take() {
                Ok(lane) => return Ok(lane),
                Err(pause) => wait.sleep(pause, "the client's request budget").await?,
            }
        }
    }

    /// Jittered exponential backoff for the n-th failure (1-based): between half and all of
    /// `base * 2^(n-1)`, capped.
    fn backoff(&self, failures: u32) -> Duration {
        let o = &self.inner.options;
        let step = o
            .backoff_base
            .saturating_mul(1u32 << failures.saturating_sub(1).min(16))
            .min(o.backoff_max);
        let half = step / 2;
        half + step.saturating_sub(half).mul_f64(fastrand::f64())
    }
}

/// Keeps the time a call has waited and refuses to sleep past its deadline.
struct Waiter<'a> {
    method: String,
    path: String,
    deadline: Deadline,
    waited: Duration,
    metrics: &'a Metrics,
}

impl<'a> Waiter<'a> {
    fn new(call: &Call<'_>, deadline: Deadline, metrics: &'a Metrics) -> Self {
        Self {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            deadline,
            waited: Duration::ZERO,
            metrics,
        }
    }

    async fn sleep(&mut self, pause: Duration, reason: &str) -> Result<(), GenesysError> {
        if self.deadline.would_pass(pause) {
            return Err(
                self.deadline_error(&format!("waiting {pause:?} for {reason} would pass it"))
            );
        }
        tokio::time::sleep(pause).await;
        self.waited += pause;
        self.metrics.waited(pause);
        Ok(())
    }

    fn deadline_error(&self, reason: &str) -> GenesysError {
        GenesysError::DeadlineExceeded {
            method: self.method.clone(),
            path: self.path.clone(),
            waited: self.waited,
            reason: reason.to_owned(),
        }
    }
}

/// `Retry-After` in seconds (Genesys sends whole seconds).
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?;
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
}

/// Builds a [`GenesysError::Api`] from an error response.
async fn api_error(call: &Call<'_>, response: reqwest::Response) -> GenesysError {
    let status = response.status().as_u16();
    let correlation_id = response
        .headers()
        .get("ININ-Correlation-Id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.bytes().await.unwrap_or_default();
    let parsed: ErrorBody = serde_json::from_slice(&body).unwrap_or_default();
    let message = parsed.message.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(&body);
        let text = text.trim();
        if text.is_empty() {
            format!("http {status}")
        } else {
            text.chars().take(300).collect()
        }
    });
    GenesysError::Api {
        method: call.method.to_string(),
        path: call.path.to_owned(),
        status,
        code: parsed.code,
        message,
        correlation_id,
    }
}

#[cfg(test)]
mod tests {
    use governor::RateLimiter;
    use governor::clock::FakeRelativeClock;

    use super::*;

    fn n(v: u32) -> NonZeroU32 {
        NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN)
    }

    /// Requests the bucket lets through over `seconds`, asking every 10 ms.
    fn admitted(rate: u32, burst: u32, seconds: u64) -> (u32, u32) {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::direct_with_clock(quota(n(rate), n(burst)), clock.clone());
        let mut at_once = 0;
        while limiter.check().is_ok() {
            at_once += 1;
        }
        let mut total = at_once;
        for _ in 0..seconds * 100 {
            clock.advance(Duration::from_millis(10));
            while limiter.check().is_ok() {
                total += 1;
            }
        }
        (at_once, total)
    }

    #[test]
    fn a_burst_goes_out_at_once_and_no_minute_exceeds_the_rate() {
        let (at_once, in_a_minute) = admitted(300, 5, 59);
        assert_eq!(at_once, 5);
        assert!(
            in_a_minute <= 300,
            "{in_a_minute} requests in under a minute"
        );
        assert!(
            in_a_minute >= 290,
            "{in_a_minute}: the average rate is kept"
        );
    }

    #[test]
    fn no_window_just_short_of_a_minute_holds_the_whole_budget() {
        // asking every millisecond until 1 ms before the minute: the one request of slack holds
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::direct_with_clock(quota(n(300), n(5)), clock.clone());
        let mut admitted = 0;
        for _ in 0..60_000 {
            while limiter.check().is_ok() {
                admitted += 1;
            }
            clock.advance(Duration::from_millis(1));
        }
        assert_eq!(admitted, 299);
    }

    #[test]
    fn a_burst_larger_than_the_rate_is_the_rate() {
        let (at_once, _) = admitted(3, 50, 0);
        assert_eq!(at_once, 3);
    }
}
