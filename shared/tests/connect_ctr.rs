//! Amazon Connect contact trace records as interaction records, from CTR fixtures written in the
//! shape AWS documents (`fixtures/connect/ctr/`): what each kind of contact becomes, how a
//! transfer chain becomes one interaction, and why a redelivered or updated CTR changes nothing
//! that was already sent.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use exsync::external::connect::{
    ContactTraceRecord, CtrError, interaction_from_contacts, keep_latest, parse_ctr,
};
use exsync::external::{
    Direction, DisconnectedBy, InteractionRecord, Segment, TransferKind, TransferTarget,
    validate_interaction,
};
use exsync::store::IdMap;
use exsync::sync::interactions::{ConvertOptions, References, convert};
use serde_json::json;

const AGENT_A: &str = "4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c01";
const AGENT_C: &str = "4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c03";
const AGENT_D: &str = "4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c04";
const BILLING: &str = "9e2d1c30-5a4b-4c6d-8e7f-0a1b2c3d4e01";
const RETENTION: &str = "9e2d1c30-5a4b-4c6d-8e7f-0a1b2c3d4e02";
const FIRST: &str = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e713";

fn text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/connect/ctr")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap()
}

fn ctr(name: &str) -> ContactTraceRecord {
    parse_ctr(&text(name)).unwrap()
}

fn record(names: &[&str]) -> InteractionRecord {
    let contacts: Vec<ContactTraceRecord> = names.iter().map(|n| ctr(n)).collect();
    let record = interaction_from_contacts(&contacts).unwrap();
    validate_interaction(&record).unwrap();
    record
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn agents(record: &InteractionRecord) -> Vec<&str> {
    record
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Agent(a) => Some(a.agent.as_str()),
            _ => None,
        })
        .collect()
}

/// Connect ids → Genesys ids, as config sync would have registered them.
fn idmap() -> IdMap {
    serde_json::from_value(json!({
        "schema": "exsync.idmap/v1",
        "presenceSourceId": "5e0c7a1d-7c2b-4f0e-9a51-0c3d5f7b9e10",
        "users": {
            AGENT_A: "11111111-1001-4000-8000-000000001001",
            AGENT_C: "11111111-1003-4000-8000-000000001003",
            AGENT_D: "11111111-1004-4000-8000-000000001004"
        },
        "queues": {
            BILLING: "22222222-0001-4000-8000-00000000b111",
            RETENTION: "22222222-0002-4000-8000-00000000e222"
        }
    }))
    .unwrap()
}

fn event_ids(record: &InteractionRecord) -> Vec<String> {
    let map = idmap();
    let refs = References::new(&map).unwrap();
    convert(record, &refs, &ConvertOptions::default())
        .unwrap()
        .events
        .iter()
        .map(|p| p.event.event_id().to_owned())
        .collect()
}

#[test]
fn an_answered_call_becomes_ivr_queue_and_agent_with_millisecond_times() {
    let record = record(&["answered-with-holds"]);

    assert_eq!(
        record.interaction_id.as_str(),
        "5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11",
        "a contact never transferred is its own interaction"
    );
    assert_eq!(record.direction, Direction::Inbound);
    assert_eq!(record.ani.as_deref(), Some("+4930123456"));
    assert_eq!(record.dnis.as_deref(), Some("+49800111222"));
    assert_eq!(record.started_at, at("2026-11-24T08:10:00.120Z"));
    assert_eq!(record.ended_at, Some(at("2026-11-24T08:16:40.020Z")));
    assert_eq!(record.disconnected_by, Some(DisconnectedBy::Customer));
    assert!(!record.recorded);
    let [
        Segment::Ivr(ivr),
        Segment::Queue(queue),
        Segment::Agent(agent),
    ] = record.segments.as_slice()
    else {
        panic!("{:?}", record.segments);
    };
    assert_eq!(ivr.started_at, at("2026-11-24T08:10:00.480Z"));
    assert_eq!(ivr.ended_at, Some(at("2026-11-24T08:10:31.250Z")));
    assert_eq!(queue.queue.as_str(), BILLING);
    assert_eq!(queue.ended_at, Some(at("2026-11-24T08:11:04.900Z")));
    assert_eq!(agent.agent.as_str(), AGENT_A);
    assert_eq!(agent.queue.as_ref().map(|q| q.as_str()), Some(BILLING));
    assert_eq!(agent.alerted_at, at("2026-11-24T08:11:04.900Z"));
    assert_eq!(agent.answered_at, Some(at("2026-11-24T08:11:05.310Z")));
    assert_eq!(agent.ended_at, Some(at("2026-11-24T08:16:40.020Z")));
    assert_eq!(
        agent.after_call_work_ended_at,
        Some(at("2026-11-24T08:17:30.555Z"))
    );
    assert!(
        agent.holds.is_empty(),
        "two holds without times are not invented"
    );
    assert!(record.transfers.is_empty());
}

#[test]
fn a_missed_call_with_a_nameless_queue_ends_in_the_queue() {
    let record = record(&["missed"]);

    assert_eq!(record.started_at, at("2026-11-24T09:30:00Z"));
    assert_eq!(record.ended_at, Some(at("2026-11-24T09:32:10Z")));
    assert_eq!(record.disconnected_by, Some(DisconnectedBy::Customer));
    let [Segment::Ivr(ivr), Segment::Queue(queue)] = record.segments.as_slice() else {
        panic!("{:?}", record.segments);
    };
    assert_eq!(ivr.ended_at, Some(at("2026-11-24T09:30:20Z")));
    assert_eq!(queue.queue.as_str(), BILLING, "the id comes from the ARN");
    assert_eq!(
        queue.ended_at,
        Some(at("2026-11-24T09:32:10Z")),
        "the customer gave up waiting"
    );
    assert!(agents(&record).is_empty());
}

