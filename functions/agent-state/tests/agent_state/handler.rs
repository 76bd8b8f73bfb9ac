//! The handler with recorded SQS payloads (FIFO with its attributes, standard, poison).

use agent_state::{emf_line, inbound_messages};
use exsync::sync::agent_state::{AgentStateCounts, QueueKind};

use super::helpers::{World, failures, message_ids, sqs_fixture};

#[test]
fn fifo_attributes_are_read_from_a_recorded_payload() {
    let event = sqs_fixture("sqs-fifo-batch.json");

    let (messages, kind) = inbound_messages(&event.records);

    assert_eq!(kind, QueueKind::Fifo);
    assert_eq!(messages.len(), 10);
    assert_eq!(messages[0].group_id.as_deref(), Some("agent-1001"));
    assert_eq!(messages[2].group_id.as_deref(), Some("agent-1002"));
    let sent = messages[1].sent_at.unwrap();
    assert_eq!(sent.to_rfc3339(), "2026-11-24T08:00:00.250+00:00");
    assert!(messages[0].body.contains("evt-fifo-01"));
}

#[test]
fn a_standard_queue_payload_has_no_groups() {
    let (messages, kind) = inbound_messages(&sqs_fixture("sqs-standard-batch.json").records);

    assert_eq!(kind, QueueKind::Standard);
    assert!(messages.iter().all(|m| m.group_id.is_none()));
}

#[tokio::test]
async fn fifo_batch_of_ten_events_takes_two_genesys_calls_and_builds_the_timeline() {
    let world = World::new().await;

    let response = world.invoke(sqs_fixture("sqs-fifo-batch.json")).await;

    assert_eq!(failures(&response), Vec::<String>::new());
    assert_eq!(
        world.event_posts(),
        (1, 1),
        "one presence and one routing-status call"
    );
    assert_eq!(
        world.timeline_lines("agent-1001"),
        [
            "Busy OffQueue",
            "OnQueue Idle",
            "OnQueue Interacting",
            "OnQueue Idle"
        ]
    );
    assert_eq!(
        world.timeline_lines("agent-1002"),
        [
            "OnQueue Idle",
            "OnQueue Interacting",
            "Meal (Lunch) OffQueue"
        ]
    );
    assert_eq!(
        world.timeline_lines("agent-1003"),
        ["Meeting (Team Meeting) OffQueue"]
    );
}

#[tokio::test]
async fn a_warm_function_needs_exactly_two_calls_per_batch_and_a_redelivery_none() {
    let world = World::new().await;
    world.invoke(sqs_fixture("sqs-fifo-batch.json")).await;
    world.genesys.emulator.clear_requests();

    let redelivered = world.invoke(sqs_fixture("sqs-fifo-batch.json")).await;
    let calls_for_redelivery = world.api_requests().len();
    let next = world.invoke(sqs_fixture("sqs-standard-batch.json")).await;

    assert!(failures(&redelivered).is_empty() && failures(&next).is_empty());
    assert_eq!(calls_for_redelivery, 0, "every event is a duplicate");
    let mut calls: Vec<String> = world
        .api_requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    calls.sort();
    assert_eq!(
        calls,
        [
            "POST /api/v2/events/users/presence",
            "POST /api/v2/events/users/routingstatus"
        ],
        "a warm batch makes the two event calls and nothing else"
    );
}

#[tokio::test]
async fn a_cold_start_reads_no_presence_definitions_for_labels_the_id_map_holds() {
    let world = World::new().await;
    assert!(
        world.idmap.secondary_labels.contains_key("Lunch"),
        "config sync records the labels it manages: {:?}",
        world.idmap.secondary_labels
    );

    let response = world.invoke(sqs_fixture("sqs-fifo-batch.json")).await;

    assert!(failures(&response).is_empty());
    let reads: Vec<String> = world
        .api_requests()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path.clone())
        .collect();
    assert!(
        !reads
            .iter()
            .any(|p| p.starts_with("/api/v2/presence/definitions")),
        "{reads:?}"
    );
}

