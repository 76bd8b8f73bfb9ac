//! Amazon Connect contact trace records through the interactions use case: a transfer chain is
//! one conversation with both agents, its second contact sends only its own legs, and a
//! redelivered or updated CTR sends nothing.
//!
//! The CTR fixtures are `shared/tests/fixtures/connect/ctr/`; the example org's ids stand in for
//! the Connect user and queue ids in their ARNs (config sync from Connect would register those).

use std::collections::BTreeSet;

use exsync::external::connect::{ContactTraceRecord, interaction_from_contacts, parse_ctr};
use exsync::sync::interactions::{MessageResult, QueueMessage, conversation_ids};

use integration_tests::connect::ctr_fixture;

use super::helpers::{World, event_ids};

fn ctr(name: &str) -> ContactTraceRecord {
    parse_ctr(&ctr_fixture(name)).unwrap()
}

/// The interaction record of `contacts` (one chain) as a queue message with id `id`.
fn message(id: &str, contacts: &[&str]) -> QueueMessage {
    let contacts: Vec<ContactTraceRecord> = contacts.iter().map(|n| ctr(n)).collect();
    let record = interaction_from_contacts(&contacts).unwrap();
    QueueMessage {
        message_id: id.to_owned(),
        body: serde_json::to_string(&record).unwrap(),
    }
}

fn sent_ids(world: &World) -> Vec<String> {
    world
        .conversation_event_calls()
        .iter()
        .flat_map(event_ids)
        .collect()
}

#[tokio::test]
async fn a_transfer_chain_is_one_conversation_with_both_agents() {
    let world = World::new().await;

    let first = world.send(&[message("c1", &["transfer-first"])]).await;
    let first_ids: BTreeSet<String> = sent_ids(&world).into_iter().collect();
    world.genesys.emulator.clear_requests();
    let second = world
        .send(&[message("c2", &["transfer-first", "transfer-second"])])
        .await;
    let second_ids = sent_ids(&world);

    assert_eq!(first.applied, 1, "{:#?}", first.messages);
    assert_eq!(second.applied, 1, "{:#?}", second.messages);
    assert!(!second_ids.is_empty());
    assert!(
        second_ids.iter().all(|id| !first_ids.contains(id)),
        "the second contact sends only what is new"
    );
    let idmap = world.idmap().await;
    let source = idmap.presence_source_id.clone().unwrap();
    let conversation =
        conversation_ids(&source, "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e713").conversation_id;
    let state = world.conversation_state(&conversation);
    let users: Vec<&str> = state["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["purpose"] == "agent")
        .map(|p| p["userId"].as_str().unwrap())
        .collect();
    let users_table = &idmap.tables.users;
    assert_eq!(
        users,
        [
            users_table["agent-1003"].as_str(),
            users_table["agent-1004"].as_str()
        ]
    );
    let conversations = world.genesys.emulator.state_json()["conversations"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(conversations, 1, "both contacts are one conversation");
}

#[tokio::test]
async fn a_redelivered_chain_sends_nothing() {
    let world = World::new().await;
    world
        .send(&[message("c2", &["transfer-first", "transfer-second"])])
        .await;
    world.genesys.emulator.clear_requests();

    let outcome = world
        .send(&[message("again", &["transfer-first", "transfer-second"])])
        .await;

    assert!(
        matches!(outcome.messages[0].result, MessageResult::Skipped { .. }),
        "{:#?}",
        outcome.messages
    );
    assert_eq!(world.genesys.emulator.requests(), vec![], "no call at all");
}

#[tokio::test]
async fn an_updated_ctr_sends_nothing_new() {
    let world = World::new().await;
    world.send(&[message("v1", &["answered-with-holds"])]).await;
    world.genesys.emulator.clear_requests();

    let outcome = world
        .send(&[message("v2", &["answered-with-holds-updated"])])
        .await;

    assert!(
        matches!(outcome.messages[0].result, MessageResult::Skipped { .. }),
        "{:#?}",
        outcome.messages
    );
    assert_eq!(outcome.conversation_calls, 0);
}
