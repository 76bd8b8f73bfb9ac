//! Golden tests of the agent-state mapping: each folder under `tests/fixtures/agent_state/` holds a
//! recorded SQS batch (`batch.json`), optionally the agents' stored records (`records.json`) and
//! what Genesys answered (`answers.json`), and the expected result (`expected.json`): the
//! presence and routing-status events sent, each event's status, each message's verdict, the
//! records written and the counts. The status table is `examples/mapping.json`'s; ids and the
//! presence catalog come from `fixtures/agent_state/context.json`.
//!
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test -p exsync --test
//! agent_state` and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use exsync::mapping::{MappingDocument, parse_mapping};
use exsync::sync::agent_state::{
    AgentLookup, AgentRecord, AgentStateCounts, Deliveries, Delivery, EventStatus, InboundMessage,
    MessageVerdict, Plan, PlanContext, PresenceCatalog, QueueKind, Settlement, parse_messages,
    plan, settle,
};
use serde::Deserialize;
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agent_state")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mapping() -> MappingDocument {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/mapping.json");
    parse_mapping(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Context {
    source_id: String,
    users: HashMap<String, String>,
    unknown: Vec<String>,
    catalog: PresenceCatalog,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Batch {
    queue: QueueKind,
    messages: Vec<RecordedMessage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordedMessage {
    message_id: String,
    #[serde(default)]
    group_id: Option<String>,
    /// a JSON value, or a string taken as the raw body (for unparseable bodies)
    body: Value,
}

/// What Genesys answered, per kind, keyed by the **external** event id: `{"retryable": bool,
/// "message": "..."}`, or `"callFailed"` for a failed call (every event of the kind retried).
#[derive(Deserialize, Default)]
struct Answers {
    #[serde(default)]
    presence: Value,
    #[serde(default)]
    routing: Value,
}

/// The outcome of one case.
struct Golden {
    plan: Plan,
    settlement: Settlement,
    counts: AgentStateCounts,
}

fn run(case: &str) -> Golden {
    let dir = fixtures().join(case);
    let context: Context =
        serde_json::from_value(read_json(&fixtures().join("context.json"))).unwrap();
    let batch: Batch = serde_json::from_value(read_json(&dir.join("batch.json"))).unwrap();
    let records: HashMap<String, AgentRecord> = match dir.join("records.json") {
        p if p.exists() => serde_json::from_value(read_json(&p)).unwrap(),
        _ => HashMap::new(),
    };
    let answers: Answers = match dir.join("answers.json") {
        p if p.exists() => serde_json::from_value(read_json(&p)).unwrap(),
        _ => Answers::default(),
    };
    let messages: Vec<InboundMessage> = batch
        .messages
        .into_iter()
        .map(|m| InboundMessage {
            message_id: m.message_id,
            group_id: m.group_id,
            body: m
                .body
                .as_str()
                .map_or_else(|| m.body.to_string(), str::to_owned),
            sent_at: None,
        })
        .collect();
    let mut users: HashMap<String, AgentLookup> = context
        .users
        .into_iter()
        .map(|(a, u)| (a, AgentLookup::Found(u)))
        .collect();
    for agent in context.unknown {
        users.insert(
            agent.clone(),
            AgentLookup::Unknown(format!("unknown agent {agent}")),
        );
    }
    let mapping = mapping();
    let parsed = parse_messages(&messages);
    let ctx = PlanContext {
        table: &mapping.agent_state,
        catalog: &context.catalog,
        source_id: &context.source_id,
        users: &users,
        kind: batch.queue,
    };
    let plan = plan(&parsed.events, &records, &ctx);
    let deliveries = deliveries(&parsed, &plan, &answers);
    let settlement = settle(
        &messages,
        &parsed,
        &plan,
        &deliveries,
        &records,
        batch.queue,
        &BTreeSet::new(),
    );
    let counts = AgentStateCounts::tally(&parsed.bad, &plan, &settlement);
    let got = json!({
        "presenceEvents": plan.presence,
        "routingStatusEvents": plan.routing,
        "events": parsed.events.iter().zip(&settlement.events).map(|(p, s)| {
            json!({"eventId": p.event.event_id, "agentId": p.event.agent_id, "result": s})
        }).collect::<Vec<_>>(),
        "messages": messages.iter().zip(&settlement.messages).map(|(m, v)| {
            json!({"messageId": m.message_id, "result": v})
        }).collect::<Vec<_>>(),
        "recordsWritten": settlement.records,
        "counts": counts,
    });
    compare(case, &got);
    Golden {
        plan,
        settlement,
        counts,
    }
}

/// Maps the recorded answers (by external event id) onto the planned events.
fn deliveries(
    parsed: &exsync::sync::agent_state::ParsedBatch,
    plan: &Plan,
    answers: &Answers,
) -> Deliveries {
    let mut deliveries = Deliveries::all_accepted(plan);
    let external_of = |index: usize, presence: bool| -> String {
        let (i, _) = plan
            .decisions
            .iter()
            .enumerate()
            .find(|(_, d)| match d {
                Some(exsync::sync::agent_state::Decision::Send {
                    presence: p,
                    routing: r,
                }) => {
                    if presence {
                        *p == Some(index)
                    } else {
                        *r == Some(index)
                    }
                }
                _ => false,
            })
            .unwrap();
        parsed.events[i].event.event_id.to_string()
    };
    for (answer, slots, presence) in [
        (&answers.presence, &mut deliveries.presence, true),
        (&answers.routing, &mut deliveries.routing, false),
    ] {
        for (index, slot) in slots.iter_mut().enumerate() {
            if answer.as_str() == Some("callFailed") {
                *slot = Delivery::Retry("503 service unavailable".into());
            } else if let Some(error) = answer.get(external_of(index, presence)) {
                let message = error["message"].as_str().unwrap().to_owned();
                *slot = if error["retryable"].as_bool().unwrap() {
                    Delivery::Retry(message)
                } else {
                    Delivery::Refused(message)
                };
            }
        }
    }
    deliveries
}

fn compare(case: &str, got: &Value) {
    let text = serde_json::to_string_pretty(got).unwrap() + "\n";
    let path = fixtures().join(case).join("expected.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{case}: no expected.json; run with UPDATE_GOLDEN=1"));
    assert_eq!(text, expected, "{case}: result differs from expected.json");
}

fn statuses(golden: &Golden) -> Vec<&'static str> {
    golden
        .settlement
        .events
        .iter()
        .map(|s| match s {
            EventStatus::Applied => "applied",
            EventStatus::Skipped(_) => "skipped",
            EventStatus::DeadLettered { .. } => "deadLettered",
            EventStatus::Retried { .. } => "retried",
        })
        .collect()
}

fn verdicts(golden: &Golden) -> Vec<&'static str> {
    golden
        .settlement
        .messages
        .iter()
        .map(|v| match v {
            MessageVerdict::Acknowledged => "ack",
            MessageVerdict::DeadLettered { .. } => "deadLetter",
            MessageVerdict::Retry { .. } => "retry",
        })
        .collect()
}

