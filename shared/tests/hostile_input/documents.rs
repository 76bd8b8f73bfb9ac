//! The JSON decoders of external input on hostile documents: agent-state event bodies,
//! interaction records (and their conversion into conversation events), recording sidecars,
//! configuration snapshots and mapping documents. Each answers a value or an [`InputError`]
//! whose problems name an object, never a panic.

use std::path::{Path, PathBuf};

use exsync::external::{
    InputError, parse_agent_state_body, parse_agent_state_event, parse_interaction,
    parse_recording_sidecar, parse_snapshot, split_agent_state_body,
};
use exsync::mapping::parse_mapping;
use exsync::store::IdMap;
use exsync::sync::interactions::{ConvertOptions, References, convert, steps};
use proptest::prelude::*;
use serde_json::Value;

use crate::mutate::{
    config, config_for_large_documents, hostile_value, mutated_json, mutated_text,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn text(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

fn json(path: &str) -> Value {
    serde_json::from_str(&text(path)).unwrap()
}

/// Every problem of an error names the object it is about.
fn check_error(error: &InputError) {
    let problems = error.clone().into_problems();
    assert!(!problems.is_empty(), "an error without problems");
    for problem in problems {
        assert!(!problem.object.is_empty(), "{problem:?}");
        assert!(!problem.message.is_empty(), "{problem:?}");
    }
}

fn check<T>(result: &Result<T, InputError>) {
    if let Err(error) = result {
        check_error(error);
    }
}

fn agent_state_events() -> Value {
    json("shared/tests/fixtures/formats/agent-state.json")
}

fn agent_state(body: &str) {
    check(&parse_agent_state_body(body));
    if let Ok(events) = split_agent_state_body(body) {
        events.iter().for_each(check);
    }
    check(&parse_agent_state_event(body));
}

const RECORDS: [&str; 5] = [
    "consult-transfer",
    "hold",
    "blind-transfer-number",
    "blind-transfer-agent-rona",
    "outbound",
];

fn records() -> Vec<Value> {
    RECORDS
        .iter()
        .map(|name| {
            json(&format!(
                "shared/tests/fixtures/interactions/{name}.record.json"
            ))
        })
        .collect()
}

/// Parses a record and, when it is valid, converts it with and without routing status and cuts
/// the events into steps.
fn interaction(body: &str, idmap: &IdMap) {
    let record = parse_interaction(body);
    check(&record);
    let Ok(record) = record else { return };
    let refs = References::new(idmap).unwrap();
    for routing_status in [false, true] {
        let options = ConvertOptions {
            routing_status,
            ..ConvertOptions::default()
        };
        let conversion = convert(&record, &refs, &options);
        check(&conversion);
        if let Ok(conversion) = conversion {
            for range in steps(&conversion.events) {
                for planned in &conversion.events[range] {
                    assert!(planned.event.to_json().is_object());
                }
            }
        }
    }
}

fn idmap() -> IdMap {
    serde_json::from_value(json("shared/tests/fixtures/interactions/idmap.json")).unwrap()
}

fn snapshot() -> Value {
    json("examples/config/initial.json")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_is_refused_by_every_decoder_never_a_panic(body in prop_oneof![
        ".{0,256}",
        prop::collection::vec(any::<u8>(), 0..256)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        hostile_value().prop_map(|v| v.to_string()),
    ]) {
        agent_state(&body);
        interaction(&body, &idmap());
        check(&parse_recording_sidecar(&body));
        check(&parse_snapshot(&body));
        check(&parse_mapping(&body));
    }

    #[test]
    fn mutated_agent_state_bodies_are_read_or_refused_never_a_panic(
        body in prop_oneof![
            mutated_json(agent_state_events()),
            mutated_json(agent_state_events()[0].clone()),
            mutated_text(&text("shared/tests/fixtures/formats/agent-state.json")),
        ]
    ) {
        agent_state(&body);
    }

    #[test]
    fn mutated_interaction_records_are_read_and_converted_or_refused_never_a_panic(
        body in prop::sample::select(records()).prop_flat_map(|record| prop_oneof![
            3 => mutated_json(record.clone()),
            1 => mutated_text(&record.to_string()),
        ])
    ) {
        interaction(&body, &idmap());
    }

    #[test]
    fn mutated_recording_sidecars_are_read_or_refused_never_a_panic(
        body in prop_oneof![
            mutated_json(json("shared/tests/fixtures/formats/recording.json")),
            mutated_text(&text("shared/tests/fixtures/formats/recording.json")),
        ]
    ) {
        check(&parse_recording_sidecar(&body));
    }

    #[test]
    fn mutated_mapping_documents_are_read_or_refused_never_a_panic(
        body in prop_oneof![
            3 => mutated_json(json("examples/mapping.json")),
            1 => mutated_text(&text("examples/mapping.json")),
        ]
    ) {
        check(&parse_mapping(&body));
    }
}

proptest! {
    #![proptest_config(config_for_large_documents())]

    #[test]
    fn mutated_snapshots_are_read_or_refused_never_a_panic(
        body in prop_oneof![
            3 => mutated_json(snapshot()),
            1 => mutated_text(&snapshot().to_string()),
        ]
    ) {
        check(&parse_snapshot(&body));
    }
}

#[test]
fn the_fixtures_mutated_here_are_valid_so_mutations_reach_the_rules() {
    let idmap = idmap();
    let refs = References::new(&idmap).unwrap();

    parse_agent_state_body(&agent_state_events().to_string()).unwrap();
    for record in records() {
        let record = parse_interaction(&record.to_string()).unwrap();
        convert(&record, &refs, &ConvertOptions::default()).unwrap();
    }
    parse_recording_sidecar(&text("shared/tests/fixtures/formats/recording.json")).unwrap();
    parse_mapping(&text("examples/mapping.json")).unwrap();
    parse_snapshot(&snapshot().to_string()).unwrap();
}

#[test]
fn a_body_nested_ten_thousand_deep_is_refused_not_a_stack_overflow() {
    let body = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));

    let error = split_agent_state_body(&body).unwrap_err();

    check_error(&error);
}

#[test]
fn times_at_the_ends_of_the_calendar_are_read_and_converted_without_a_panic() {
    let idmap = idmap();
    let ends = [
        "+262142-12-31T23:59:59.999999999Z",
        "-262143-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00+23:59",
    ];
    for record in records() {
        for end in ends {
            let mut text = record.to_string();
            for field in [
                "startedAt",
                "endedAt",
                "alertedAt",
                "answeredAt",
                "afterCallWorkEndedAt",
                "at",
            ] {
                let key = format!("\"{field}\":\"");
                while let Some(at) = text.find(&key) {
                    let start = at + key.len();
                    let stop = start + text[start..].find('"').unwrap();
                    text.replace_range(at..=stop, &format!("\"{field}\" :\"{end}\""));
                }
            }

            interaction(&text, &idmap);

            let record = parse_interaction(&text);
            assert!(record.is_ok(), "{end}: {record:?}");
        }
    }
}
