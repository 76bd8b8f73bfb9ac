//! `exsync explain --json` against the emulator and a state store prepared by real runs: config
//! sync of a snapshot with one invalid user (`exsync apply`), agent-state events (one of them
//! malformed, one stale), an interaction sent as a conversation and its corrupt recording rejected.

use std::path::Path;

use exsync::store::{DirStore, StateStore};
use serde_json::Value;

use super::helpers::{Emulator, example, examples, exsync};

mod runs;

use runs::{agent_events, call_with_a_rejected_recording, config_sync};

async fn explain(emulator: &Emulator, state: &Path, args: &[&str]) -> Value {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = exsync(&all, &emulator.env_with_state(state), &examples()).await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_synced_user_is_managed_read_live_and_shows_what_the_agent_state_function_sent_and_skipped()
 {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(state.path().to_path_buf()));
    let snapshot = config_sync(&emulator, state.path()).await;
    agent_events(&emulator, &store).await;
    let mapping = example("mapping.json");

    let json = explain(
        &emulator,
        state.path(),
        &[
            "user",
            "agent-1001",
            "--config",
            &snapshot,
            "--mapping",
            &mapping,
        ],
    )
    .await;

    assert_eq!(
        json["external"]["record"]["email"],
        "lena.vogel@example.com"
    );
    assert_eq!(json["mapping"]["userExternalId"], "exsync/agent-1001");
    assert_eq!(json["mapping"]["inScope"], true);
    assert_eq!(json["lastSync"]["status"]["state"], "synced");
    assert_eq!(
        json["lastSync"]["report"]["changes"][0]["outcome"],
        "applied"
    );
    assert_eq!(json["management"]["managed"], true);
    let id = json["genesysId"].as_str().unwrap();
    assert_eq!(json["genesys"]["read"], "read");
    assert_eq!(json["genesys"]["object"]["id"], id);
    assert_eq!(json["genesys"]["object"]["email"], "lena.vogel@example.com");
    assert_eq!(json["agent"]["lastEventId"], "e-1");
    assert_eq!(json["agent"]["routingStatus"]["value"], "Idle");
    assert_eq!(json["agent"]["routingStatus"]["delivered"], true);
    assert_eq!(json["agent"]["presence"]["name"], "OnQueue");
    assert_eq!(json["deadLetters"].as_array().unwrap().len(), 0);
    let skip = &json["agent"]["recentSkips"][0];
    assert_eq!(skip["eventId"], "e-0", "{json}");
    assert_eq!(skip["reason"], "stale");
    assert_eq!(skip["lastOccurredAt"], "2026-11-24T08:00:00+00:00");
    assert!(skip["skippedAt"].is_string(), "{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_skipped_as_invalid_shows_its_record_its_problems_and_is_not_managed() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let snapshot = config_sync(&emulator, state.path()).await;

    let json = explain(
        &emulator,
        state.path(),
        &["agent", "agent-bad", "--config", &snapshot],
    )
    .await;

    assert_eq!(json["kind"], "user");
    assert_eq!(json["external"]["record"]["email"], "not an email");
    assert!(
        json["external"]["held"]
            .as_str()
            .unwrap()
            .starts_with("invalid: email"),
        "{json}"
    );
    assert_eq!(json["lastSync"]["status"]["state"], "skipped");
    assert_eq!(json["genesysId"], Value::Null);
    assert_eq!(json["genesys"]["read"], "notRead");
    assert_eq!(json["management"]["managed"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_with_a_dead_letter_lists_it_with_its_reason() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(state.path().to_path_buf()));
    config_sync(&emulator, state.path()).await;
    agent_events(&emulator, &store).await;

    let json = explain(&emulator, state.path(), &["agent", "agent-1002"]).await;

    let letters = json["deadLetters"].as_array().unwrap();
    assert_eq!(letters.len(), 1, "{json}");
    assert_eq!(letters[0]["function"], "agent-state");
    assert_eq!(letters[0]["replayed"], false);
    assert!(
        letters[0]["reason"]
            .as_str()
            .unwrap()
            .contains("occurredAt"),
        "{json}"
    );
    assert_eq!(json["management"]["managed"], true);
    assert!(json["agent"]["lastEventId"].is_null(), "{json}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_shows_its_conversation_events_sent_and_its_rejected_recording() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(state.path().to_path_buf()));
    config_sync(&emulator, state.path()).await;
    call_with_a_rejected_recording(&emulator, &store, work.path()).await;

    let json = explain(
        &emulator,
        state.path(),
        &["interaction", "call-20261124-0004"],
    )
    .await;
    let recording = explain(
        &emulator,
        state.path(),
        &["recording", "call-20261124-0004"],
    )
    .await;

    let conversation = json["interaction"]["conversationId"].as_str().unwrap();
    assert_eq!(json["genesysId"], conversation);
    assert_eq!(json["interaction"]["status"], "complete");
    assert!(
        !json["interaction"]["eventsSent"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(json["genesys"]["read"], "read");
    assert_eq!(json["genesys"]["object"]["id"], conversation);
    assert_eq!(json["recordings"][0]["status"], "rejected");
    assert!(
        json["recordings"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("truncated")
    );
    assert_eq!(json["deadLetters"][0]["function"], "recordings");
    assert_eq!(recording["recordings"][0]["status"], "rejected");
    assert_eq!(
        recording["recordings"][0]["object"],
        "s3://inbound/recordings/call-20261124-0004.wav"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_credentials_genesys_is_not_read_and_an_unknown_object_fails() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    config_sync(&emulator, state.path()).await;
    let url = format!("file://{}", state.path().display());
    let only_store = [("EXSYNC_STATE_URL".to_owned(), url)];

    let known = exsync(
        &["explain", "queue", "q-billing-de"],
        &only_store,
        &examples(),
    )
    .await;
    let unknown = exsync(&["explain", "queue", "q-nope"], &only_store, &examples()).await;

    assert_eq!(known.code, Some(0), "{}{}", known.stdout, known.stderr);
    assert!(
        known.stdout.contains("not read: no credentials"),
        "{}",
        known.stdout
    );
    assert!(known.stdout.contains("Managed: yes"), "{}", known.stdout);
    assert_eq!(unknown.code, Some(1));
    assert!(
        unknown.stderr.contains("no queue q-nope known"),
        "{}",
        unknown.stderr
    );
}
