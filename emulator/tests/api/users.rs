//! User semantics: paging, versioned PATCH, soft delete and the state filter, unique email,
//! external ids.

use serde_json::json;

use crate::helpers::TestOrg;

#[tokio::test]
async fn users_are_listed_by_page_number_with_paging_fields() {
    let org = TestOrg::start().await;
    for i in 0..30 {
        org.user(&format!("User {i:02}"), &format!("u{i}@x.io"))
            .await;
    }
    let first = org.get("/api/v2/users").await.body;
    let last = org.get("/api/v2/users?pageSize=25&pageNumber=2").await.body;
    assert_eq!(first["pageSize"], 25);
    assert_eq!(first["total"], 30);
    assert_eq!(first["pageCount"], 2);
    assert_eq!(first["entities"].as_array().unwrap().len(), 25);
    assert_eq!(first["nextUri"], "/api/v2/users?pageSize=25&pageNumber=2");
    assert_eq!(last["entities"].as_array().unwrap().len(), 5);
    assert!(last.get("nextUri").is_none());
}

#[tokio::test]
async fn a_new_user_has_version_1_and_each_patch_adds_one() {
    let org = TestOrg::start().await;
    let user = org.user("Ann", "ann@x.io").await;
    let id = user["id"].as_str().unwrap();
    let patched = org
        .patch(
            &format!("/api/v2/users/{id}"),
            json!({"version": 1, "title": "Lead"}),
        )
        .await;
    assert_eq!(user["version"], 1);
    assert_eq!(patched.status, 200);
    assert_eq!(patched.body["version"], 2);
    assert_eq!(patched.body["title"], "Lead");
}

#[tokio::test]
async fn a_patch_with_a_stale_version_is_a_409_conflict() {
    let org = TestOrg::start().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    org.patch(
        &format!("/api/v2/users/{id}"),
        json!({"version": 1, "title": "Lead"}),
    )
    .await;
    let stale = org
        .patch(
            &format!("/api/v2/users/{id}"),
            json!({"version": 1, "title": "Other"}),
        )
        .await;
    assert_eq!(stale.status, 409);
    assert!(
        stale.body["message"]
            .as_str()
            .unwrap()
            .contains("does not match the current version")
    );
}

#[tokio::test]
async fn a_deleted_user_is_hidden_unless_the_state_filter_asks_for_it() {
    let org = TestOrg::start().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    org.user("Bob", "bob@x.io").await;
    assert_eq!(org.delete(&format!("/api/v2/users/{id}")).await.status, 200);
    let active = org.get("/api/v2/users").await.body;
    let deleted = org.get("/api/v2/users?state=deleted").await.body;
    let any = org.get("/api/v2/users?state=any").await.body;
    assert_eq!(active["total"], 1);
    assert_eq!(deleted["entities"][0]["id"], id.as_str());
    assert_eq!(deleted["entities"][0]["state"], "deleted");
    assert_eq!(any["total"], 2);
    assert_eq!(org.get(&format!("/api/v2/users/{id}")).await.status, 404);
    assert_eq!(
        org.get(&format!("/api/v2/users/{id}?state=deleted"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_deleted_user_is_restored_by_patching_its_state() {
    let org = TestOrg::start().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    org.delete(&format!("/api/v2/users/{id}")).await;
    let version = org
        .get(&format!("/api/v2/users/{id}?state=deleted"))
        .await
        .body["version"]
        .clone();
    let restored = org
        .patch(
            &format!("/api/v2/users/{id}"),
            json!({"version": version, "state": "active"}),
        )
        .await;
    assert_eq!(restored.status, 200);
    assert_eq!(restored.body["state"], "active");
}

#[tokio::test]
async fn creating_a_user_with_an_existing_email_is_general_conflict_even_when_deleted() {
    let org = TestOrg::start().await;
    let division = org.home_division().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    org.delete(&format!("/api/v2/users/{id}")).await;
    let again = org
        .post(
            "/api/v2/users",
            json!({"name": "Ann 2", "email": "ANN@x.io", "divisionId": division}),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["code"], "general.conflict");
}

#[tokio::test]
async fn a_user_is_found_by_its_case_sensitive_external_id() {
    let org = TestOrg::start().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    let added = org
        .post(
            &format!("/api/v2/users/{id}/externalid"),
            json!({"authorityName": "acme", "externalKey": "Emp-1"}),
        )
        .await;
    let found = org.get("/api/v2/users/externalid/acme/Emp-1").await;
    let other_case = org.get("/api/v2/users/externalid/acme/emp-1").await;
    assert_eq!(added.body[0]["externalKey"], "Emp-1");
    assert_eq!(found.body["id"], id.as_str());
    assert_eq!(other_case.status, 404);
}

#[tokio::test]
async fn a_user_holds_at_most_100_external_ids() {
    let org = TestOrg::start().await;
    let id = org.user_id("Ann", "ann@x.io").await;
    let path = format!("/api/v2/users/{id}/externalid");
    for i in 0..100 {
        assert_eq!(
            org.post(
                &path,
                json!({"authorityName": "acme", "externalKey": format!("k{i}")})
            )
            .await
            .status,
            200
        );
    }
    let over = org
        .post(
            &path,
            json!({"authorityName": "acme", "externalKey": "k100"}),
        )
        .await;
    assert_eq!(over.status, 400);
    let held = &org.handle.state_json()["users"][0]["externalIds"];
    assert_eq!(held.as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn users_can_be_fetched_in_bulk_by_id() {
    let org = TestOrg::start().await;
    let a = org.user_id("Ann", "ann@x.io").await;
    let b = org.user_id("Bob", "bob@x.io").await;
    org.user("Cid", "cid@x.io").await;
    let comma = org.get(&format!("/api/v2/users?id={a},{b}")).await.body;
    let repeated = org.get(&format!("/api/v2/users?id={a}&id={b}")).await.body;
    assert_eq!(comma["total"], 2);
    assert_eq!(repeated["total"], 2);
}
