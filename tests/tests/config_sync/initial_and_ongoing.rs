//! The initial sync of the example org, the second run that plans nothing, and the changed snapshot.

use integration_tests::examples;

use super::helpers::{World, assert_clean};

#[tokio::test]
async fn initial_sync_then_a_second_run_plans_nothing_and_writes_nothing() {
    let world = World::new().await;
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());

    let first = world.sync(&snapshot, &mapping).await;
    assert_clean(&first);
    assert!(
        first.report.apply.counts.applied > 100,
        "{:?}",
        first.report.apply.counts
    );
    assert_eq!(first.idmap.tables.users.len(), 60);

    world.genesys.emulator.clear_requests();
    let second = world.sync(&snapshot, &mapping).await;

    assert!(
        second.plan.is_empty(),
        "second run planned: {:#?}",
        second.plan.changes
    );
    assert_eq!(
        world.genesys.writes(),
        vec![],
        "a no-change run must not write"
    );
}
