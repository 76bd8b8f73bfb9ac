//! OAuth client credentials: one shared token, renewed on expiry and once after a 401.

use std::time::Duration;

use base64::Engine;
use exsync::deadline::Deadline;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::*;

#[tokio::test]
async fn fifty_concurrent_calls_share_one_token_request() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = client(&server, fast_options());

    let calls = (0..50).map(|_| {
        let c = client.clone();
        async move {
            c.list_system_presences(Deadline::after(Duration::from_secs(10)))
                .await
        }
    });
    let results = futures::future::join_all(calls).await;

    assert!(results.iter().all(Result::is_ok));
    assert_eq!(hits(&server, "/oauth/token").await.len(), 1);
    assert_eq!(client.stats().token_requests, 1);
    assert_eq!(hits(&server, "/api/v2/systempresences").await.len(), 50);
}

#[tokio::test]
async fn token_request_uses_basic_auth_and_calls_use_the_bearer() {
    let server = MockServer::start().await;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "abc", "expires_in": 60})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .and(header("authorization", "Bearer abc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;

    client(&server, fast_options())
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_expired_token_is_renewed_before_the_next_call() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 1).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let client = client(&server, fast_options());

    client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();

    assert_eq!(client.stats().token_requests, 2);
    let calls = hits(&server, "/api/v2/systempresences").await;
    let bearer = |r: &wiremock::Request| {
        r.headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_ne!(
        bearer(&calls[0]),
        bearer(&calls[1]),
        "the second call must use the renewed token"
    );
}

#[tokio::test]
async fn a_401_renews_the_token_once_then_fails() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"message": "token revoked", "code": "bad.credentials", "status": 401}),
        ))
        .mount(&server)
        .await;
    let client = client(&server, fast_options());

    let err = client
        .list_system_presences(Deadline::none())
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(401));
    assert!(!err.is_retryable());
    assert_eq!(
        client.stats().token_requests,
        2,
        "one renewal after the first 401"
    );
    assert_eq!(hits(&server, "/api/v2/systempresences").await.len(), 2);
}

#[tokio::test]
async fn a_401_then_success_recovers_with_a_fresh_token() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!([{"id": "p1", "name": "Available"}])),
        )
        .mount(&server)
        .await;

    let presences = client(&server, fast_options())
        .list_system_presences(Deadline::none())
        .await
        .unwrap();

    assert_eq!(presences.len(), 1);
}

#[tokio::test]
async fn rejected_credentials_are_an_auth_error_without_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": "invalid_client", "error_description": "client not found"}),
        ))
        .mount(&server)
        .await;
    let client = client(&server, fast_options());

    let err = client
        .list_system_presences(Deadline::none())
        .await
        .unwrap_err();

    assert_eq!(
        err.to_string(),
        "oauth token request failed with 401: client not found"
    );
    assert!(!err.is_retryable());
    assert!(!format!("{client:?}").contains(CLIENT_SECRET));
    assert!(!format!("{err:?}").contains(CLIENT_SECRET));
}
