//! Batches through the handler: what is acknowledged, dead-lettered or handed back.

use chrono::Utc;
use exsync::store::keys;
use genesys_emulator::{Faults, ScriptedFault};
use lambda_runtime::{Context, Diagnostic};
use serde_json::{Value, json};

use super::helpers::{FIRST, TRANSFER, UNKNOWN_AGENT, World, json, sqs_batch};

#[tokio::test]
async fn a_batch_is_applied_and_only_bad_input_is_dead_lettered() {
    let world = World::new().await;

    let response = world.invoke(sqs_batch()).await.unwrap();

    assert_eq!(json(&response), json!({"batchItemFailures": []}));
    let tags: Vec<Value> = world
        .conversations()
        .iter()
        .map(|c| c["externalTag"].clone())
        .collect();
    assert_eq!(tags.len(), 2);
    assert!(tags.contains(&json!("call-20261124-0001")));
    assert!(tags.contains(&json!("call-20261124-0003")));
    let key = keys::interaction_dead_letter(Utc::now(), UNKNOWN_AGENT);
    let letter: Value = world.deps.store.get_json(&key).await.unwrap().unwrap().0;
    assert!(
        letter["reason"]
            .as_str()
            .unwrap()
            .contains("unknown agent `agent-9999`")
    );
    assert_eq!(letter["messageId"], UNKNOWN_AGENT);
}

#[tokio::test]
async fn a_genesys_outage_hands_back_every_message_but_the_dead_letter() {
    let world = World::new().await;
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            path: "/api/v2/events/conversations".into(),
            times: 1_000,
            status: Some(503),
            ..ScriptedFault::default()
        }],
        ..Faults::default()
    });

    let response = world.invoke(sqs_batch()).await.unwrap();

    assert_eq!(
        json(&response),
        json!({"batchItemFailures": [{"itemIdentifier": FIRST}, {"itemIdentifier": TRANSFER}]})
    );
    assert!(world.conversations().is_empty());
}

#[tokio::test]
async fn a_redelivered_batch_sends_nothing() {
    let world = World::new().await;
    world.invoke(sqs_batch()).await.unwrap();
    world.genesys.emulator.clear_requests();

    let response = world.invoke(sqs_batch()).await.unwrap();

    assert_eq!(json(&response), json!({"batchItemFailures": []}));
    assert_eq!(world.genesys.emulator.requests(), vec![]);
}

#[tokio::test]
async fn a_deadline_already_past_hands_back_what_it_could_not_send() {
    let world = World::new().await;
    let mut context = Context::default();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    context.deadline = now_ms - 1_000; // passed a second ago

    let response = world.invoke_with(sqs_batch(), context).await.unwrap();

    let failed: Vec<&str> = response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    assert_eq!(failed, [FIRST, TRANSFER]);
}

#[tokio::test]
async fn without_a_presence_source_the_invocation_fails_with_its_error_type() {
    let world = World::unsynced().await;

    let error = world.invoke(sqs_batch()).await.unwrap_err();

    let diagnostic = Diagnostic::from(error);
    assert_eq!(diagnostic.error_type, "NoPresenceSource");
    assert!(diagnostic.error_message.contains("run config sync first"));
    assert_eq!(world.genesys.emulator.requests(), vec![]);
}
