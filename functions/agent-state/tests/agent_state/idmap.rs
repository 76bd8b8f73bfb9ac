//! The id map changing under a warm function: new hires, users missing from the map, caching.

use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::{PutMode, keys};
use exsync::sync::agent_state::AgentStateOptions;
use exsync::sync::{Mode, config_sync};
use integration_tests::examples;

use super::helpers::{World, event, failures, fifo_event};

fn always_refresh() -> AgentStateOptions {
    AgentStateOptions {
        idmap_refresh: Duration::ZERO,
        ..AgentStateOptions::default()
    }
}

async fn store_idmap_without(world: &World, agent: &str) {
    let (mut idmap, etag) = world
        .store
        .get_json::<IdMap>(keys::IDMAP)
        .await
        .unwrap()
        .unwrap();
    idmap.tables.users.remove(agent);
    world
        .store
        .put_json(keys::IDMAP, &idmap, PutMode::IfMatch(etag))
        .await
        .unwrap();
}

fn lookups(world: &World) -> usize {
    world
        .api_requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v2/users/externalid/"))
        .count()
}

#[tokio::test]
async fn a_new_hire_synced_between_invocations_is_found_in_the_reread_id_map() {
    let world = World::with_options(always_refresh()).await;
    let hire = |id: &str, at: &str| {
        fifo_event(&[(id, event(id, "agent-1060", at, "READY", None, Some("IDLE")))])
    };

    let before_sync = world.invoke(hire("h1", "08:00:00.000")).await;
    let (snapshot, mapping) = (examples::snapshot("changed"), examples::mapping());
    config_sync(
        &world.genesys.client,
        &world.store,
        Desired {
            snapshot: &snapshot,
            mapping: &mapping,
        },
        "test",
        Mode::Apply,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await
    .unwrap();
    world.genesys.emulator.clear_requests();
    let after_sync = world.invoke(hire("h2", "08:10:00.000")).await;

    assert!(
        failures(&before_sync).is_empty(),
        "an unknown agent is dead-lettered, not retried"
    );
    assert_eq!(world.keys("dead-letters/agent-state/").await.len(), 1);
    assert!(failures(&after_sync).is_empty());
    assert_eq!(lookups(&world), 0, "found in the id map, no lookup");
    let synced: IdMap = world.store.get_json(keys::IDMAP).await.unwrap().unwrap().0;
    let user = &synced.tables.users["agent-1060"];
    let state = world.genesys.emulator.state_json();
    let history = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == user.as_str())
        .unwrap()["routingStatusHistory"]
        .clone();
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["status"], "Idle");
}

#[tokio::test]
async fn an_agent_missing_from_the_id_map_is_found_by_external_id() {
    let world = World::with_options(always_refresh()).await;
    store_idmap_without(&world, "agent-1001").await;

    let response = world
        .invoke(fifo_event(&[(
            "l1",
            event(
                "l1",
                "agent-1001",
                "08:00:00.000",
                "READY",
                None,
                Some("IDLE"),
            ),
        )]))
        .await;

    assert!(failures(&response).is_empty());
    assert_eq!(lookups(&world), 1);
    assert_eq!(world.timeline_lines("agent-1001"), ["OnQueue Idle"]);
}

#[tokio::test]
async fn a_warm_function_trusts_its_cached_id_map_for_a_minute() {
    let world = World::new().await;
    let first = fifo_event(&[(
        "c1",
        event(
            "c1",
            "agent-1001",
            "08:00:00.000",
            "READY",
            None,
            Some("IDLE"),
        ),
    )]);
    world.invoke(first).await;
    store_idmap_without(&world, "agent-1001").await;
    world.genesys.emulator.clear_requests();

    let second = world
        .invoke(fifo_event(&[(
            "c2",
            event(
                "c2",
                "agent-1001",
                "08:01:00.000",
                "READY",
                None,
                Some("TALKING"),
            ),
        )]))
        .await;

    assert!(failures(&second).is_empty());
    assert_eq!(lookups(&world), 0, "the cached map still has the agent");
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["OnQueue Idle", "OnQueue Interacting"]
    );
}
