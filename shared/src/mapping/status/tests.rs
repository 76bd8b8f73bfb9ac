//! The status table's matching and precedence, rule by rule.

use serde_json::json;

use super::*;
use crate::presence::SystemPresence;

fn table() -> StatusTable {
    serde_json::from_value(json!({
        "rules": [
            {"state": "LOGGED_OUT", "presence": {"system": "Offline"}, "routingStatus": "OffQueue"},
            {"state": "NOT_READY", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"},
            {"state": "NOT_READY", "reason": "Lunch", "presence": {"secondary": "Lunch"}, "routingStatus": "OffQueue"},
            {"state": "NOT_READY", "reason": null, "presence": {"system": "Away"}, "routingStatus": "OffQueue"},
            {"state": "READY", "activity": "TALKING", "presence": {"system": "OnQueue"}, "routingStatus": "Interacting"},
            {"activity": "TALKING", "presence": {"system": "Busy"}, "routingStatus": "Communicating"},
            {"state": "READY", "presence": {"system": "OnQueue"}, "routingStatus": "Idle"},
            {"state": "READY", "activity": "TALKING", "presence": {"system": "OnQueue"}, "routingStatus": "Communicating"}
        ],
        "fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}
    }))
    .unwrap()
}

fn matched(state: &str, reason: Option<&str>, activity: Option<&str>) -> Matched {
    resolve_status(&table(), state, reason, activity).matched
}

#[test]
fn an_exact_state_matches() {
    let resolution = resolve_status(&table(), "LOGGED_OUT", None, None);
    assert_eq!(resolution.matched, Matched::Rule(0));
    assert_eq!(
        resolution.presence,
        PresenceTarget::System(SystemPresence::Offline)
    );
    assert_eq!(resolution.routing_status, RoutingStatus::OffQueue);
}

#[test]
fn a_more_specific_rule_beats_an_earlier_general_one() {
    let resolution = resolve_status(&table(), "NOT_READY", Some("Lunch"), None);
    assert_eq!(resolution.matched, Matched::Rule(2));
    assert_eq!(
        resolution.presence,
        PresenceTarget::Secondary("Lunch".into())
    );
}

#[test]
fn null_matches_only_a_missing_value() {
    assert_eq!(matched("NOT_READY", None, None), Matched::Rule(3));
    assert_eq!(
        matched("NOT_READY", Some("Training"), None),
        Matched::Rule(1)
    );
}

#[test]
fn a_left_out_pattern_matches_anything_including_nothing() {
    assert_eq!(matched("READY", None, None), Matched::Rule(6));
    assert_eq!(matched("READY", Some("x"), Some("IDLE")), Matched::Rule(6));
}

#[test]
fn the_first_of_equally_specific_rules_wins() {
    // rules 4 and 7 both pin state and activity; 4 comes first
    assert_eq!(matched("READY", None, Some("TALKING")), Matched::Rule(4));
}

#[test]
fn a_wildcard_state_matches_any_state() {
    assert_eq!(
        matched("LOGGED_IN", None, Some("TALKING")),
        Matched::Rule(5)
    );
}

#[test]
fn an_unmapped_status_uses_the_fallback_and_says_so() {
    let resolution = resolve_status(&table(), "SUSPENDED", None, None);
    assert_eq!(resolution.matched, Matched::Fallback);
    assert_eq!(
        resolution.presence,
        PresenceTarget::System(SystemPresence::Busy)
    );
}

#[test]
fn codes_are_case_sensitive() {
    assert_eq!(matched("ready", None, None), Matched::Fallback);
}

#[test]
fn an_explicit_star_is_the_same_as_leaving_the_pattern_out() {
    let rule: StatusRule =
        serde_json::from_value(json!({"state": "*", "reason": "*", "activity": "TALKING",
        "presence": {"system": "Busy"}, "routingStatus": "Communicating"}))
        .unwrap();
    assert_eq!(rule.state, Pattern::Any);
    assert_eq!(rule.specificity(), 1);
}

#[test]
fn patterns_serialize_back_to_their_json_forms() {
    let rule = &table().rules[3];
    let value = serde_json::to_value(rule).unwrap();
    assert_eq!(
        value,
        json!({"state": "NOT_READY", "reason": null,
        "presence": {"system": "Away"}, "routingStatus": "OffQueue"})
    );
}

#[test]
fn a_resolution_serializes_for_golden_files() {
    let value = serde_json::to_value(resolve_status(&table(), "SUSPENDED", None, None)).unwrap();
    assert_eq!(
        value,
        json!({"presence": {"system": "Busy"}, "routingStatus": "OffQueue", "matched": "fallback"})
    );
    let value = serde_json::to_value(resolve_status(&table(), "READY", None, None)).unwrap();
    assert_eq!(value["matched"], json!({"rule": 6}));
}