#[test]
fn a_transfer_chain_is_one_interaction_with_both_agents_and_a_blind_transfer() {
    let in_order = record(&["transfer-first", "transfer-second"]);
    let reversed = record(&["transfer-second", "transfer-first"]);

    assert_eq!(
        in_order, reversed,
        "the order the CTRs arrive in does not matter"
    );
    assert_eq!(in_order.interaction_id.as_str(), FIRST);
    assert_eq!(agents(&in_order), [AGENT_C, AGENT_D]);
    assert_eq!(in_order.ended_at, Some(at("2026-11-24T09:15:20Z")));
    let [transfer] = in_order.transfers.as_slice() else {
        panic!("{:?}", in_order.transfers);
    };
    assert_eq!(transfer.kind, TransferKind::Blind);
    assert_eq!(transfer.at, at("2026-11-24T09:06:00.100Z"));
    assert_eq!(transfer.from.agent.as_str(), AGENT_C);
    assert_eq!(
        transfer.to,
        TransferTarget::Queue(exsync::ids::ExternalId::new(RETENTION))
    );
}

#[test]
fn a_transferred_contact_alone_is_still_in_progress() {
    let record = record(&["transfer-first"]);

    assert_eq!(record.interaction_id.as_str(), FIRST);
    assert_eq!(
        record.ended_at, None,
        "the call goes on in the next contact"
    );
    assert_eq!(record.disconnected_by, None);
    assert_eq!(agents(&record), [AGENT_C]);
}

#[test]
fn the_chain_record_only_grows_at_its_end() {
    let first = record(&["transfer-first"]);
    let chain = record(&["transfer-first", "transfer-second"]);

    assert_eq!(chain.segments[..first.segments.len()], first.segments[..]);
}

#[test]
fn a_later_contact_without_its_first_is_refused() {
    let error = interaction_from_contacts(&[ctr("transfer-second")]).unwrap_err();

    assert!(matches!(error, CtrError::Chain { .. }), "{error:?}");
    assert!(error.to_string().contains(FIRST), "{error}");
}

#[test]
fn converting_the_same_ctr_twice_gives_the_same_event_ids() {
    let once = event_ids(&record(&["answered-with-holds"]));
    let twice = event_ids(&record(&["answered-with-holds"]));

    assert!(!once.is_empty());
    assert_eq!(once, twice);
}

#[test]
fn the_second_contact_of_a_transfer_adds_only_new_event_ids() {
    let first: BTreeSet<String> = event_ids(&record(&["transfer-first"]))
        .into_iter()
        .collect();
    let chain: BTreeSet<String> = event_ids(&record(&["transfer-first", "transfer-second"]))
        .into_iter()
        .collect();

    assert!(
        first.is_subset(&chain),
        "nothing sent for the first contact changes: {:?}",
        first.difference(&chain).collect::<Vec<_>>()
    );
    assert!(chain.len() > first.len());
}

#[test]
fn the_latest_version_of_a_ctr_wins_whatever_the_order() {
    let (old, new) = (
        ctr("answered-with-holds"),
        ctr("answered-with-holds-updated"),
    );

    let forwards = keep_latest([old.clone(), new.clone()]).unwrap();
    let backwards = keep_latest([new.clone(), old]).unwrap();

    assert_eq!(forwards, std::slice::from_ref(&new));
    assert_eq!(backwards, [new]);
}

#[test]
fn an_updated_ctr_changes_no_event_ids() {
    let old = record(&["answered-with-holds"]);
    let new = record(&["answered-with-holds-updated"]);

    assert!(new.recorded, "the update added the recording");
    assert_eq!(old.segments, new.segments);
    assert_eq!(event_ids(&old), event_ids(&new));
}

#[test]
fn a_bad_timestamp_names_its_field_and_contact() {
    let mut value: serde_json::Value = serde_json::from_str(&text("missed")).unwrap();
    value["Queue"]["EnqueueTimestamp"] = json!("24/11/2026 09:30");
    let ctr = parse_ctr(&value.to_string()).unwrap();

    let error = interaction_from_contacts(&[ctr]).unwrap_err();

    let message = error.to_string();
    assert!(message.contains("Queue.EnqueueTimestamp"), "{message}");
    assert!(
        message.contains("a3d4e5f6-0718-4293-a4b5-c6d7e8f90a12"),
        "{message}"
    );
}

#[test]
fn an_agent_without_an_agent_arn_is_an_error_not_a_panic() {
    let mut value: serde_json::Value = serde_json::from_str(&text("answered-with-holds")).unwrap();
    value["Agent"]["ARN"] = json!("arn:aws:connect:eu-central-1:1:instance/i/queue/q");
    let ctr = parse_ctr(&value.to_string()).unwrap();

    let error = interaction_from_contacts(&[ctr]).unwrap_err();

    assert!(error.to_string().contains("Agent.ARN"), "{error}");
}

#[test]
fn a_ctr_without_a_contact_id_or_of_another_shape_is_refused() {
    assert!(matches!(
        parse_ctr(r#"{"Channel": "VOICE"}"#),
        Err(CtrError::NoContactId { .. })
    ));
    let error = parse_ctr(r#"{"ContactId": "c-1", "Agent": "lena"}"#).unwrap_err();
    assert!(error.to_string().contains("c-1"), "{error}");
}

#[test]
fn a_chat_contact_is_not_an_interaction() {
    let mut value: serde_json::Value = serde_json::from_str(&text("missed")).unwrap();
    value["Channel"] = json!("CHAT");
    let ctr = parse_ctr(&value.to_string()).unwrap();

    let error = interaction_from_contacts(&[ctr]).unwrap_err();

    assert!(error.to_string().contains("Channel"), "{error}");
}
