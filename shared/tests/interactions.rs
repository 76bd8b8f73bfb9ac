//! Golden tests of the interaction conversion: a recorded record in
//! (`fixtures/interactions/<case>.record.json`), the ordered conversation events out, cut into
//! the steps they are sent in (`<case>.events.json`). Run with `UPDATE_GOLDEN=1` to rewrite the
//! expected files after a deliberate change, then review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::HashMap;
use std::path::PathBuf;

use exsync::external::parse_interaction;
use exsync::ids::is_v4_uuid;
use exsync::store::IdMap;
use exsync::sync::interactions::{
    Conversion, ConvertOptions, InteractionStatus, References, TagId, conversation_ids, convert,
    steps,
};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interactions")
}

fn idmap() -> IdMap {
    let text = std::fs::read_to_string(fixtures().join("idmap.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn convert_case(record: &str, options: &ConvertOptions) -> Conversion {
    let path = fixtures().join(format!("{record}.record.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let record = parse_interaction(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let map = idmap();
    let refs = References::new(&map).unwrap();
    convert(&record, &refs, options).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The golden form: ids, status, and the events step by step.
fn golden(conversion: &Conversion) -> Value {
    let steps: Vec<Value> = steps(&conversion.events)
        .into_iter()
        .map(|range| {
            let events: Vec<Value> = conversion.events[range]
                .iter()
                .map(|p| p.event.to_json())
                .collect();
            Value::Array(events)
        })
        .collect();
    let mut out = json!({
        "conversationId": conversion.conversation_id,
        "status": conversion.status,
        "communications": conversion.communications,
        "steps": steps,
    });
    if !conversion.routing_status_events.is_empty() {
        out["routingStatusEvents"] = json!(conversion.routing_status_events);
    }
    out
}

fn check_golden(case: &str, record: &str, options: &ConvertOptions) {
    let actual = golden(&convert_case(record, options));
    let path = fixtures().join(format!("{case}.events.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display())),
    )
    .unwrap();
    assert_eq!(
        actual,
        expected,
        "{case}: conversion differs from {}",
        path.display()
    );
}

const CASES: &[&str] = &[
    "inbound",
    "hold",
    "blind-transfer-queue",
    "consult-transfer",
    "abandoned-in-queue",
    "outbound",
    "inbound-in-progress",
    "ended-before-wrapup",
    "blind-transfer-number",
    "blind-transfer-agent-rona",
];

#[test]
fn every_call_shape_converts_to_its_recorded_events() {
    for case in CASES {
        check_golden(case, case, &ConvertOptions::default());
    }
}

#[test]
fn routing_status_option_adds_the_agents_statuses() {
    let options = ConvertOptions {
        routing_status: true,
        ..ConvertOptions::default()
    };
    check_golden("inbound-routing-status", "inbound", &options);
    check_golden(
        "blind-transfer-agent-rona-routing-status",
        "blind-transfer-agent-rona",
        &options,
    );
}

#[test]
fn every_id_is_a_v4_uuid_and_every_event_id_is_unique() {
    for case in CASES {
        let conversion = convert_case(case, &ConvertOptions::default());
        let mut seen = std::collections::HashSet::new();
        for planned in &conversion.events {
            let header = planned.event.header();
            assert!(is_v4_uuid(&header.event_id), "{case}: {}", header.event_id);
            assert!(is_v4_uuid(&header.conversation_id), "{case}");
            assert!(seen.insert(header.event_id.clone()), "{case}: duplicate id");
        }
        assert!(conversion.communications.values().all(|c| is_v4_uuid(c)));
    }
}

#[test]
fn an_updated_record_repeats_earlier_events_unchanged_and_adds_new_ones() {
    let options = ConvertOptions::default();
    let stages = ["inbound-in-progress", "ended-before-wrapup", "hold"];
    let conversions: Vec<Conversion> = stages.iter().map(|s| convert_case(s, &options)).collect();
    let statuses: Vec<_> = conversions.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            InteractionStatus::InProgress,
            InteractionStatus::Ended,
            InteractionStatus::Complete
        ]
    );
    for pair in conversions.windows(2) {
        let later: HashMap<&str, _> = pair[1]
            .events
            .iter()
            .map(|p| (p.event.event_id(), &p.event))
            .collect();
        for planned in &pair[0].events {
            let id = planned.event.event_id();
            assert_eq!(later.get(id), Some(&&planned.event), "event {id} changed");
        }
        assert!(pair[1].events.len() > pair[0].events.len());
    }
}

#[test]
fn conversation_ids_match_the_conversion_for_recordings() {
    let conversion = convert_case("inbound", &ConvertOptions::default());
    let source = idmap().presence_source_id.unwrap();
    let ids = conversation_ids(&source, "call-20261124-0001");
    assert_eq!(ids.conversation_id, conversion.conversation_id);
    assert_eq!(
        Some(&ids.customer_communication_id),
        conversion.communications.get("customer")
    );
    assert_eq!(
        Some(&ids.agent_communication_id),
        conversion.communications.get("agent")
    );
}

#[test]
fn unknown_agents_queues_and_wrapup_codes_are_all_named() {
    let mut map = idmap();
    map.tables.users.remove("agent-1003");
    map.tables.queues.remove("q-retention-de");
    map.tables.wrapup_codes.remove("wu-retained");
    let text =
        std::fs::read_to_string(fixtures().join("blind-transfer-queue.record.json")).unwrap();
    let record = parse_interaction(&text).unwrap();

    let error = convert(
        &record,
        &References::new(&map).unwrap(),
        &ConvertOptions::default(),
    )
    .unwrap_err();

    let fields: Vec<&str> = error.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "segments[2].agent",
            "segments[3].queue",
            "segments[4].queue",
            "segments[4].wrapupCode",
            "transfers[0].to.queue"
        ]
    );
    assert!(error.to_string().contains("unknown agent `agent-1003`"));
}

#[test]
fn an_ended_call_transferred_to_a_queue_it_never_reached_is_rejected() {
    let text =
        std::fs::read_to_string(fixtures().join("blind-transfer-queue.record.json")).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["segments"].as_array_mut().unwrap().truncate(3);
    value["segments"][2]["endedAt"] = json!("2026-11-24T09:06:00Z");
    value["endedAt"] = json!("2026-11-24T09:06:00Z");
    let record = parse_interaction(&value.to_string()).unwrap();
    let map = idmap();

    let error = convert(
        &record,
        &References::new(&map).unwrap(),
        &ConvertOptions::default(),
    )
    .unwrap_err();

    assert_eq!(error.problems()[0].field, "transfers[0].to.queue");
}

#[test]
fn the_tag_can_be_prefixed_or_left_out() {
    let prefixed = ConvertOptions {
        tag: TagId::Prefixed("ext-cc:".into()),
        ..ConvertOptions::default()
    };
    let none = ConvertOptions {
        tag: TagId::None,
        ..ConvertOptions::default()
    };
    let tag_of = |options: &ConvertOptions| {
        let conversion = convert_case("abandoned-in-queue", options);
        let json = conversion.events[0].event.to_json();
        json["event"]["sourceConfiguration"]["tagId"].clone()
    };

    assert_eq!(tag_of(&prefixed), json!("ext-cc:call-20261124-0005"));
    assert_eq!(tag_of(&none), Value::Null);
}

#[test]
fn every_example_call_converts_with_the_example_references() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/interactions");
    let map = idmap();
    let refs = References::new(&map).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let record = parse_interaction(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let conversion = convert(&record, &refs, &ConvertOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            conversion.status,
            InteractionStatus::Complete,
            "{}",
            path.display()
        );
        count += 1;
    }
    assert_eq!(count, 6);
}

#[test]
fn every_example_and_fixture_record_follows_the_json_schema() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/interaction.v1.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for dir in [root.join("examples/interactions"), fixtures()] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let is_record =
                path.parent() != Some(fixtures().as_path()) || name.ends_with(".record.json");
            if !is_record || !name.ends_with(".json") {
                continue;
            }
            let document: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&document)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 6 + 10);
}
