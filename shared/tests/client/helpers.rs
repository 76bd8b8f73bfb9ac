//! Shared set-up: a wiremock server with a token endpoint and a client pointed at it.

use std::num::NonZeroU32;
use std::time::Duration;

use exsync::genesys::{ClientOptions, Endpoints, GenesysClient};
use secrecy::SecretString;
use serde_json::json;
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const CLIENT_ID: &str = "test-client";
pub const CLIENT_SECRET: &str = "test-secret-do-not-log";

/// Options with tiny backoff steps so retry tests run fast.
pub fn fast_options() -> ClientOptions {
    ClientOptions {
        rate_per_minute: NonZeroU32::new(60_000).unwrap(),
        burst: NonZeroU32::new(1_000).unwrap(),
        backoff_base: Duration::from_millis(5),
        backoff_max: Duration::from_millis(20),
        ..ClientOptions::default()
    }
}

pub fn client(server: &MockServer, options: ClientOptions) -> GenesysClient {
    let base = Url::parse(&server.uri()).unwrap();
    GenesysClient::new(
        Endpoints::explicit(base.clone(), base),
        CLIENT_ID.into(),
        SecretString::from(CLIENT_SECRET),
        options,
    )
    .unwrap()
}

/// Serves tokens `token-1`, `token-2`, ... with the given lifetime.
pub async fn mount_token_endpoint(server: &MockServer, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(move |req: &wiremock::Request| {
            let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            let body = String::from_utf8_lossy(&req.body).to_string();
            assert_eq!(body, "grant_type=client_credentials");
            ResponseTemplate::new(200).set_body_json(json!({
                "access_token": format!("token-{n}"),
                "token_type": "bearer",
                "expires_in": expires_in
            }))
        })
        .mount(server)
        .await;
}

static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Requests received on `path_str` (not counting the token endpoint).
pub async fn hits(server: &MockServer, path_str: &str) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() == path_str)
        .collect()
}
