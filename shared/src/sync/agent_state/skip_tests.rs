//! Specifications of the skipped events an agent's record keeps and what they cost in writes,
//! through the same pure steps a batch takes: plan, the claim written before sending
//! (`claim_records`), and the settled record that replaces it (`settle`; written only when it
//! differs from the claim).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::catalog::PresenceCatalog;
use super::claim::claim_records;
use super::inbound::{InboundMessage, ParsedBatch, QueueKind, parse_messages};
use super::plan::{AgentLookup, Plan, PlanContext, plan};
use super::record::{AgentRecord, Sent};
use super::settle::{Deliveries, settle};
use super::skipped::{SkipReason, SkippedEvent};
use crate::mapping::{RoutingStatus, StatusTable};
use crate::presence::SystemPresence;

const AGENT: &str = "agent-1";

fn at(time: &str) -> DateTime<Utc> {
    format!("2026-11-24T{time}Z").parse().unwrap()
}

fn message(event_id: &str, time: &str) -> InboundMessage {
    let body = json!({
        "schema": "exsync.agent-state/v1", "eventId": event_id, "agentId": AGENT,
        "occurredAt": format!("2026-11-24T{time}Z"), "state": "NOT_READY"
    });
    InboundMessage {
        message_id: format!("m-{event_id}"),
        body: body.to_string(),
        group_id: Some(AGENT.into()),
        sent_at: None,
    }
}

/// The agent's stored record: `e-2` at 08:10 taken, Busy / OffQueue (what every event of these
/// tests maps to) sent and delivered.
fn stored() -> HashMap<String, AgentRecord> {
    let mut record = AgentRecord::empty(AGENT, at("08:10:00"));
    record.take("e-2", at("08:10:00"));
    let sent = |value| Sent {
        value,
        event_id: "sent-e-2".into(),
        occurred_at: at("08:10:00"),
        delivered: true,
    };
    record.presence = Some(sent("def-busy".to_owned()));
    record.routing_status = Some(Sent {
        value: RoutingStatus::OffQueue,
        event_id: "sent-e-2".into(),
        occurred_at: at("08:10:00"),
        delivered: true,
    });
    HashMap::from([(AGENT.to_owned(), record)])
}

/// A batch as the service takes it: parsed, stamped with its processing time.
fn batch(messages: &[InboundMessage]) -> ParsedBatch {
    let mut parsed = parse_messages(messages);
    parsed.processed_at = Some(at("09:00:00"));
    parsed
}

/// Plans the batch against `records` with a table that maps every state to Busy / OffQueue.
fn planned(parsed: &ParsedBatch, records: &HashMap<String, AgentRecord>) -> Plan {
    let table: StatusTable = serde_json::from_value(json!({
        "fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}
    }))
    .unwrap();
    let catalog = PresenceCatalog {
        system: [(SystemPresence::Busy, "def-busy".to_owned())].into(),
        ..PresenceCatalog::default()
    };
    let users = HashMap::from([(AGENT.to_owned(), AgentLookup::Found("user-1".into()))]);
    let ctx = PlanContext {
        table: &table,
        catalog: &catalog,
        source_id: "source-1",
        users: &users,
        kind: QueueKind::Fifo,
    };
    plan(&parsed.events, records, &ctx)
}

/// The records a batch writes: the claims, then each settled record that differs from its claim.
fn writes(messages: &[InboundMessage]) -> (Vec<AgentRecord>, Vec<AgentRecord>) {
    let (parsed, records) = (batch(messages), stored());
    let plan = planned(&parsed, &records);
    let claims = claim_records(&parsed, &plan, &records);
    let deliveries = Deliveries::all_accepted(&plan);
    let none = BTreeSet::new();
    let settled = settle(
        messages,
        &parsed,
        &plan,
        &deliveries,
        &records,
        QueueKind::Fifo,
        &none,
    );
    let confirmations = settled
        .records
        .into_iter()
        .filter(|r| !claims.contains(r))
        .collect();
    (claims, confirmations)
}

#[test]
fn a_stale_event_is_kept_with_its_reason_and_the_record_is_written_once() {
    let (claims, confirmations) = writes(&[message("e-1", "08:00:00")]);

    assert_eq!(claims.len(), 1, "the stale event alone writes the record");
    assert!(
        confirmations.is_empty(),
        "nothing was sent: no second write"
    );
    assert_eq!(
        claims[0].recent_skips,
        [SkippedEvent {
            event_id: "e-1".into(),
            occurred_at: at("08:00:00"),
            skipped_at: Some(at("09:00:00")),
            reason: SkipReason::Stale {
                last_occurred_at: at("08:10:00")
            },
        }]
    );
    assert_eq!(claims[0].last_event_id, "e-2", "a stale event is not taken");
}

#[test]
fn a_duplicate_event_is_kept_with_its_reason() {
    let (claims, _) = writes(&[message("e-2", "08:10:00")]);

    assert_eq!(claims.len(), 1);
    let kept: Vec<_> = claims[0]
        .recent_skips
        .iter()
        .map(|s| (s.event_id.as_str(), &s.reason))
        .collect();
    assert_eq!(kept, [("e-2", &SkipReason::Duplicate)]);
}

#[test]
fn an_unchanged_event_costs_no_write_of_its_own() {
    let (claims, confirmations) = writes(&[message("e-3", "08:20:00")]);

    assert_eq!(claims.len(), 1, "one write, the one taking the event needs");
    assert!(confirmations.is_empty());
    let mut without_skip = claims[0].clone();
    without_skip.recent_skips.clear();
    assert_ne!(
        Some(&without_skip),
        stored().get(AGENT),
        "taking the event changes the record even without its skip"
    );
    assert_eq!(claims[0].last_event_id, "e-3");
    assert_eq!(claims[0].recent_skips[0].reason, SkipReason::Unchanged);
}

#[test]
fn a_batch_of_many_anomalies_keeps_only_the_most_recent() {
    let stale: Vec<InboundMessage> = (0..15)
        .map(|i| message(&format!("old-{i:02}"), &format!("08:00:{i:02}")))
        .collect();

    let (claims, _) = writes(&stale);

    let kept: Vec<&str> = claims[0]
        .recent_skips
        .iter()
        .map(|s| s.event_id.as_str())
        .collect();
    assert_eq!(kept.len(), super::skipped::RECENT_SKIPS);
    assert_eq!((kept[0], kept[kept.len() - 1]), ("old-05", "old-14"));
}
