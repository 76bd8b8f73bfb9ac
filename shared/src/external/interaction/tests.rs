//! One test per interaction rule, each asserting the exact object and field of the problem.

use serde_json::{Value, json};

use super::*;

fn base_json() -> Value {
    json!({
        "schema": "exsync.interaction/v1", "interactionId": "call-20261124-0001",
        "direction": "inbound", "ani": "+4930123456", "dnis": "+49800111222",
        "startedAt": "2026-11-24T08:10:00Z", "endedAt": "2026-11-24T08:16:40Z",
        "recorded": true, "disconnectedBy": "customer",
        "segments": [
            {"type": "ivr", "startedAt": "2026-11-24T08:10:00Z", "endedAt": "2026-11-24T08:10:30Z"},
            {"type": "queue", "queue": "q-billing-de", "startedAt": "2026-11-24T08:10:30Z", "endedAt": "2026-11-24T08:11:05Z"},
            {"type": "agent", "agent": "agent-1001", "queue": "q-billing-de",
             "alertedAt": "2026-11-24T08:11:00Z", "answeredAt": "2026-11-24T08:11:05Z",
             "holds": [{"startedAt": "2026-11-24T08:13:00Z", "endedAt": "2026-11-24T08:13:40Z"}],
             "endedAt": "2026-11-24T08:16:40Z", "afterCallWorkEndedAt": "2026-11-24T08:17:30Z",
             "wrapupCode": "wu-resolved", "notes": "refund issued"}
        ],
        "transfers": []
    })
}

/// The (field, message) of every problem, after checking they are all on the record.
fn problems(value: &Value) -> Vec<(String, String)> {
    match parse_interaction(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| {
                assert_eq!(p.object, "interaction[call-20261124-0001]");
                (p.field.clone(), p.message.clone())
            })
            .collect(),
    }
}

fn only(value: &Value) -> (String, String) {
    let found = problems(value);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn the_documented_record_reads() {
    let record = parse_interaction(&base_json().to_string()).unwrap();
    assert_eq!(record.segments.len(), 3);
    let Segment::Agent(agent) = &record.segments[2] else {
        panic!("expected an agent segment")
    };
    assert_eq!(agent.holds.len(), 1);
    assert_eq!(record.disconnected_by, Some(DisconnectedBy::Customer));
}

#[test]
fn a_record_round_trips_through_serde() {
    let record = parse_interaction(&base_json().to_string()).unwrap();
    let again = parse_interaction(&serde_json::to_string(&record).unwrap()).unwrap();
    assert_eq!(record, again);
}

#[test]
fn a_call_in_progress_needs_no_end_times() {
    let value = json!({
        "schema": "exsync.interaction/v1", "interactionId": "call-20261124-0001",
        "direction": "outbound", "startedAt": "2026-11-24T08:10:00Z",
        "segments": [{"type": "agent", "agent": "agent-1001", "alertedAt": "2026-11-24T08:10:00Z"}]
    });
    assert_eq!(problems(&value), Vec::<(String, String)>::new());
}

#[test]
fn transfers_to_a_queue_an_agent_and_a_number_read() {
    let mut value = base_json();
    value["transfers"] = json!([
        {"type": "blind", "at": "2026-11-24T08:14:00Z", "from": {"agent": "agent-1001"}, "to": {"queue": "q-tech"}},
        {"type": "consult", "at": "2026-11-24T08:15:00Z", "from": {"agent": "agent-1001"}, "to": {"agent": "agent-1002"}},
        {"type": "blind", "at": "2026-11-24T08:16:00Z", "from": {"agent": "agent-1001"}, "to": {"number": "+4940555"}}
    ]);
    let record = parse_interaction(&value.to_string()).unwrap();
    assert_eq!(record.transfers[1].kind, TransferKind::Consult);
    assert_eq!(
        record.transfers[2].to,
        TransferTarget::Number("+4940555".into())
    );
}

#[test]
fn a_field_of_another_segment_type_is_named() {
    let mut value = base_json();
    value["segments"][0]["holds"] = json!([]);
    assert_eq!(
        only(&value),
        (
            "segments[0].holds".into(),
            "field `holds` is not allowed in an ivr segment".into()
        )
    );
}

#[test]
fn a_queue_segment_without_its_queue_is_named() {
    let mut value = base_json();
    value["segments"][1]
        .as_object_mut()
        .unwrap()
        .remove("queue");
    assert_eq!(
        only(&value),
        ("segments[1].queue".into(), "missing field `queue`".into())
    );
}

#[test]
fn a_bad_time_inside_a_hold_is_named() {
    let mut value = base_json();
    value["segments"][2]["holds"][0]["endedAt"] = json!("soon");
    assert_eq!(only(&value).0, "segments[2].holds[0].endedAt");
}

#[test]
fn an_unknown_segment_type_is_named() {
    let mut value = base_json();
    value["segments"][0]["type"] = json!("voicemail");
    assert_eq!(only(&value).0, "segments[0].type");
}

#[test]
fn an_unknown_transfer_type_is_named() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "warm", "at": "2026-11-24T08:14:00Z",
                                 "from": {"agent": "agent-1001"}, "to": {"queue": "q-tech"}}]);
    assert_eq!(only(&value).0, "transfers[0].type");
}

