//! Kinesis batches of Amazon Connect contact trace records through `any_handler`: a transfer
//! chain becomes one conversation whichever order its contacts arrive in, a redelivered batch
//! sends nothing, and a CTR that cannot be read is dead-lettered rather than blocking the shard.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use exsync::sync::interactions::conversation_ids;
use interactions::any_handler;
use lambda_runtime::{Context, LambdaEvent};
use serde_json::{Value, json};

use integration_tests::connect::ctr_fixture;

use super::helpers::World;

const CHAIN: &str = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e713";

/// A Kinesis event holding `payloads` as records with sequence numbers `seq-1`, `seq-2`, ...
fn kinesis(payloads: &[String]) -> Value {
    let records: Vec<Value> = payloads
        .iter()
        .enumerate()
        .map(|(i, payload)| {
            json!({
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": "contact",
                    "sequenceNumber": format!("seq-{}", i + 1),
                    "data": STANDARD.encode(payload),
                    "approximateArrivalTimestamp": 1_795_000_000.5
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": format!("shardId-000000000000:seq-{}", i + 1),
                "eventName": "aws:kinesis:record",
                "awsRegion": "eu-central-1",
                "eventSourceARN": "arn:aws:kinesis:eu-central-1:111122223333:stream/ctr"
            })
        })
        .collect();
    json!({ "Records": records })
}

async fn invoke(world: &World, event: Value) -> Value {
    any_handler(&world.deps, LambdaEvent::new(event, Context::default()))
        .await
        .unwrap()
}

/// The agents' user ids in the chain's conversation.
async fn chain_agents(world: &World) -> Vec<String> {
    let text = std::fs::read_to_string(world.dir.path().join("state/idmap.json")).unwrap();
    let idmap: Value = serde_json::from_str(&text).unwrap();
    let source = idmap["presenceSourceId"].as_str().unwrap();
    let id = conversation_ids(source, CHAIN).conversation_id;
    let conversation = world
        .conversations()
        .into_iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    conversation["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["purpose"] == "agent")
        .map(|p| p["userId"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_transfer_chain_from_kinesis_is_one_conversation_with_both_agents() {
    let world = World::new().await;

    let response = invoke(
        &world,
        kinesis(&[
            ctr_fixture("transfer-first"),
            ctr_fixture("transfer-second"),
        ]),
    )
    .await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    assert_eq!(world.conversations().len(), 1);
    assert_eq!(chain_agents(&world).await.len(), 2);
}

#[tokio::test]
async fn a_later_contact_waits_for_the_first_and_then_the_chain_is_whole() {
    let world = World::new().await;

    invoke(&world, kinesis(&[ctr_fixture("transfer-second")])).await;
    let before = world.conversations().len();
    invoke(&world, kinesis(&[ctr_fixture("transfer-first")])).await;

    assert_eq!(before, 0, "nothing is sent before the first contact");
    assert_eq!(chain_agents(&world).await.len(), 2);
}

#[tokio::test]
async fn a_redelivered_batch_sends_nothing() {
    let world = World::new().await;
    let batch = kinesis(&[
        ctr_fixture("transfer-first"),
        ctr_fixture("transfer-second"),
    ]);
    invoke(&world, batch.clone()).await;
    world.genesys.emulator.clear_requests();

    let response = invoke(&world, batch).await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    assert_eq!(world.genesys.emulator.requests(), vec![], "no call at all");
}

#[tokio::test]
async fn an_unreadable_ctr_is_dead_lettered_not_retried() {
    let world = World::new().await;

    let response = invoke(
        &world,
        kinesis(&["{not json".to_owned(), ctr_fixture("transfer-first")]),
    )
    .await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    let letters = walk(&world.dir.path().join("state/dead-letters"));
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert!(letters[0].contains("seq-1"), "{letters:?}");
}

#[tokio::test]
async fn without_an_id_map_the_whole_batch_fails() {
    let world = World::unsynced().await;

    let result = any_handler(
        &world.deps,
        LambdaEvent::new(
            kinesis(&[ctr_fixture("transfer-first")]),
            Context::default(),
        ),
    )
    .await;

    assert!(result.is_err(), "the whole batch comes back: {result:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path.display().to_string()]
            }
        })
        .collect()
}
