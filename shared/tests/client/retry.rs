//! 429 with Retry-After, backoff on transient errors, no retry on client errors, all bounded by
//! the caller's deadline.

use std::time::{Duration, Instant};

use exsync::deadline::Deadline;
use exsync::genesys::GenesysError;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::*;

const PRESENCES: &str = "/api/v2/systempresences";

async fn fail_once_then_succeed(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(PRESENCES))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(PRESENCES))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_429_waits_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    fail_once_then_succeed(
        &server,
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "2")
            .set_body_json(json!({"code": "too.many.requests.retry.after", "status": 429, "message": "slow down"})),
    )
    .await;
    let client = client(&server, fast_options());
    let started = Instant::now();

    client
        .list_system_presences(Deadline::after(Duration::from_secs(30)))
        .await
        .unwrap();

    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "must not resend before Retry-After"
    );
    let stats = client.stats();
    assert_eq!(stats.throttled, 1);
    assert_eq!(stats.waited, Duration::from_secs(2));
    assert_eq!(hits(&server, PRESENCES).await.len(), 2);
}

#[tokio::test]
async fn a_deadline_shorter_than_retry_after_fails_at_once_and_retryably() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    fail_once_then_succeed(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "2"),
    )
    .await;
    let client = client(&server, fast_options());
    let started = Instant::now();

    let err = client
        .list_system_presences(Deadline::after(Duration::from_millis(500)))
        .await
        .unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(2),
        "must not sleep past the deadline"
    );
    assert!(err.is_retryable());
    assert!(
        matches!(err, GenesysError::DeadlineExceeded { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("429 Retry-After 2s"), "{err}");
    assert_eq!(hits(&server, PRESENCES).await.len(), 1);
}

#[tokio::test]
async fn a_503_is_retried_with_backoff_then_succeeds() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    fail_once_then_succeed(&server, ResponseTemplate::new(503)).await;
    let client = client(&server, fast_options());

    client
        .list_system_presences(Deadline::after(Duration::from_secs(10)))
        .await
        .unwrap();

    assert_eq!(hits(&server, PRESENCES).await.len(), 2);
    assert_eq!(client.stats().retries, 1);
}

#[tokio::test]
async fn every_transient_status_is_retried() {
    for status in [408u16, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        mount_token_endpoint(&server, 3600).await;
        fail_once_then_succeed(&server, ResponseTemplate::new(status)).await;

        client(&server, fast_options())
            .list_system_presences(Deadline::none())
            .await
            .unwrap();

        assert_eq!(hits(&server, PRESENCES).await.len(), 2, "status {status}");
    }
}

#[tokio::test]
async fn client_errors_are_not_retried_and_keep_code_and_correlation_id() {
    for status in [400u16, 403, 404] {
        let server = MockServer::start().await;
        mount_token_endpoint(&server, 3600).await;
        Mock::given(method("GET"))
            .and(path(PRESENCES))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("ININ-Correlation-Id", "corr-42")
                    .set_body_json(
                        json!({"message": "nope", "code": "some.code", "status": status}),
                    ),
            )
            .mount(&server)
            .await;

        let err = client(&server, fast_options())
            .list_system_presences(Deadline::none())
            .await
            .unwrap_err();

        assert_eq!(
            hits(&server, PRESENCES).await.len(),
            1,
            "status {status} must not be retried"
        );
        assert!(!err.is_retryable());
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.code(), Some("some.code"));
        assert_eq!(err.correlation_id(), Some("corr-42"));
    }
}

#[tokio::test]
async fn persistent_5xx_gives_up_after_the_attempt_limit() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path(PRESENCES))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let options = fast_options();
    let attempts = options.max_attempts as usize;

    let err = client(&server, options)
        .list_system_presences(Deadline::none())
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(502));
    assert!(err.is_retryable(), "the caller may retry later");
    assert_eq!(hits(&server, PRESENCES).await.len(), attempts);
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = exsync::genesys::GenesysClient::new(
        exsync::genesys::Endpoints::explicit(base.clone(), base),
        CLIENT_ID.into(),
        secrecy::SecretString::from(CLIENT_SECRET),
        fast_options(),
    )
    .unwrap();

    let err = client
        .list_system_presences(Deadline::after(Duration::from_secs(5)))
        .await
        .unwrap_err();

    assert!(err.is_retryable(), "{err}");
}
