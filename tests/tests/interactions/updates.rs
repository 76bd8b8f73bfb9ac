//! Records sent more than once: an in-progress record followed by fuller ones sends each event
//! once; a redelivery sends nothing at all.

use std::collections::BTreeSet;

use exsync::store::keys;
use exsync::sync::interactions::{
    InteractionState, InteractionStatus, MessageResult, conversation_ids,
};
use serde_json::Value;

use super::helpers::{World, event_ids, example, message};

/// `02-hold` as it is while the agent has the customer on hold for the second time.
fn in_progress() -> Value {
    let mut record: Value = serde_json::from_str(&example("02-hold").body).unwrap();
    let object = record.as_object_mut().unwrap();
    object.remove("endedAt");
    object.remove("disconnectedBy");
    let agent = record["segments"][2].as_object_mut().unwrap();
    for field in ["endedAt", "afterCallWorkEndedAt", "wrapupCode", "notes"] {
        agent.remove(field);
    }
    record["segments"][2]["holds"][1]
        .as_object_mut()
        .unwrap()
        .remove("endedAt");
    record
}

/// `02-hold` once the call ended, before the wrap-up.
fn ended_before_wrapup() -> Value {
    let mut record: Value = serde_json::from_str(&example("02-hold").body).unwrap();
    let agent = record["segments"][2].as_object_mut().unwrap();
    for field in ["afterCallWorkEndedAt", "wrapupCode", "notes"] {
        agent.remove(field);
    }
    record
}

#[tokio::test]
async fn an_updated_record_sends_only_its_new_events() {
    let world = World::new().await;
    let stages = [
        message("m1", &in_progress()),
        message("m2", &ended_before_wrapup()),
        example("02-hold"),
    ];

    let mut statuses = Vec::new();
    for stage in &stages {
        let outcome = world.send(std::slice::from_ref(stage)).await;
        match &outcome.messages[0].result {
            MessageResult::Applied { status, .. } => statuses.push(*status),
            other => panic!("{other:?}"),
        }
    }

    assert_eq!(
        statuses,
        [
            InteractionStatus::InProgress,
            InteractionStatus::Ended,
            InteractionStatus::Complete
        ]
    );
    let calls = world.conversation_event_calls();
    assert_eq!(calls.len(), 3, "one call per stage");
    let sent: Vec<Vec<String>> = calls.iter().map(event_ids).collect();
    // in progress: customer, ivr (+end), queue (+end), agent, answered, hold 1 on/off, hold 2 on
    assert_eq!(sent[0].len(), 10);
    // ended: hold 2 off, customer ended, agent ended
    assert_eq!(sent[1].len(), 3);
    // wrapped up: the disposition
    assert_eq!(sent[2].len(), 1);
    let all: BTreeSet<&String> = sent.iter().flatten().collect();
    assert_eq!(all.len(), 14, "no event was sent twice");
    let source = world.idmap().await.presence_source_id.unwrap();
    let conversation = conversation_ids(&source, "call-20261124-0002").conversation_id;
    let state = world.conversation_state(&conversation);
    let agent = &state["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["purpose"] == "agent")
        .unwrap()
        .clone();
    assert_eq!(agent["wrapup"]["notes"], "explained the late-payment fee");
    assert_eq!(agent["disconnectType"], "Self");
}

#[tokio::test]
async fn a_redelivered_record_sends_nothing_and_writes_nothing() {
    let world = World::new().await;
    world.send(&[example("01-inbound")]).await;
    let source = world.idmap().await.presence_source_id.unwrap();
    let key =
        keys::interaction_state(&conversation_ids(&source, "call-20261124-0001").conversation_id);
    let before = world.store.get(&key).await.unwrap().unwrap();
    world.genesys.emulator.clear_requests();

    let outcome = world.send(&[example("01-inbound")]).await;

    assert_eq!((outcome.skipped, outcome.applied), (1, 0));
    assert_eq!(outcome.conversation_calls, 0);
    assert_eq!(world.genesys.emulator.requests(), vec![], "no call at all");
    let after = world.store.get(&key).await.unwrap().unwrap();
    assert_eq!(
        before.etag, after.etag,
        "the state record was not rewritten"
    );
}

#[tokio::test]
async fn two_records_of_one_call_in_one_batch_send_each_event_once() {
    let world = World::new().await;

    let outcome = world
        .send(&[message("early", &in_progress()), example("02-hold")])
        .await;

    assert_eq!(outcome.applied, 2, "{:#?}", outcome.messages);
    assert_eq!(outcome.events_sent, 14);
    let ids: Vec<String> = world
        .conversation_event_calls()
        .iter()
        .flat_map(event_ids)
        .collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len());
}

#[tokio::test]
async fn the_state_record_holds_the_ids_the_events_sent_and_the_status() {
    let world = World::new().await;

    world.send(&[example("03-blind-transfer")]).await;

    let source = world.idmap().await.presence_source_id.unwrap();
    let ids = conversation_ids(&source, "call-20261124-0003");
    let (state, _) = world
        .store
        .get_json::<InteractionState>(&keys::interaction_state(&ids.conversation_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.status, InteractionStatus::Complete);
    assert_eq!(state.interaction_id, "call-20261124-0003");
    assert_eq!(state.sent_event_ids.len(), 19);
    assert_eq!(state.communications["agent"], ids.agent_communication_id);
    assert_eq!(
        state.communications["customer"],
        ids.customer_communication_id
    );
    assert!(state.communications.contains_key("queue-2"));
    assert_eq!(state.last_error, None);
}
