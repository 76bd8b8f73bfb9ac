//! Failures: bad input and unknown references are dead-lettered without a call; a per-event error
//! Genesys calls permanent dead-letters the message and keeps what was accepted; retryable
//! errors, an outage and the deadline hand messages back to the queue.

use chrono::Utc;
use exsync::deadline::Deadline;
use exsync::external::parse_interaction;
use exsync::store::{PutMode, keys};
use exsync::sync::interactions::{
    ConvertOptions, InteractionState, MessageResult, References, conversation_ids, convert,
    sync_interactions,
};
use genesys_emulator::{Faults, ScriptedFault};
use serde_json::Value;

use super::helpers::{World, all_examples, example, message};

fn reason(result: &MessageResult) -> &str {
    match result {
        MessageResult::DeadLettered { reason, .. } | MessageResult::Retry { reason } => reason,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_agent_is_dead_lettered_with_the_reason_and_no_call() {
    let world = World::new().await;
    let mut record: Value = serde_json::from_str(&example("01-inbound").body).unwrap();
    record["segments"][2]["agent"] = "agent-9999".into();

    let outcome = world.send(&[message("bad-agent", &record)]).await;

    assert_eq!(outcome.dead_lettered, 1);
    assert_eq!(outcome.batch_item_failures().count(), 0, "acknowledged");
    assert!(reason(&outcome.messages[0].result).contains("unknown agent `agent-9999`"));
    assert_eq!(world.genesys.emulator.requests(), vec![]);
    let key = keys::interaction_dead_letter(Utc::now(), "bad-agent");
    let letter: Value = world.store.get_json(&key).await.unwrap().unwrap().0;
    assert_eq!(letter["interactionId"], "call-20261124-0001");
    assert_eq!(letter["problems"][0]["field"], "segments[2].agent");
    assert_eq!(letter["body"], record.to_string());
}

#[tokio::test]
async fn unreadable_input_is_dead_lettered_and_the_rest_of_the_batch_goes_on() {
    let world = World::new().await;
    let garbage = exsync::sync::interactions::QueueMessage {
        message_id: "garbage".into(),
        body: "{not json".into(),
    };

    let outcome = world.send(&[garbage, example("05-abandoned")]).await;

    assert_eq!((outcome.dead_lettered, outcome.applied), (1, 1));
    assert_eq!(world.keys("dead-letters/interactions/").await.len(), 1);
}

#[tokio::test]
async fn a_wrapup_code_genesys_rejects_dead_letters_the_message_and_keeps_the_rest() {
    let world = World::new().await;
    let mut idmap = world.idmap().await;
    idmap.tables.wrapup_codes.insert(
        "wu-resolved".into(),
        "0c9b2f6e-55a1-4d3e-9f00-5d1e2a3b4c5d".into(),
    );
    world
        .store
        .put_json(keys::IDMAP, &idmap, PutMode::Overwrite)
        .await
        .unwrap();

    let outcome = world.send(&[example("01-inbound")]).await;

    assert_eq!(outcome.dead_lettered, 1, "{:#?}", outcome.messages);
    let why = reason(&outcome.messages[0].result);
    assert!(
        why.contains("communicationDispositionAppliedEvents"),
        "{why}"
    );
    assert!(why.contains("is not a wrap-up code"), "{why}");
    assert_eq!(outcome.events_sent, 9, "every other event was accepted");
    let source = idmap.presence_source_id.unwrap();
    let key =
        keys::interaction_state(&conversation_ids(&source, "call-20261124-0001").conversation_id);
    let (state, _) = world
        .store
        .get_json::<InteractionState>(&key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.sent_event_ids.len(), 9);
    assert!(state.last_error.unwrap().contains("is not a wrap-up code"));
}

#[tokio::test]
async fn a_retryable_per_event_error_hands_the_message_back() {
    let world = World::new().await;
    // a state record that claims the legs were established, though Genesys never saw them: the
    // remaining events are answered "conversation not known (yet)", which is retryable
    let idmap = world.idmap().await;
    let text = example("05-abandoned").body;
    let record = parse_interaction(&text).unwrap();
    let refs = References::new(&idmap).unwrap();
    let conversion = convert(&record, &refs, &ConvertOptions::default()).unwrap();
    let mut state = InteractionState::new(
        "call-20261124-0005",
        &conversion.conversation_id,
        Utc::now(),
    );
    state.sent_event_ids = conversion
        .events
        .iter()
        .filter(|p| p.event.array().ends_with("EstablishedEvents"))
        .map(|p| p.event.event_id().to_owned())
        .collect();
    let key = keys::interaction_state(&conversion.conversation_id);
    world
        .store
        .put_json(&key, &state, PutMode::Overwrite)
        .await
        .unwrap();

    let outcome = world.send(&[example("05-abandoned")]).await;

    assert_eq!(outcome.retried, 1, "{:#?}", outcome.messages);
    assert_eq!(
        outcome.batch_item_failures().collect::<Vec<_>>(),
        ["05-abandoned"]
    );
    let why = reason(&outcome.messages[0].result);
    assert!(
        why.contains("(retryable)") && why.contains("not known"),
        "{why}"
    );
    assert!(!why.contains("(permanent)"), "{why}");
}

#[tokio::test]
async fn a_genesys_outage_hands_every_message_back_and_the_redelivery_succeeds() {
    let world = World::new().await;
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: "/api/v2/events/conversations".into(),
            times: 1_000,
            status: Some(503),
            ..ScriptedFault::default()
        }],
        ..Faults::default()
    });

    let down = world.send(&all_examples()).await;

    assert_eq!(down.retried, 6);
    assert_eq!(
        down.conversation_calls, 1,
        "sending stops after the first failed call"
    );
    assert_eq!(down.batch_item_failures().count(), 6);
    world.genesys.emulator.set_faults(Faults::default());
    let up = world.send(&all_examples()).await;
    assert_eq!(up.applied, 6, "{:#?}", up.messages);
}

#[tokio::test]
async fn the_deadline_stops_sending_and_hands_the_messages_back() {
    let world = World::new().await;

    let outcome = sync_interactions(
        &world.genesys.client,
        &world.store,
        &world.settings,
        &all_examples(),
        Deadline::after(std::time::Duration::ZERO),
    )
    .await
    .unwrap();

    assert_eq!(outcome.retried, 6);
    assert!(reason(&outcome.messages[0].result).contains("ran out of time"));
    assert_eq!(world.conversation_event_calls().len(), 0);
}
