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

async fn access_token(http: &reqwest::Client, base: &str, id: &str, secret: &str) -> String {
    let reply: Value = token(http, base, id, secret).await.json().await.unwrap();
    reply["access_token"].as_str().unwrap().to_owned()
}

async fn status_with(http: &reqwest::Client, base: &str, bearer: &str) -> u16 {
    http.get(format!("{base}/api/v2/users"))
        .bearer_auth(bearer)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_token_request_issues_a_new_token_with_its_own_rate_budget() {
    let (base, handle) = genesys_emulator::start(EmulatorConfig {
        rate_limit_per_minute: Some(2),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let first = access_token(&http, &base, "exsync-emulator", "emulator-secret").await;
    let second = access_token(&http, &base, "exsync-emulator", "emulator-secret").await;

    let mut statuses = Vec::new();
    for bearer in [&first, &first, &first, &second, &second, &second] {
        statuses.push(status_with(&http, &base, bearer).await);
    }

    assert_ne!(first, second);
    assert_eq!(statuses, [200, 200, 429, 200, 200, 429]);
    let calls: Vec<u64> = handle.token_usage().iter().map(|t| t.calls).collect();
    assert_eq!(calls, [3, 3]);
}

#[tokio::test]
async fn an_extra_client_gets_tokens_and_the_admin_api_lists_them_by_client() {
    let (base, _handle) = genesys_emulator::start(EmulatorConfig {
        extra_clients: vec![("pool-client-2".into(), "second-secret".into())],
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let wrong = token(&http, &base, "pool-client-2", "emulator-secret").await;
    let bearer = access_token(&http, &base, "pool-client-2", "second-secret").await;

    let status = status_with(&http, &base, &bearer).await;
    let listed: Value = http
        .get(format!("{base}/__admin/tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(wrong.status(), 401, "each client has its own secret");
    assert_eq!(status, 200);
    assert_eq!(
        listed,
        serde_json::json!([{"clientId": "pool-client-2", "calls": 1}])
    );
    assert!(!listed.to_string().contains(&bearer), "never the token");
}
