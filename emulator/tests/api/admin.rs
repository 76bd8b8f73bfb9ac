//! The admin API and the in-process handle: request log, state, faults, reset, seed.

use serde_json::{Value, json};

use crate::helpers::TestOrg;

#[tokio::test]
async fn the_request_log_records_method_path_query_body_and_status() {
    let org = TestOrg::start().await;
    org.handle.clear_requests();
    org.post("/api/v2/routing/skills?x=1", json!({"name": "Billing"}))
        .await;
    let log = org.handle.requests();
    let over_http: Value = org
        .http
        .get(format!("{}/__admin/requests", org.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, "POST");
    assert_eq!(log[0].path, "/api/v2/routing/skills");
    assert_eq!(log[0].query.as_deref(), Some("x=1"));
    assert_eq!(log[0].body, Some(json!({"name": "Billing"})));
    assert_eq!(log[0].status, 200);
    assert_eq!(over_http.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_seeded_org_is_served_and_round_trips_through_state() {
    let org = TestOrg::start().await;
    let seed = json!({"skills": [{"id": "7a1f3c2e-1111-4222-8333-444455556666", "name": "Billing"}],
                      "users": [{"name": "Ann", "email": "ann@x.io", "skills": [{"id": "7a1f3c2e-1111-4222-8333-444455556666", "proficiency": 2.0}]}]});
    let seeded = org
        .http
        .post(format!("{}/__admin/seed", org.base))
        .json(&seed)
        .send()
        .await
        .unwrap();
    let users = org.get("/api/v2/users?expand=skills").await.body;
    let state: Value = org
        .http
        .get(format!("{}/__admin/state", org.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seeded.status(), 204);
    assert_eq!(users["entities"][0]["skills"][0]["name"], "Billing");
    assert_eq!(state, org.handle.state_json());
}

#[tokio::test]
async fn a_bad_seed_is_refused_and_changes_nothing() {
    let org = TestOrg::start().await;
    let before = org.handle.state_json();
    let refused = org.handle.seed(json!({"users": [{"name": "Ann", "email": "a@x.io", "skills": [{"id": "nope", "proficiency": 1.0}]}]}));
    assert!(refused.is_err());
    assert_eq!(org.handle.state_json(), before);
}

#[tokio::test]
async fn reset_returns_to_a_fresh_org() {
    let org = TestOrg::start().await;
    org.user("Ann", "ann@x.io").await;
    let reset = org
        .http
        .post(format!("{}/__admin/reset", org.base))
        .send()
        .await
        .unwrap();
    let state = org.handle.state_json();
    assert_eq!(reset.status(), 204);
    assert_eq!(state["users"], json!([]));
    assert_eq!(state["divisions"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn faults_are_set_over_http() {
    let org = TestOrg::start().await;
    let body = json!({"scripted": [{"path": "/api/v2/users", "times": 1, "status": 408}]});
    let set = org
        .http
        .put(format!("{}/__admin/faults", org.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 200);
    assert_eq!(org.get("/api/v2/users").await.status, 408);
    assert_eq!(org.get("/api/v2/users").await.status, 200);
}
