//! Reading a snapshot: serde errors become problems naming the object and field, reported
//! together with the rule problems of everything that could be read.

use serde_json::{Value, json};

use crate::external::parse_snapshot;
use crate::external::snapshot_rules::tests::base_json;

fn parse_problems(value: &Value) -> Vec<(String, String, String)> {
    let error = parse_snapshot(&value.to_string()).unwrap_err();
    error
        .problems()
        .iter()
        .map(|p| (p.object.clone(), p.field.clone(), p.message.clone()))
        .collect()
}

#[test]
fn an_unknown_system_presence_is_named() {
    let mut value = base_json();
    value["secondaryStatuses"][0]["systemPresence"] = json!("Lunch");
    let found = parse_problems(&value);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("secondaryStatuses[nr-lunch]", "systemPresence")
    );
    assert!(
        found[0].2.starts_with("unknown variant `Lunch`"),
        "{}",
        found[0].2
    );
}

#[test]
fn unreadable_objects_and_rule_problems_are_reported_together() {
    let mut value = base_json();
    value["users"][0]["skills"] = json!([{"skill": "sk-billing", "proficiency": "high"}]);
    value["users"][2]["nickname"] = json!("Tommy");
    value["queues"][1]["division"] = json!("bu-x");
    let found = parse_problems(&value);
    let places: Vec<(&str, &str)> = found
        .iter()
        .map(|(o, f, _)| (o.as_str(), f.as_str()))
        .collect();
    // users[lead-1] could not be read, but agent-1 and agent-2 still name it as their manager
    // without a second, misleading "unknown user" problem.
    assert_eq!(
        places,
        [
            ("users[lead-1]", "skills[0].proficiency"),
            ("users[agent-2]", "nickname"),
            ("queues[q-tech]", "division"),
        ]
    );
}

#[test]
fn a_missing_field_is_named_on_its_object() {
    let mut value = base_json();
    value["users"][1].as_object_mut().unwrap().remove("email");
    let found = parse_problems(&value);
    assert_eq!(
        found,
        [(
            "users[agent-1]".into(),
            "email".into(),
            "missing field `email`".into()
        )]
    );
}

#[test]
fn a_missing_collection_is_named_on_the_document() {
    let mut value = base_json();
    value.as_object_mut().unwrap().remove("queues");
    let found = parse_problems(&value);
    assert_eq!(
        found,
        [(
            "config".into(),
            "queues".into(),
            "missing field `queues`".into()
        )]
    );
}

#[test]
fn a_wrong_schema_version_stops_before_anything_else() {
    let mut value = base_json();
    value["schema"] = json!("exsync.config/v2");
    value["users"][0]["email"] = json!("broken");
    let found = parse_problems(&value);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("config", "schema")
    );
}

#[test]
fn invalid_json_is_one_problem_on_the_document() {
    let error = parse_snapshot("{\"schema\": ").unwrap_err();
    assert_eq!(error.problems()[0].object, "config");
    assert!(error.problems()[0].message.starts_with("not valid JSON"));
}
