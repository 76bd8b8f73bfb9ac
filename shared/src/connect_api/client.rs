//! The Connect SDK client: from the normal AWS configuration (region, credentials, and the
//! standard endpoint override `AWS_ENDPOINT_URL_CONNECT`, else `AWS_ENDPOINT_URL`, which
//! aws-config 1.13 honours per service), or pointed at a loopback fake; and the retry settings a
//! full read needs.
//!
//! The SDK retries the coded throttling errors (`ThrottlingException`, `TooManyRequestsException`)
//! and 5xx on its own, with jittered exponential backoff, but makes 3 attempts by default and does
//! not retry a bare 429 without an error code. [`for_reading`] raises the attempts (the mapping's
//! `connect.pacing.maxAttempts`) and adds [`BareTooManyRequests`].

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_sdk_connect::config::interceptors::InterceptorContext;
use aws_sdk_connect::config::retry::{ClassifyRetry, RetryAction, RetryConfig};
use aws_sdk_connect::config::{Credentials, Region};

use crate::mapping::ConnectPacing;

/// The first retry's backoff (doubling, jittered, up to [`MAX_BACKOFF`]).
pub const INITIAL_BACKOFF: Duration = Duration::from_secs(1);

/// The longest backoff between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// A client from the environment's AWS configuration (built once, at cold start).
pub async fn client_from_env() -> aws_sdk_connect::Client {
    let sdk = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(INITIAL_BACKOFF)
                .with_max_backoff(MAX_BACKOFF),
        )
        .load()
        .await;
    aws_sdk_connect::Client::new(&sdk)
}

/// A client for a fake Connect API on loopback (tests, the demo): fixed region and credentials,
/// and backoffs of milliseconds so that throttled requests retry quickly.
pub fn loopback_client(endpoint: &str) -> aws_sdk_connect::Client {
    let config = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("eu-central-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "loopback"))
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(2))
                .with_max_backoff(Duration::from_millis(20)),
        )
        .build();
    aws_sdk_connect::Client::from_conf(config)
}

/// `client` with the retries a full read needs: `pacing.max_attempts` attempts (the client's
/// backoffs kept) and a bare 429 retried as throttling.
pub fn for_reading(
    client: &aws_sdk_connect::Client,
    pacing: &ConnectPacing,
) -> aws_sdk_connect::Client {
    let config = client.config();
    let retry = config
        .retry_config()
        .cloned()
        .unwrap_or_else(RetryConfig::standard)
        .with_max_attempts(pacing.max_attempts.max(1));
    let config = config
        .to_builder()
        .retry_config(retry)
        .retry_classifier(BareTooManyRequests)
        .build();
    aws_sdk_connect::Client::from_conf(config)
}

/// Retries HTTP 429 as a throttling error when the response names no error code (the SDK's own
/// classifiers retry a 429 only by its code).
#[derive(Debug, Clone, Copy)]
pub struct BareTooManyRequests;

impl ClassifyRetry for BareTooManyRequests {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        match ctx.response().map(|r| r.status().as_u16()) {
            Some(429) => RetryAction::throttling_error(),
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "exsync: bare 429 is throttling"
    }
}
