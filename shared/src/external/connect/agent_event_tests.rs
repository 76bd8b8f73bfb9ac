//! The converter as a specification: every recorded Connect agent event in
//! `tests/fixtures/connect/agent_events/` turns into the exsync event beside it in `expected/`, and
//! each kind of bad input is refused with a problem naming its field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use serde_json::{Value, json};

use super::{agent_state_from_connect, connect_agent_id};
use crate::external::parse_agent_state_event;
use crate::external::problems::Problem;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connect/agent_events")
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn convert(value: &Value) -> Result<crate::external::AgentStateEvent, Problem> {
    agent_state_from_connect(value.to_string().as_bytes()).map_err(|error| {
        let problems = error.into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    })
}

#[test]
fn every_recorded_agent_event_converts_to_its_expected_exsync_event() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let expected_text =
            std::fs::read_to_string(fixtures().join("expected").join(format!("{name}.json")))
                .unwrap();
        let expected = parse_agent_state_event(&expected_text).unwrap();
        let converted = agent_state_from_connect(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(converted, expected, "{name}");
        seen += 1;
    }
    assert!(seen >= 8, "only {seen} fixtures");
}

#[test]
fn login_without_a_previous_snapshot_keeps_its_milliseconds() {
    let login = fixture("login");
    assert!(login.get("PreviousAgentSnapshot").is_none());
    let event = convert(&login).unwrap();
    assert_eq!(event.occurred_at.timestamp_subsec_millis(), 125);
    assert_eq!(
        (event.state.as_str(), event.reason.as_deref()),
        ("ROUTABLE", Some("Available"))
    );
}

#[test]
fn whole_second_timestamps_are_accepted() {
    let event = convert(&fixture("state_change_lunch_whole_seconds")).unwrap();
    assert_eq!(event.occurred_at.to_rfc3339(), "2026-11-24T12:00:00+00:00");
}

#[test]
fn the_agent_id_is_the_user_id_at_the_end_of_the_agent_arn() {
    let event = convert(&fixture("heart_beat")).unwrap();
    assert_eq!(
        event.agent_id.as_str(),
        "5b2c7e1a-3f4d-4a8b-9c6e-0d1f2a3b4c5d"
    );
    assert_eq!(
        connect_agent_id("arn:aws:connect:eu-central-1:1:instance/i/agent/u-1"),
        Some("u-1")
    );
    assert_eq!(
        connect_agent_id("arn:aws:connect:eu-central-1:1:instance/i"),
        None
    );
    assert_eq!(
        connect_agent_id("arn:aws:connect:x:1:instance/i/agent/"),
        None
    );
}

#[test]
fn a_live_contact_wins_over_one_in_after_contact_work() {
    let event = convert(&fixture("state_change_second_contact_live")).unwrap();
    assert_eq!(event.activity.as_deref(), Some("CONNECTED"));
}

#[test]
fn logout_is_offline_whatever_the_snapshot_says() {
    let mut logout = fixture("logout");
    logout["CurrentAgentSnapshot"]["AgentStatus"]["Type"] = json!("ROUTABLE");
    let event = convert(&logout).unwrap();
    assert_eq!(
        (event.state.as_str(), event.reason, event.activity),
        ("OFFLINE", None, None)
    );
}

#[test]
fn a_null_contact_list_means_no_activity() {
    let mut heart_beat = fixture("heart_beat");
    heart_beat["CurrentAgentSnapshot"]["Contacts"] = Value::Null;
    assert_eq!(convert(&heart_beat).unwrap().activity, None);
}

#[test]
fn a_missing_status_type_is_named_with_its_path() {
    let mut event = fixture("state_change_connecting");
    event["CurrentAgentSnapshot"]["AgentStatus"]
        .as_object_mut()
        .unwrap()
        .remove("Type");
    let problem = convert(&event).unwrap_err();
    assert_eq!(
        problem.object,
        "connect event[3f0a6b1e-0002-4c2d-9e8f-a1b2c3d4e5f6]"
    );
    assert_eq!(problem.field, "CurrentAgentSnapshot.AgentStatus.Type");
    assert_eq!(problem.message, "missing");
}

#[test]
fn a_contact_state_of_the_wrong_type_is_named_with_its_index() {
    let mut event = fixture("state_change_second_contact_live");
    event["CurrentAgentSnapshot"]["Contacts"][1]["State"] = json!(7);
    let problem = convert(&event).unwrap_err();
    assert_eq!(problem.field, "CurrentAgentSnapshot.Contacts[1].State");
    assert_eq!(problem.message, "must be a string, not number");
}

#[test]
fn a_state_change_without_a_current_snapshot_is_refused() {
    let mut event = fixture("state_change_connecting");
    event
        .as_object_mut()
        .unwrap()
        .remove("CurrentAgentSnapshot");
    assert_eq!(convert(&event).unwrap_err().field, "CurrentAgentSnapshot");
}

#[test]
fn an_unknown_event_type_is_refused() {
    let mut event = fixture("login");
    event["EventType"] = json!("LUNCH_TIME");
    assert_eq!(convert(&event).unwrap_err().field, "EventType");
}

#[test]
fn a_timestamp_without_an_offset_is_refused() {
    let mut event = fixture("login");
    event["EventTimestamp"] = json!("2026-11-24 08:00:00");
    assert_eq!(convert(&event).unwrap_err().field, "EventTimestamp");
}

#[test]
fn an_arn_that_names_no_agent_is_refused() {
    let mut event = fixture("login");
    event["AgentARN"] = json!("arn:aws:connect:eu-central-1:1:instance/i");
    assert_eq!(convert(&event).unwrap_err().field, "AgentARN");
}

#[test]
fn bytes_that_are_not_a_json_object_are_refused_without_panicking() {
    for data in [
        &b"\xff\xfe"[..],
        b"",
        b"[]",
        b"\"LOGIN\"",
        b"{\"EventId\": 3}",
    ] {
        let error = agent_state_from_connect(data).unwrap_err();
        assert!(
            error.problems()[0].object.starts_with("connect event"),
            "{error}"
        );
    }
}
