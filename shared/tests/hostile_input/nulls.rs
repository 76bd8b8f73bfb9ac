//! A `null` put anywhere into a valid document: each decoder reads past it or names it on its own
//! field ("must not be null"), never as some enclosing value of "the wrong shape". The documents
//! are the fixtures; the place of the null is chosen by the property, over every value they hold.

use std::path::Path;

use exsync::external::{
    InputError, Problem, parse_agent_state_event, parse_interaction, parse_recording_sidecar,
    parse_snapshot,
};
use exsync::mapping::parse_mapping;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

use crate::mutate::{config, config_for_large_documents};

fn json(path: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Every value below the root (but the `schema` tag), as a JSON pointer and as the field path the
/// decoders print (`users[3].skills[0].proficiency`).
fn places(value: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, pointer: &str, field: &str, out: &mut Vec<(String, String)>) {
        let children: Vec<(String, String, &Value)> = match value {
            Value::Object(map) => map
                .iter()
                .filter(|(key, _)| !(pointer.is_empty() && key.as_str() == "schema"))
                .map(|(key, item)| {
                    let dot = if field.is_empty() { "" } else { "." };
                    (
                        format!("{pointer}/{key}"),
                        format!("{field}{dot}{key}"),
                        item,
                    )
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("{pointer}/{i}"), format!("{field}[{i}]"), item))
                .collect(),
            _ => Vec::new(),
        };
        for (pointer, field, item) in children {
            out.push((pointer.clone(), field.clone()));
            walk(item, &pointer, &field, out);
        }
    }
    let mut out = Vec::new();
    walk(value, "", "", &mut out);
    out
}

/// `base` with a null at one of its places, and that place's field path.
fn nulled(base: &Value, at: &Index) -> (String, String) {
    let places = places(base);
    let (pointer, field) = at.get(&places).clone();
    let mut value = base.clone();
    if let Some(slot) = value.pointer_mut(&pointer) {
        *slot = Value::Null;
    }
    (value.to_string(), field)
}

/// No problem of `result` blames the null on an enclosing value, and a problem that names a null
/// names the place it was put (objects of a snapshot carry the start of the path in their name).
fn check<T>(result: Result<T, InputError>, field: &str) {
    let Err(error) = result else { return };
    let problems: Vec<Problem> = error.into_problems();
    for problem in &problems {
        assert!(
            !problem.message.contains("wrong shape"),
            "null at {field}: {problem:?}"
        );
        if problem.message == "must not be null" {
            assert!(
                field.ends_with(problem.field.as_str()),
                "null at {field} named at {problem:?}"
            );
        }
    }
}

fn records() -> Vec<Value> {
    [
        "consult-transfer",
        "hold",
        "blind-transfer-number",
        "outbound",
    ]
    .iter()
    .map(|name| {
        json(&format!(
            "shared/tests/fixtures/interactions/{name}.record.json"
        ))
    })
    .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_null_in_a_mapping_document_is_named_where_it_is(at in any::<Index>()) {
        let (text, field) = nulled(&json("examples/mapping.json"), &at);
        check(parse_mapping(&text), &field);
    }

    #[test]
    fn a_null_in_an_agent_state_event_is_named_where_it_is(at in any::<Index>()) {
        let event = json("shared/tests/fixtures/formats/agent-state.json")[0].clone();
        let (text, field) = nulled(&event, &at);
        check(parse_agent_state_event(&text), &field);
    }

    #[test]
    fn a_null_in_an_interaction_record_is_named_where_it_is(
        record in prop::sample::select(records()),
        at in any::<Index>(),
    ) {
        let (text, field) = nulled(&record, &at);
        check(parse_interaction(&text), &field);
    }

    #[test]
    fn a_null_in_a_recording_sidecar_is_named_where_it_is(at in any::<Index>()) {
        let (text, field) = nulled(&json("shared/tests/fixtures/formats/recording.json"), &at);
        check(parse_recording_sidecar(&text), &field);
    }
}

proptest! {
    #![proptest_config(config_for_large_documents())]

    #[test]
    fn a_null_in_a_snapshot_is_named_where_it_is(at in any::<Index>()) {
        let (text, field) = nulled(&json("examples/config/initial.json"), &at);
        check(parse_snapshot(&text), &field);
    }
}
