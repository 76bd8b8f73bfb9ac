//! The formats as others see them: the example files parse and validate clean, every document
//! agrees with its JSON Schema in `schemas/`, invalid documents are rejected by the schema and by
//! the Rust validator alike, and the example status table maps a recorded list of external
//! statuses to the recorded expected output (`tests/fixtures/status/`); the default Connect table
//! (`examples/connect/mapping.json`) maps every recorded Connect agent event by a rule of its own.
//!
//! Set `EXSYNC_BLESS=1` to rewrite `tests/fixtures/status/expected.json` after a deliberate change
//! to `examples/mapping.json`, then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};

use exsync::external::connect::agent_state_from_connect;
use exsync::external::{
    InputError, parse_agent_state_body, parse_interaction, parse_recording_sidecar, parse_snapshot,
};
use exsync::mapping::{
    Concern, Matched, check_mapping_against_snapshot, parse_mapping, parse_mapping_for,
    resolve_status,
};
use serde_json::{Value, json};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate lives in the workspace")
        .to_path_buf()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_at(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example(name: &str) -> PathBuf {
    repo_root().join("examples").join(name)
}

/// The compiled schema `schemas/<name>`.
fn schema(name: &str) -> jsonschema::Validator {
    let schema = json_at(&repo_root().join("schemas").join(name));
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The example or fixture, with the schema that describes it and the Rust parser that reads it.
type Parser = fn(&str) -> Result<(), InputError>;

fn documents() -> Vec<(PathBuf, &'static str, Parser)> {
    vec![
        (
            example("config/initial.json"),
            "config.v1.schema.json",
            |t| parse_snapshot(t).map(drop),
        ),
        (
            example("config/changed.json"),
            "config.v1.schema.json",
            |t| parse_snapshot(t).map(drop),
        ),
        (example("mapping.json"), "mapping.v1.schema.json", |t| {
            parse_mapping(t).map(drop)
        }),
        (
            example("connect/mapping.json"),
            "mapping.v1.schema.json",
            |t| parse_mapping(t).map(drop),
        ),
        (
            fixtures().join("formats/agent-state.json"),
            "agent-state.v1.schema.json",
            |t| parse_agent_state_body(t).map(drop),
        ),
        (
            fixtures().join("formats/interaction.json"),
            "interaction.v1.schema.json",
            |t| parse_interaction(t).map(drop),
        ),
        (
            fixtures().join("formats/recording.json"),
            "recording.v1.schema.json",
            |t| parse_recording_sidecar(t).map(drop),
        ),
    ]
}

#[test]
fn every_example_parses_and_validates_clean() {
    for (path, _, parse) in documents() {
        if let Err(error) = parse(&read(&path)) {
            panic!("{}: {error}", path.display());
        }
    }
}

#[test]
fn every_example_agrees_with_its_json_schema() {
    for (path, schema_name, _) in documents() {
        let errors = schema_errors(&schema(schema_name), &json_at(&path));
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_example_mapping_fits_both_example_snapshots() {
    let mapping = parse_mapping(&read(&example("mapping.json"))).unwrap();
    for name in ["config/initial.json", "config/changed.json"] {
        let snapshot = parse_snapshot(&read(&example(name))).unwrap();
        if let Err(error) = check_mapping_against_snapshot(&mapping, &snapshot) {
            panic!("{name}: {error}");
        }
    }
}

#[test]
fn the_initial_example_is_the_documented_small_org() {
    let s = parse_snapshot(&read(&example("config/initial.json"))).unwrap();
    let counts = [
        s.divisions.len(),
        s.skills.len(),
        s.languages.len(),
        s.wrapup_codes.len(),
        s.secondary_statuses.len(),
        s.queues.len(),
        s.users.len(),
    ];
    assert_eq!(counts, [3, 12, 4, 10, 6, 8, 60]);
    let leads = s
        .users
        .iter()
        .filter(|u| s.users.iter().any(|o| o.manager.as_ref() == Some(&u.id)));
    assert!(leads.count() >= 4, "team leads manage the agents");
}

#[test]
fn the_changed_example_has_a_hire_a_leaver_a_skill_change_and_a_renamed_queue() {
    let before = parse_snapshot(&read(&example("config/initial.json"))).unwrap();
    let after = parse_snapshot(&read(&example("config/changed.json"))).unwrap();
    let ids = |s: &exsync::external::ConfigSnapshot| -> Vec<String> {
        s.users.iter().map(|u| u.id.to_string()).collect()
    };
    let (old, new) = (ids(&before), ids(&after));
    let hired: Vec<&String> = new.iter().filter(|id| !old.contains(id)).collect();
    let left: Vec<&String> = old.iter().filter(|id| !new.contains(id)).collect();
    assert_eq!((hired.len(), left.len()), (1, 1));
    let changed_users: Vec<_> = after
        .users
        .iter()
        .filter(|u| before.users.iter().any(|b| b.id == u.id && b != *u))
        .collect();
    assert_eq!(changed_users.len(), 1, "exactly one existing user changes");
    let user = changed_users[0];
    let was = before.users.iter().find(|b| b.id == user.id).unwrap();
    assert_eq!(user.skills.len(), was.skills.len() + 1, "a skill is added");
    let raised = was
        .skills
        .iter()
        .zip(&user.skills)
        .filter(|(a, b)| a.proficiency != b.proficiency);
    assert_eq!(raised.count(), 1, "one proficiency changes");
    let renamed: Vec<_> = after
        .queues
        .iter()
        .filter(|q| {
            before
                .queues
                .iter()
                .any(|b| b.id == q.id && b.name != q.name)
        })
        .collect();
    assert_eq!(renamed.len(), 1);
}

/// Sets (or adds) the member at `pointer`.
fn set(document: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    match document.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_owned(), value);
        }
        Some(Value::Array(items)) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("no {parent}"),
    }
}

fn rust_parse(schema_name: &str, text: &str) -> Result<(), InputError> {
    match schema_name {
        "config.v1.schema.json" => parse_snapshot(text).map(drop),
        "mapping.v1.schema.json" => parse_mapping(text).map(drop),
        "agent-state.v1.schema.json" => parse_agent_state_body(text).map(drop),
        "interaction.v1.schema.json" => parse_interaction(text).map(drop),
        _ => parse_recording_sidecar(text).map(drop),
    }
}

/// `fixtures/formats/invalid.json`: a valid document (`base`) broken in one place (`pointer` set
/// to `value`). The schema and the Rust parser must both reject it, and the Rust problems must
/// name `object` and `field`.
#[test]
fn invalid_documents_are_rejected_by_the_schema_and_by_rust() {
    let cases = json_at(&fixtures().join("formats/invalid.json"));
    for case in cases.as_array().expect("a list of cases") {
        let field_of = |key: &str| case[key].as_str().expect("a string field");
        let name = field_of("case");
        let mut document = json_at(&repo_root().join(field_of("base")));
        set(&mut document, field_of("pointer"), case["value"].clone());
        let schema_name = field_of("schema");
        assert!(
            !schema(schema_name).is_valid(&document),
            "{name}: the schema accepts it"
        );
        let error = rust_parse(schema_name, &document.to_string())
            .err()
            .unwrap_or_else(|| panic!("{name}: rust accepts it"));
        let (object, field) = (field_of("object"), field_of("field"));
        let named = error
            .problems()
            .iter()
            .any(|p| p.object == object && p.field == field);
        assert!(
            named,
            "{name}: expected a problem on {object} {field}, got {error}"
        );
    }
}

#[test]
fn the_status_table_maps_recorded_inputs_to_the_recorded_output() {
    let mapping = parse_mapping(&read(&example("mapping.json"))).unwrap();
    let inputs = json_at(&fixtures().join("status/inputs.json"));
    let text = |input: &Value, key: &str| input.get(key).and_then(Value::as_str).map(str::to_owned);
    let actual: Vec<Value> = inputs
        .as_array()
        .expect("a list of inputs")
        .iter()
        .map(|input| {
            let state = text(input, "state").expect("every input has a state");
            let resolution = resolve_status(
                &mapping.agent_state,
                &state,
                text(input, "reason").as_deref(),
                text(input, "activity").as_deref(),
            );
            json!({"input": input, "resolution": resolution})
        })
        .collect();
    let expected_path = fixtures().join("status/expected.json");
    if std::env::var_os("EXSYNC_BLESS").is_some() {
        let mut out = serde_json::to_string_pretty(&actual).unwrap();
        out.push('\n');
        std::fs::write(&expected_path, out).unwrap();
    }
    let expected = json_at(&expected_path);
    assert_eq!(Value::Array(actual), expected);
}

#[test]
fn the_connect_table_maps_every_recorded_agent_event_by_a_rule() {
    let text = read(&example("connect/mapping.json"));
    let mapping = parse_mapping_for(&text, Concern::AgentState).unwrap();
    let expected = [
        ("login", "system:OnQueue", "Idle"),
        ("state_change_connecting", "system:OnQueue", "Interacting"),
        (
            "state_change_on_hold_agent_queue",
            "system:OnQueue",
            "Interacting",
        ),
        (
            "state_change_after_contact_work",
            "system:OnQueue",
            "Interacting",
        ),
        (
            "state_change_second_contact_live",
            "system:OnQueue",
            "Interacting",
        ),
        (
            "state_change_lunch_whole_seconds",
            "system:Meal",
            "OffQueue",
        ),
        ("heart_beat", "system:Meal", "OffQueue"),
        ("logout", "system:Offline", "OffQueue"),
    ];
    for (name, presence, routing) in expected {
        let data =
            std::fs::read(fixtures().join(format!("connect/agent_events/{name}.json"))).unwrap();
        let event = agent_state_from_connect(&data).unwrap();
        let resolution = resolve_status(
            &mapping.agent_state,
            &event.state,
            event.reason.as_deref(),
            event.activity.as_deref(),
        );
        assert!(
            !matches!(resolution.matched, Matched::Fallback),
            "{name}: fallback"
        );
        let actual = json!(resolution);
        let presence_json = json!(resolution.presence);
        let (kind, value) = presence.split_once(':').unwrap();
        assert_eq!(presence_json[kind], json!(value), "{name}: {actual}");
        assert_eq!(actual["routingStatus"], json!(routing), "{name}: {actual}");
    }
}