#[tokio::test]
async fn poison_message_bad_event_and_unknown_agent_are_dead_lettered_and_never_block_their_agent()
{
    let world = World::new().await;
    let event = sqs_fixture("sqs-fifo-poison-batch.json");
    let ids = message_ids(&event);

    let response = world.invoke(event).await;

    assert!(failures(&response).is_empty(), "{:?}", failures(&response));
    let letters = world.keys("dead-letters/agent-state/2026-11-24/").await;
    let expected: Vec<String> = [1, 2, 3]
        .iter()
        .map(|&i| format!("dead-letters/agent-state/2026-11-24/{}.json", ids[i]))
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(letters, sorted);
    let (letter, _) = world
        .store
        .get_json::<serde_json::Value>(&expected[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (letter["schema"].as_str(), letter["function"].as_str()),
        (Some("exsync.dead-letter/v1"), Some("agent-state"))
    );
    assert!(letter["body"].as_str().unwrap().starts_with("{\"schema\""));
    assert!(
        letter["reasons"][0]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    let unknown = world
        .store
        .get_json::<serde_json::Value>(&expected[1])
        .await
        .unwrap()
        .unwrap()
        .0;
    assert!(
        unknown["reasons"][0]
            .as_str()
            .unwrap()
            .contains("unknown agent agent-7777")
    );
    // agent-1002's poison message did not hold back its next one; agent-1003's good event went out
    assert_eq!(
        world.timeline_lines("agent-1002"),
        ["Break (Short Break) OffQueue"]
    );
    assert_eq!(world.timeline_lines("agent-1003"), ["OnQueue Idle"]);
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["OnQueue Idle", "OnQueue Interacting"]
    );
}

#[tokio::test]
async fn standard_queue_batch_is_put_in_time_order_and_a_duplicate_skipped() {
    let world = World::new().await;

    let response = world.invoke(sqs_fixture("sqs-standard-batch.json")).await;

    assert!(failures(&response).is_empty());
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["Busy OffQueue", "OnQueue Idle", "OnQueue Interacting"]
    );
    assert_eq!(
        world.timeline_lines("agent-1002"),
        ["OnQueue Idle", "Training OffQueue"]
    );
    let record: serde_json::Value = world
        .store
        .get_json("agent-state/last/agent-1001.json")
        .await
        .unwrap()
        .unwrap()
        .0;
    assert_eq!(record["lastEventId"], "evt-s-03");
}

#[test]
fn the_counts_become_one_emf_line_with_every_metric_declared() {
    let counts = AgentStateCounts {
        events_received: 10,
        events_applied: 7,
        events_skipped: 2,
        events_dead_lettered: 1,
        presence_calls: 1,
        routing_status_calls: 1,
        unmapped: [("state=WRAP_UP,reason=-,activity=-".to_owned(), 3)].into(),
        ..AgentStateCounts::default()
    };

    let line: serde_json::Value =
        serde_json::from_str(&emf_line(&counts, "req-1").render(1_795_507_200_000)).unwrap();

    let declared: Vec<&str> = line["_aws"]["CloudWatchMetrics"][0]["Metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Name"].as_str().unwrap())
        .collect();
    for name in [
        "EventsReceived",
        "EventsApplied",
        "EventsDeadLettered",
        "UnmappedValues",
        "PresenceCalls",
        "GenesysCalls",
    ] {
        assert!(declared.contains(&name), "{name} missing from {declared:?}");
        assert!(line[name].is_number(), "{name}");
    }
    assert_eq!(
        (
            line["EventsReceived"].as_f64(),
            line["UnmappedValues"].as_f64()
        ),
        (Some(10.0), Some(3.0))
    );
    assert_eq!(line["Function"], "agent-state");
    assert_eq!(line["requestId"], "req-1");
}
