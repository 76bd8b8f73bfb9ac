//! OAuth client credentials and the bearer requirement.

use genesys_emulator::{EmulatorConfig, Faults};
use serde_json::Value;

use crate::helpers::{TestOrg, token};

#[tokio::test]
async fn right_credentials_get_a_bearer_token_with_its_lifetime() {
    let (base, _handle) = genesys_emulator::start(EmulatorConfig::default())
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let reply = token(&http, &base, "exsync-emulator", "emulator-secret").await;
    assert_eq!(reply.status(), 200);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86_400);
    assert!(body["access_token"].as_str().is_some_and(|t| t.len() >= 20));
}

#[tokio::test]
async fn wrong_credentials_get_401_json() {
    let (base, _handle) = genesys_emulator::start(EmulatorConfig::default())
        .await
        .unwrap();
    let reply = token(&reqwest::Client::new(), &base, "exsync-emulator", "wrong").await;
    assert_eq!(reply.status(), 401);
    let body: Value = reply.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
}

#[tokio::test]
async fn api_calls_without_or_with_a_bad_bearer_get_401() {
    let org = TestOrg::start().await;
    let bare = org
        .http
        .get(format!("{}/api/v2/users", org.base))
        .send()
        .await
        .unwrap();
    let forged = org
        .http
        .get(format!("{}/api/v2/users", org.base))
        .bearer_auth("forged")
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 401);
    assert_eq!(forged.status(), 401);
    assert_eq!(org.get("/api/v2/users").await.status, 200);
}

#[tokio::test]
async fn an_expired_token_gets_401() {
    let org = TestOrg::start().await;
    org.handle.set_faults(Faults {
        token_ttl_secs: Some(0),
        ..Faults::default()
    });
    let reply: Value = token(&org.http, &org.base, "exsync-emulator", "emulator-secret")
        .await
        .json()
        .await
        .unwrap();
    let expired = reply["access_token"].as_str().unwrap();
    let answer = org
        .http
        .get(format!("{}/api/v2/users", org.base))
        .bearer_auth(expired)
        .send()
        .await
        .unwrap();
    assert_eq!(reply["expires_in"], 0);
    assert_eq!(answer.status(), 401);
}
