//! Genesys misbehaving: 503s on every attempt, 429s within and past the deadline, a user that
//! disappears for a while (refused events, then re-assertion).

use std::time::Duration;

use genesys_emulator::{Faults, ScriptedFault};

use super::helpers::{World, event, failures, fifo_event, only};

fn failing(path: &str, status: u16, times: u32) -> Faults {
    Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: path.into(),
            times,
            status: Some(status),
            delay_ms: 0,
        }],
        ..Faults::default()
    }
}

/// agent-1001 on queue and idle, agent-1002 on lunch: the state the outage tests start from.
async fn started(world: &World) {
    let start = fifo_event(&[
        (
            "s1",
            event(
                "s1",
                "agent-1001",
                "08:00:00.000",
                "READY",
                None,
                Some("IDLE"),
            ),
        ),
        (
            "s2",
            event(
                "s2",
                "agent-1002",
                "08:00:00.000",
                "NOT_READY",
                Some("Lunch"),
                None,
            ),
        ),
    ]);
    assert!(failures(&world.invoke(start).await).is_empty());
}

#[tokio::test]
async fn a_presence_outage_fails_only_the_messages_with_presence_changes_and_redelivery_heals() {
    let world = World::new().await;
    started(&world).await;
    let batch = fifo_event(&[
        // routing status only: not affected by the presence outage
        (
            "m1",
            event(
                "m1",
                "agent-1001",
                "08:05:00.000",
                "READY",
                None,
                Some("TALKING"),
            ),
        ),
        // a presence change: fails, and so does agent-1002's next message
        (
            "m2",
            event(
                "m2",
                "agent-1002",
                "08:30:00.000",
                "NOT_READY",
                Some("Training"),
                None,
            ),
        ),
        (
            "m3",
            event(
                "m3",
                "agent-1002",
                "08:40:00.000",
                "READY",
                None,
                Some("IDLE"),
            ),
        ),
    ]);
    world
        .genesys
        .emulator
        .set_faults(failing("/api/v2/events/users/presence", 503, 6));

    let first = world.invoke(batch.clone()).await;

    assert_eq!(failures(&first), ["m2", "m3"]);
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["OnQueue Idle", "OnQueue Interacting"]
    );
    world.genesys.emulator.set_faults(Faults::default());
    let redelivered = world.invoke(only(&batch, &failures(&first))).await;
    assert!(failures(&redelivered).is_empty());
    assert_eq!(
        world.timeline_lines("agent-1002"),
        ["Meal (Lunch) OffQueue", "Training OffQueue", "OnQueue Idle"]
    );
}

#[tokio::test]
async fn rate_limit_answers_are_waited_out_within_the_deadline() {
    let world = World::new().await;
    started(&world).await;
    let throttled_before = world.service.client().stats().throttled;
    world
        .genesys
        .emulator
        .set_faults(failing("/api/v2/events/users/*", 429, 2));

    let response = world
        .invoke(fifo_event(&[(
            "t1",
            event(
                "t1",
                "agent-1001",
                "09:00:00.000",
                "NOT_READY",
                Some("Coaching"),
                None,
            ),
        )]))
        .await;

    assert!(failures(&response).is_empty());
    assert_eq!(
        world.service.client().stats().throttled - throttled_before,
        2
    );
    assert_eq!(
        world.timeline_lines("agent-1001").last().unwrap(),
        "Meeting (Coaching) OffQueue"
    );
}

#[tokio::test]
async fn a_rate_limit_past_the_deadline_retries_the_messages_and_loses_nothing() {
    let world = World::new().await;
    started(&world).await;
    let batch = fifo_event(&[
        (
            "r1",
            event("r1", "agent-1001", "09:00:00.000", "NOT_READY", None, None),
        ),
        (
            "r2",
            event(
                "r2",
                "agent-1002",
                "09:00:00.000",
                "READY",
                None,
                Some("IDLE"),
            ),
        ),
    ]);
    world
        .genesys
        .emulator
        .set_faults(failing("/api/v2/events/users/*", 429, 2));

    // 0.8 s to the Lambda deadline (less its margin) is less than the 1 s Retry-After
    let first = world
        .invoke_with_time(batch.clone(), Duration::from_millis(800))
        .await;

    assert_eq!(failures(&first), ["r1", "r2"]);
    world.genesys.emulator.set_faults(Faults::default());
    let redelivered = world.invoke(only(&batch, &failures(&first))).await;
    assert!(failures(&redelivered).is_empty());
    assert_eq!(
        world.timeline_lines("agent-1001").last().unwrap(),
        "Busy OffQueue"
    );
    assert_eq!(
        world.timeline_lines("agent-1002").last().unwrap(),
        "OnQueue Idle"
    );
}

#[tokio::test]
async fn a_state_genesys_refused_is_dead_lettered_then_reasserted_by_the_next_event() {
    let world = World::new().await;
    started(&world).await;
    let user_id = world.idmap.tables.users["agent-1001"].clone();
    set_user_state(&world, &user_id, "deleted");

    let refused = world
        .invoke(fifo_event(&[(
            "x1",
            event(
                "x1",
                "agent-1001",
                "10:00:00.000",
                "NOT_READY",
                Some("Lunch"),
                None,
            ),
        )]))
        .await;
    set_user_state(&world, &user_id, "active");
    let heartbeat = world
        .invoke(fifo_event(&[(
            "x2",
            event(
                "x2",
                "agent-1001",
                "10:30:00.000",
                "NOT_READY",
                Some("Lunch"),
                None,
            ),
        )]))
        .await;

    assert!(
        failures(&refused).is_empty(),
        "refused events are dead-lettered, not retried"
    );
    assert_eq!(world.keys("dead-letters/agent-state/").await.len(), 1);
    assert!(failures(&heartbeat).is_empty());
    let timeline = world.timeline("agent-1001");
    let last = timeline.entries.last().unwrap();
    assert_eq!(
        last.at.to_rfc3339(),
        "2026-11-24T10:30:00+00:00",
        "re-sent with the heartbeat"
    );
    assert_eq!(
        world.timeline_lines("agent-1001").last().unwrap(),
        "Meal (Lunch) OffQueue"
    );
}

/// Soft-deletes or restores a user in the emulator, through its admin seed.
pub(super) fn set_user_state(world: &World, user_id: &str, state: &str) {
    let org = world.genesys.emulator.state_json();
    let mut user = org["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == user_id)
        .unwrap()
        .clone();
    user["state"] = serde_json::json!(state);
    world
        .genesys
        .emulator
        .seed(serde_json::json!({ "users": [user] }))
        .unwrap();
}