#[test]
fn an_end_before_the_start_is_reported() {
    let mut value = base_json();
    value["endedAt"] = json!("2026-11-24T08:00:00Z");
    let found = problems(&value);
    assert_eq!(found[0], ("endedAt".into(), "is before startedAt".into()));
}

#[test]
fn disconnected_by_needs_an_ended_call() {
    let mut value = base_json();
    value.as_object_mut().unwrap().remove("endedAt");
    assert_eq!(only(&value).0, "disconnectedBy");
}

#[test]
fn a_record_needs_segments() {
    let mut value = base_json();
    value["segments"] = json!([]);
    assert_eq!(
        only(&value),
        ("segments".into(), "at least one segment is required".into())
    );
}

#[test]
fn segments_out_of_time_order_are_reported() {
    let mut value = base_json();
    value["segments"][1]["startedAt"] = json!("2026-11-24T08:09:00Z");
    assert_eq!(
        only(&value),
        (
            "segments[1].startedAt".into(),
            "is before the call's startedAt".into()
        )
    );
    let mut value = base_json();
    value["segments"][2]["alertedAt"] = json!("2026-11-24T08:10:20Z");
    value["segments"][2]["answeredAt"] = json!("2026-11-24T08:10:25Z");
    assert_eq!(only(&value).0, "segments[2].alertedAt");
}

#[test]
fn a_segment_ending_after_the_call_is_reported() {
    let mut value = base_json();
    value["segments"][2]["endedAt"] = json!("2026-11-24T08:17:00Z");
    assert_eq!(
        only(&value),
        (
            "segments[2].endedAt".into(),
            "is after the call's endedAt".into()
        )
    );
}

#[test]
fn an_answer_before_the_alert_is_reported() {
    let mut value = base_json();
    value["segments"][2]["answeredAt"] = json!("2026-11-24T08:10:59Z");
    assert_eq!(
        only(&value),
        (
            "segments[2].answeredAt".into(),
            "is before alertedAt".into()
        )
    );
}

#[test]
fn after_call_work_before_the_end_is_reported() {
    let mut value = base_json();
    value["segments"][2]["afterCallWorkEndedAt"] = json!("2026-11-24T08:16:00Z");
    assert_eq!(
        only(&value),
        (
            "segments[2].afterCallWorkEndedAt".into(),
            "is before endedAt".into()
        )
    );
}

#[test]
fn a_hold_before_the_answer_is_reported() {
    let mut value = base_json();
    value["segments"][2]["holds"][0]["startedAt"] = json!("2026-11-24T08:11:02Z");
    assert_eq!(
        only(&value),
        (
            "segments[2].holds[0].startedAt".into(),
            "is before the call was answered".into()
        )
    );
}