#[test]
fn shift_of_one_agent_maps_every_state() {
    let golden = run("shift_of_one_agent_maps_every_state");
    // alerting, talking, hold and after-call work are all `Interacting` in Genesys: one change
    assert_eq!(
        (
            golden.counts.events_applied,
            golden.counts.skipped_unchanged
        ),
        (6, 4)
    );
    assert_eq!(
        (golden.plan.presence.len(), golden.plan.routing.len()),
        (4, 5)
    );
    assert!(golden.plan.unmapped.is_empty());
}

#[test]
fn duplicate_and_out_of_order_events_are_skipped_with_a_reason() {
    let golden = run("duplicate_and_out_of_order_events_are_skipped_with_a_reason");
    assert_eq!(
        statuses(&golden),
        ["applied", "applied", "skipped", "skipped", "applied"]
    );
    assert_eq!(
        (golden.counts.skipped_duplicate, golden.counts.skipped_stale),
        (1, 1)
    );
    assert_eq!(verdicts(&golden), ["ack"; 5]);
}

#[test]
fn standard_queue_orders_each_agent_by_occurred_at() {
    let golden = run("standard_queue_orders_each_agent_by_occurred_at");
    let times: Vec<_> = golden
        .plan
        .routing
        .iter()
        .filter(|e| e.agent_id.ends_with("1001"))
        .map(|e| e.event_date_time)
        .collect();
    assert!(times.is_sorted(), "{times:?}");
    assert_eq!(
        golden.counts.events_skipped, 0,
        "nothing is stale once sorted"
    );
}

#[test]
fn unmapped_value_takes_the_fallback_and_is_counted() {
    let golden = run("unmapped_value_takes_the_fallback_and_is_counted");
    assert_eq!(
        golden
            .counts
            .unmapped
            .get("state=WRAP_UP,reason=-,activity=-"),
        Some(&2)
    );
    assert_eq!(
        golden
            .counts
            .unresolved_presences
            .get("secondary `Back Office`"),
        Some(&1)
    );
    assert_eq!(
        golden.counts.events_applied + golden.counts.events_skipped,
        4,
        "never dropped"
    );
}

#[test]
fn unchanged_state_is_skipped_and_undelivered_state_is_reasserted() {
    let golden = run("unchanged_state_is_skipped_and_undelivered_state_is_reasserted");
    assert_eq!(golden.counts.reasserted, 1);
    assert_eq!(
        golden.plan.presence.len(),
        1,
        "only the undelivered lunch presence goes again"
    );
    assert_eq!(
        (
            golden.counts.skipped_unchanged,
            golden.counts.skipped_duplicate
        ),
        (1, 1)
    );
}

#[test]
fn retryable_error_retries_the_message_and_every_later_one_of_the_agent() {
    let golden = run("retryable_error_retries_the_message_and_every_later_one_of_the_agent");
    assert_eq!(
        verdicts(&golden),
        ["ack", "ack", "retry", "ack", "retry", "retry"]
    );
    let record = golden
        .settlement
        .records
        .iter()
        .find(|r| r.agent_id == "agent-1001")
        .unwrap();
    assert_eq!(
        record.last_event_id, "a1",
        "the record stops before the retried event"
    );
}

#[test]
fn refused_event_is_dead_lettered_and_recorded_as_not_delivered() {
    let golden = run("refused_event_is_dead_lettered_and_recorded_as_not_delivered");
    assert_eq!(verdicts(&golden), ["ack", "deadLetter"]);
    let record = &golden.settlement.records[0];
    assert!(!record.presence.as_ref().unwrap().delivered);
    assert!(record.routing_status.as_ref().unwrap().delivered);
}

#[test]
fn bad_input_and_unknown_agent_are_dead_lettered_and_acknowledged() {
    let golden = run("bad_input_and_unknown_agent_are_dead_lettered_and_acknowledged");
    assert_eq!(
        verdicts(&golden),
        ["deadLetter", "deadLetter", "deadLetter", "ack"]
    );
    assert_eq!(golden.counts.events_dead_lettered, 3);
    assert_eq!(
        golden.counts.events_applied, 2,
        "the good event beside the bad one goes out"
    );
}

#[test]
fn a_failed_presence_call_retries_only_the_messages_with_presence_events() {
    let golden = run("a_failed_presence_call_retries_only_the_messages_with_presence_events");
    assert_eq!(verdicts(&golden), ["retry", "ack"]);
}
