//! A pooled client: each OAuth client of the pool asks for its own tokens with its own
//! credentials, calls go out on every token, and neither secrets nor tokens show in `Debug`.

use std::collections::BTreeSet;

use base64::Engine;
use exsync::deadline::Deadline;
use exsync::genesys::{Endpoints, GenesysClient, OAuthClient, OAuthClients, TokensPerClient};
use secrecy::SecretString;
use serde_json::json;
use url::Url;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::*;

/// Answers `id`'s token requests (Basic `id:secret`) with `token`.
async fn mount_client(server: &MockServer, id: &str, secret: &str, token: &str) {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": token, "expires_in": 3600})),
        )
        .mount(server)
        .await;
}

#[tokio::test]
async fn each_client_of_the_pool_gets_its_own_token_and_calls_use_both() {
    let server = MockServer::start().await;
    mount_client(&server, "client-a", "secret-a-do-not-log", "token-of-a").await;
    mount_client(&server, "client-b", "secret-b-do-not-log", "token-of-b").await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let clients = OAuthClients::new(vec![
        OAuthClient::new("client-a", SecretString::from("secret-a-do-not-log")),
        OAuthClient::new("client-b", SecretString::from("secret-b-do-not-log")),
    ])
    .unwrap();
    let base = Url::parse(&server.uri()).unwrap();
    let client = GenesysClient::pooled(
        Endpoints::explicit(base.clone(), base),
        &clients,
        TokensPerClient::ONE,
        fast_options(),
    )
    .unwrap();

    for _ in 0..4 {
        client
            .list_system_presences(Deadline::none())
            .await
            .unwrap();
    }

    let bearers: BTreeSet<String> = hits(&server, "/api/v2/systempresences")
        .await
        .iter()
        .filter_map(|r| r.headers.get("authorization"))
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    assert_eq!(
        bearers,
        BTreeSet::from([
            "Bearer token-of-a".to_owned(),
            "Bearer token-of-b".to_owned()
        ])
    );
    assert_eq!(client.tokens(), 2);
    assert_eq!(client.stats().token_requests, 2);
    let shown = format!("{client:?}");
    for hidden in [
        "secret-a-do-not-log",
        "secret-b-do-not-log",
        "token-of-a",
        "token-of-b",
    ] {
        assert!(!shown.contains(hidden), "{shown}");
    }
    assert!(shown.contains("client-b"), "{shown}");
}