#[test]
fn overlapping_holds_are_reported() {
    let mut value = base_json();
    value["segments"][2]["holds"] = json!([
        {"startedAt": "2026-11-24T08:13:00Z", "endedAt": "2026-11-24T08:13:40Z"},
        {"startedAt": "2026-11-24T08:13:30Z", "endedAt": "2026-11-24T08:14:00Z"}
    ]);
    assert_eq!(
        only(&value),
        (
            "segments[2].holds[1].startedAt".into(),
            "overlaps the previous hold".into()
        )
    );
}

#[test]
fn only_the_last_hold_may_be_open() {
    let mut value = base_json();
    value["segments"][2]["holds"] = json!([
        {"startedAt": "2026-11-24T08:13:00Z"},
        {"startedAt": "2026-11-24T08:14:00Z", "endedAt": "2026-11-24T08:14:30Z"}
    ]);
    assert_eq!(only(&value).0, "segments[2].holds[0].endedAt");
}

#[test]
fn a_hold_on_an_unanswered_call_is_reported() {
    let mut value = base_json();
    value["segments"][2]
        .as_object_mut()
        .unwrap()
        .remove("answeredAt");
    assert_eq!(only(&value).0, "segments[2].holds");
}

#[test]
fn a_transfer_from_an_agent_not_in_the_call_is_reported() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "blind", "at": "2026-11-24T08:14:00Z",
                                 "from": {"agent": "agent-9"}, "to": {"queue": "q-tech"}}]);
    assert_eq!(
        only(&value),
        (
            "transfers[0].from.agent".into(),
            "`agent-9` has no agent segment in this call".into()
        )
    );
}

#[test]
fn a_transfer_to_oneself_is_reported() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "consult", "at": "2026-11-24T08:14:00Z",
                                 "from": {"agent": "agent-1001"}, "to": {"agent": "agent-1001"}}]);
    assert_eq!(only(&value).0, "transfers[0].to.agent");
}

#[test]
fn a_transfer_outside_the_call_is_reported() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "blind", "at": "2026-11-24T09:00:00Z",
                                 "from": {"agent": "agent-1001"}, "to": {"number": "+4940555"}}]);
    assert_eq!(
        only(&value),
        (
            "transfers[0].at".into(),
            "is after the call's endedAt".into()
        )
    );
}

#[test]
fn an_empty_transfer_number_is_reported() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "blind", "at": "2026-11-24T08:14:00Z",
                                 "from": {"agent": "agent-1001"}, "to": {"number": ""}}]);
    assert_eq!(only(&value).0, "transfers[0].to.number");
}

#[test]
fn empty_numbers_and_wrapup_codes_are_reported() {
    let mut value = base_json();
    value["ani"] = json!("");
    value["segments"][2]["wrapupCode"] = json!("");
    let fields: Vec<String> = problems(&value).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["ani", "segments[2].wrapupCode"]);
}

#[test]
fn an_unknown_direction_is_named() {
    let mut value = base_json();
    value["direction"] = json!("internal");
    assert_eq!(only(&value).0, "direction");
}

#[test]
fn validate_interaction_checks_a_record_built_in_code() {
    let mut record = parse_interaction(&base_json().to_string()).unwrap();
    record.segments.clear();
    let error = validate_interaction(&record).unwrap_err();
    assert_eq!(error.problems()[0].field, "segments");
}

#[test]
fn a_transfer_target_with_two_keys_is_named() {
    let mut value = base_json();
    value["transfers"] = json!([{"type": "blind", "at": "2026-11-24T08:14:00Z",
                                 "from": {"agent": "agent-1001"}, "to": {"queue": "q-tech", "agent": "agent-2"}}]);
    let (field, message) = only(&value);
    assert_eq!(field, "transfers[0].to");
    assert!(message.starts_with("has the wrong shape"), "{message}");
}
