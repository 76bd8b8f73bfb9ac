//! Skills, languages, divisions, queues, members and wrap-up codes.

use serde_json::{Value, json};

use crate::helpers::TestOrg;

fn names(listing: &Value) -> Vec<String> {
    listing["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_skill_name_filter_is_a_prefix_match() {
    let org = TestOrg::start().await;
    for name in ["Billing", "Billing EMEA", "Rebilling"] {
        org.create("/api/v2/routing/skills", json!({"name": name}))
            .await;
    }
    let found = org.get("/api/v2/routing/skills?name=Billing").await.body;
    assert_eq!(names(&found), vec!["Billing", "Billing EMEA"]);
}

#[tokio::test]
async fn queue_and_wrapup_code_name_filters_are_exact_with_wildcards() {
    let org = TestOrg::start().await;
    for name in ["Sales", "Sales EMEA", "Presales"] {
        org.create("/api/v2/routing/queues", json!({"name": name}))
            .await;
        org.create("/api/v2/routing/wrapupcodes", json!({"name": name}))
            .await;
    }
    assert_eq!(
        names(&org.get("/api/v2/routing/queues?name=Sales").await.body),
        vec!["Sales"]
    );
    assert_eq!(
        names(&org.get("/api/v2/routing/queues?name=Sales*").await.body),
        vec!["Sales", "Sales EMEA"]
    );
    assert_eq!(
        names(&org.get("/api/v2/routing/queues?name=*sales").await.body),
        vec!["Presales", "Sales"]
    );
    assert_eq!(
        names(&org.get("/api/v2/routing/wrapupcodes?name=Sales").await.body),
        vec!["Sales"]
    );
}

#[tokio::test]
async fn a_skill_patch_changes_only_its_division() {
    let org = TestOrg::start().await;
    let skill = org
        .create("/api/v2/routing/skills", json!({"name": "Billing"}))
        .await;
    let division = org
        .create(
            "/api/v2/authorization/divisions",
            json!({"name": "Sales", "description": "d"}),
        )
        .await;
    let moved = org
        .patch(
            &format!("/api/v2/routing/skills/{skill}"),
            json!({"divisionId": division}),
        )
        .await;
    assert_eq!(moved.status, 200);
    assert_eq!(moved.body["division"]["id"], division.as_str());
    assert_eq!(moved.body["name"], "Billing");
}

#[tokio::test]
async fn languages_have_no_update() {
    let org = TestOrg::start().await;
    let language = org
        .create("/api/v2/routing/languages", json!({"name": "English"}))
        .await;
    let put = org
        .put(
            &format!("/api/v2/routing/languages/{language}"),
            json!({"name": "French"}),
        )
        .await;
    let patch = org
        .patch(
            &format!("/api/v2/routing/languages/{language}"),
            json!({"name": "French"}),
        )
        .await;
    assert_eq!(put.status, 405);
    assert_eq!(patch.status, 405);
}

#[tokio::test]
async fn a_home_division_exists_from_the_start() {
    let org = TestOrg::start().await;
    let home = org.get("/api/v2/authorization/divisions/home").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.body["homeDivision"], true);
}

#[tokio::test]
async fn users_move_between_divisions_by_division_objects() {
    let org = TestOrg::start().await;
    let user = org.user_id("Ann", "ann@x.io").await;
    let division = org
        .create(
            "/api/v2/authorization/divisions",
            json!({"name": "Sales", "description": "d"}),
        )
        .await;
    let moved = org
        .post(
            &format!("/api/v2/authorization/divisions/{division}/objects/USER"),
            json!([user]),
        )
        .await;
    assert_eq!(moved.status, 204);
    assert_eq!(
        org.get(&format!("/api/v2/users/{user}")).await.body["division"]["id"],
        division.as_str()
    );
}

#[tokio::test]
async fn queue_members_are_added_and_removed_at_most_100_per_call() {
    let org = TestOrg::start().await;
    let queue = org
        .create("/api/v2/routing/queues", json!({"name": "Support"}))
        .await;
    let a = org.user_id("Ann", "ann@x.io").await;
    let b = org.user_id("Bob", "bob@x.io").await;
    let path = format!("/api/v2/routing/queues/{queue}/members");
    assert_eq!(
        org.post(&path, json!([{"id": a}, {"id": b}])).await.status,
        204
    );
    assert_eq!(
        org.post(&format!("{path}?delete=true"), json!([{"id": a}]))
            .await
            .status,
        204
    );
    let too_many: Vec<Value> = (0..101).map(|_| json!({"id": b})).collect();
    let over = org.post(&path, Value::Array(too_many)).await;
    let members = org.get(&path).await.body;
    assert_eq!(over.status, 400);
    assert_eq!(members["entities"].as_array().unwrap().len(), 1);
    assert_eq!(members["entities"][0]["id"], b.as_str());
}

#[tokio::test]
async fn queue_wrapup_codes_are_linked_and_unlinked() {
    let org = TestOrg::start().await;
    let queue = org
        .create("/api/v2/routing/queues", json!({"name": "Support"}))
        .await;
    let code = org
        .create("/api/v2/routing/wrapupcodes", json!({"name": "Resolved"}))
        .await;
    let path = format!("/api/v2/routing/queues/{queue}/wrapupcodes");
    let linked = org.post(&path, json!([{"id": code}])).await;
    let listed = org.get(&path).await.body;
    let unlinked = org.delete(&format!("{path}/{code}")).await;
    assert_eq!(linked.body[0]["id"], code.as_str());
    assert_eq!(listed["total"], 1);
    assert_eq!(unlinked.status, 204);
    assert_eq!(org.get(&path).await.body["total"], 0);
}

#[tokio::test]
async fn a_queue_put_replaces_all_settings() {
    let org = TestOrg::start().await;
    let queue = org
        .create(
            "/api/v2/routing/queues",
            json!({"name": "Support", "description": "old", "skillEvaluationMethod": "ALL"}),
        )
        .await;
    let replaced = org
        .put(
            &format!("/api/v2/routing/queues/{queue}"),
            json!({"name": "Support"}),
        )
        .await
        .body;
    assert!(replaced.get("description").is_none());
    assert!(replaced.get("skillEvaluationMethod").is_none());
}
