//! The example shift (`examples/agent-state/shift.json`) replayed through the use case, as the
//! demo does: the timeline per agent, with the out-of-order and the duplicate message skipped.

use exsync::deadline::Deadline;
use exsync::sync::agent_state::{AgentStateCounts, ReplayOptions, replay_file};
use integration_tests::examples;

use super::helpers::World;

#[tokio::test]
async fn the_example_shift_replays_into_a_timeline_with_the_late_and_the_duplicate_message_skipped()
{
    let world = World::new().await;
    let path = examples::dir().join("agent-state/shift.json");

    let outcomes = replay_file(
        &world.service,
        &path,
        ReplayOptions::default(),
        Deadline::none(),
    )
    .await
    .unwrap();

    let total = outcomes
        .iter()
        .fold(AgentStateCounts::default(), |mut sum, o| {
            let c = &o.counts;
            sum.messages_received += c.messages_received;
            sum.events_received += c.events_received;
            sum.skipped_stale += c.skipped_stale;
            sum.skipped_duplicate += c.skipped_duplicate;
            sum.events_dead_lettered += c.events_dead_lettered;
            sum.events_retried += c.events_retried;
            sum.presence_calls += c.presence_calls;
            sum.routing_status_calls += c.routing_status_calls;
            sum
        });
    assert_eq!((total.messages_received, total.events_received), (52, 53));
    assert_eq!((total.skipped_stale, total.skipped_duplicate), (1, 1));
    assert_eq!((total.events_dead_lettered, total.events_retried), (0, 0));
    assert_eq!(outcomes.len(), 6, "52 messages in FIFO batches of 10");
    assert!(total.presence_calls + total.routing_status_calls <= 12);
    let skipped: Vec<String> = outcomes
        .iter()
        .flat_map(|o| &o.events)
        .filter(|e| e.to_string().contains("duplicate") || e.to_string().contains("stale"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        skipped,
        [
            "agent-1003 shift-007: skipped, duplicate",
            "agent-1002 shift-016: skipped, stale (older than 08:20:03.000)"
        ]
    );
    for agent in ["agent-1001", "agent-1002", "agent-1003", "agent-1004"] {
        println!("{}", world.timeline(agent));
    }
    assert_eq!(
        world.timeline_lines("agent-1001"),
        [
            "Busy OffQueue",
            "OnQueue Idle",
            "OnQueue Interacting",
            "OnQueue Idle",
            "Break (Short Break) OffQueue",
            "OnQueue Idle",
            "Meal (Lunch) OffQueue",
            "OnQueue Idle",
            "OnQueue Interacting",
            "OnQueue Idle",
            "Offline OffQueue"
        ]
    );
    let jonas = world.timeline("agent-1002");
    let interacting = jonas
        .entries
        .iter()
        .find(|e| e.routing_status.as_deref() == Some("Interacting"))
        .unwrap();
    assert_eq!(
        interacting.at.to_rfc3339(),
        "2026-11-24T08:20:03+00:00",
        "the late alerting message is stale; talking starts the interaction"
    );
    assert_eq!(
        world.timeline_lines("agent-1002")[6..],
        ["Training OffQueue", "OnQueue Idle", "Offline OffQueue"]
    );
}
