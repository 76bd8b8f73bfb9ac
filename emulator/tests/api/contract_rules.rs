//! Request bodies held to the contract: one test per rule (unknown field, missing required
//! field, wrong type, bad enum value, malformed date-time), each answered 400 `bad.request`
//! naming the field; plus a walk sending an invalid body to every operation that takes one.

use genesys_emulator::contract::{Contract, TypeRef};
use serde_json::{Value, json};

use crate::helpers::TestOrg;

async fn rejected(org: &TestOrg, method: &str, path: &str, body: Value) -> Vec<String> {
    let reply = org.send(method, path, Some(body)).await;
    assert_eq!(reply.status, 400, "{method} {path}: {}", reply.body);
    assert_eq!(reply.body["code"], "bad.request");
    assert_eq!(reply.body["status"], 400);
    assert!(
        reply.body["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    reply.fields()
}

#[tokio::test]
async fn an_unknown_field_is_rejected_by_name() {
    let org = TestOrg::start().await;
    let division = org.home_division().await;
    let body = json!({"name": "A", "email": "a@x.io", "divisionId": division, "colour": "red"});
    assert_eq!(
        rejected(&org, "POST", "/api/v2/users", body).await,
        vec!["colour"]
    );
}

#[tokio::test]
async fn a_missing_required_field_is_rejected_by_name() {
    let org = TestOrg::start().await;
    let division = org.home_division().await;
    let body = json!({"name": "A", "divisionId": division});
    assert_eq!(
        rejected(&org, "POST", "/api/v2/users", body).await,
        vec!["email"]
    );
}

#[tokio::test]
async fn a_wrong_json_type_is_rejected_by_name() {
    let org = TestOrg::start().await;
    let user = org.user_id("A", "a@x.io").await;
    let path = format!("/api/v2/users/{user}");
    assert_eq!(
        rejected(&org, "PATCH", &path, json!({"version": "1"})).await,
        vec!["version"]
    );
}

#[tokio::test]
async fn a_value_outside_the_enum_is_rejected_with_its_nested_path() {
    let org = TestOrg::start().await;
    let division = org.home_division().await;
    let body = json!({"name": "A", "email": "a@x.io", "divisionId": division,
        "addresses": [{"address": "+1555", "mediaType": "FAX"}]});
    assert_eq!(
        rejected(&org, "POST", "/api/v2/users", body).await,
        vec!["addresses[0].mediaType"]
    );
}

#[tokio::test]
async fn a_malformed_date_time_is_rejected_by_name() {
    let org = TestOrg::start().await;
    let body = json!({"dateSince": "yesterday"});
    assert_eq!(
        rejected(&org, "POST", "/api/v2/recording/uploads/reports", body).await,
        vec!["dateSince"]
    );
}

#[tokio::test]
async fn array_bodies_name_the_element_and_field() {
    let org = TestOrg::start().await;
    let user = org.user_id("A", "a@x.io").await;
    let path = format!("/api/v2/users/{user}/routingskills/bulk");
    assert_eq!(
        rejected(&org, "PUT", &path, json!([{"id": "s1"}])).await,
        vec!["[0].proficiency"]
    );
}

#[tokio::test]
async fn a_skill_cannot_be_renamed_because_the_patch_model_has_only_a_division() {
    let org = TestOrg::start().await;
    let skill = org
        .create("/api/v2/routing/skills", json!({"name": "Billing"}))
        .await;
    let path = format!("/api/v2/routing/skills/{skill}");
    assert_eq!(
        rejected(&org, "PATCH", &path, json!({"name": "Invoices"})).await,
        vec!["name"]
    );
    let put = org.put(&path, json!({"name": "Invoices"})).await;
    assert_eq!(put.status, 405);
}

#[tokio::test]
async fn a_bad_query_value_is_rejected_by_name() {
    let org = TestOrg::start().await;
    let reply = org.get("/api/v2/users?state=gone").await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.fields(), vec!["state"]);
}

/// An invalid body for a body type: an unknown field for objects, a wrong type otherwise.
fn invalid_body(type_ref: &TypeRef) -> (Value, String) {
    match type_ref {
        TypeRef::Array(item) => {
            let (inner, field) = invalid_body(item);
            (
                json!([inner]),
                format!(
                    "[0]{}",
                    if field.is_empty() {
                        String::new()
                    } else if field.starts_with('[') {
                        field
                    } else {
                        format!(".{field}")
                    }
                ),
            )
        }
        TypeRef::Model(_) => (json!({"notAContractField": 1}), "notAContractField".into()),
        _ => (json!({"not": "a string"}), String::new()),
    }
}

#[tokio::test]
async fn every_operation_with_a_body_rejects_an_invalid_one_naming_the_field() {
    // Arrange
    let org = TestOrg::start().await;
    let contract = Contract::official().unwrap();
    let mut checked = 0;
    for op in contract.operations() {
        let Some(body) = &op.body else { continue };
        let path = op
            .path
            .replace(['{', '}'], "")
            .replace("objectType", "USER");
        let (invalid, field) = invalid_body(&body.type_ref);
        // Act
        let reply = org.send(&op.method, &path, Some(invalid)).await;
        // Assert
        assert_eq!(
            reply.status, 400,
            "{} {}: {}",
            op.method, op.path, reply.body
        );
        assert!(
            reply.fields().contains(&field),
            "{} {} did not name {field}: {:?}",
            op.method,
            op.path,
            reply.fields()
        );
        checked += 1;
    }
    assert!(checked >= 26, "only {checked} operations take a body");
}
