//! Call counts that do not depend on the machine: events per call for a standard-queue batch of
//! 1,000 events from 200 agents (target ≥ 90), and at most two calls for a FIFO batch of 10.

use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::store::{DirStore, StateStore};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService, QueueKind};
use integration_tests::examples;
use integration_tests::genesys::Genesys;

#[path = "../../benches/support/workload.rs"]
mod workload;

#[tokio::test]
async fn a_standard_batch_of_1000_events_from_200_agents_packs_at_least_90_events_per_call() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_owned()));
    let genesys = Genesys::start().await;
    workload::seed_org(&genesys.emulator, &genesys.client, &store, 200).await;
    let service = AgentStateService::new(
        genesys.client.clone(),
        store,
        examples::mapping(),
        AgentStateOptions::default(),
    );
    let deadline = Deadline::after(Duration::from_secs(60));
    let batch = |round| workload::messages(workload::events(200, 5, round, round as u64), false, 7);
    service
        .handle_batch(&batch(0), QueueKind::Standard, deadline)
        .await
        .unwrap();
    genesys.emulator.clear_requests();

    let outcome = service
        .handle_batch(&batch(1), QueueKind::Standard, deadline)
        .await
        .unwrap();

    let c = &outcome.counts;
    let calls = genesys
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v2"))
        .count();
    assert_eq!(
        calls as u64,
        c.presence_calls + c.routing_status_calls,
        "only event calls"
    );
    let sent = c.presence_events_sent + c.routing_status_events_sent;
    assert_eq!(
        (c.events_received, c.events_applied + c.events_skipped),
        (1000, 1000)
    );
    assert!(
        sent as f64 / calls as f64 >= 90.0,
        "{sent} events in {calls} calls"
    );
    assert!(
        c.presence_events_sent.div_ceil(100) + c.routing_status_events_sent.div_ceil(100)
            == calls as u64
    );
}

#[tokio::test]
async fn fifo_batches_of_ten_events_never_take_more_than_two_calls() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_owned()));
    let genesys = Genesys::start().await;
    workload::seed_org(&genesys.emulator, &genesys.client, &store, 50).await;
    let service = AgentStateService::new(
        genesys.client.clone(),
        store,
        examples::mapping(),
        AgentStateOptions::default(),
    );
    let deadline = Deadline::after(Duration::from_secs(60));
    let messages = workload::messages(workload::events(50, 4, 0, 3), true, 3);
    service
        .handle_batch(&messages[..10], QueueKind::Fifo, deadline)
        .await
        .unwrap();

    for batch in messages[10..].chunks(10) {
        genesys.emulator.clear_requests();
        let outcome = service
            .handle_batch(batch, QueueKind::Fifo, deadline)
            .await
            .unwrap();
        let calls = genesys
            .emulator
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("/api/v2"))
            .count();
        assert!(outcome.retry_message_ids.is_empty());
        assert!(calls <= 2, "{calls} calls for a batch of 10");
    }
}
