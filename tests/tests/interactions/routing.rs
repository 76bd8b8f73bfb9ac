//! The routing statuses a call implies, sent only when the mapping asks for them
//! (`interactions.emitRoutingStatus`).

use serde_json::Value;

use super::helpers::{World, example};

fn routing_calls(world: &World) -> usize {
    world
        .genesys
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v2/events/users/routingstatus")
        .count()
}

/// The agent's routing status timeline as (time, status).
fn timeline(world: &World, user_id: &str) -> Vec<(String, String)> {
    let state = world.genesys.emulator.state_json();
    let user = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == user_id)
        .unwrap()
        .clone();
    user["routingStatusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r: &Value| {
            let at = r["eventDateTime"].as_str().unwrap().to_owned();
            (at, r["status"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn routing_statuses_are_not_sent_by_default() {
    let world = World::new().await;

    let outcome = world.send(&[example("01-inbound")]).await;

    assert_eq!(outcome.applied, 1);
    assert_eq!(outcome.routing_status_calls, 0);
    assert_eq!(routing_calls(&world), 0);
}

#[tokio::test]
async fn with_the_option_the_agent_is_interacting_during_the_call_and_idle_after_wrap_up() {
    let mut world = World::new().await;
    world.settings.convert.routing_status = true;

    let outcome = world.send(&[example("02-hold")]).await;

    assert_eq!(
        outcome.routing_status_events_sent, 2,
        "{:#?}",
        outcome.messages
    );
    assert_eq!(outcome.routing_status_calls, 1);
    let user = world.idmap().await.tables.users["agent-1002"].clone();
    let statuses: Vec<(String, String)> = timeline(&world, &user)
        .into_iter()
        .map(|(at, status)| (at[11..19].to_owned(), status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("08:21:32".to_owned(), "Interacting".to_owned()),
            ("08:32:00".to_owned(), "Idle".to_owned())
        ]
    );
    world.genesys.emulator.clear_requests();
    let again = world.send(&[example("02-hold")]).await;
    assert_eq!(
        again.skipped, 1,
        "a redelivery sends no routing status either"
    );
    assert_eq!(routing_calls(&world), 0);
}
