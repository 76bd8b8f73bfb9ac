//! The real runs that prepare a state store for `exsync explain`: config sync through the binary,
//! agent-state, interactions and recordings through their use cases, all against the emulator.

use std::path::Path;

use exsync::deadline::Deadline;
use exsync::genesys::{ClientOptions, Endpoints, GenesysClient};
use exsync::mapping::{MappingDocument, parse_mapping};
use exsync::store::StateStore;
use exsync::sync::agent_state::{
    AgentStateOptions, AgentStateService, InboundMessage, ReplayOptions, replay_messages,
};
use exsync::sync::interactions::InteractionSettings;
use exsync::sync::recordings::{
    ObjectSource, RecordingsContext, UploadHosts, UploadSettings, Uploader,
};
use exsync_cli::demo::example_calls::send_example_calls;
use exsync_cli::demo::example_recordings::upload_example_recordings;
use serde_json::Value;

use super::super::helpers::{Emulator, example, examples, exsync};

/// The example snapshot plus a user whose email is not one: config sync holds it back.
fn snapshot_with_an_invalid_user(dir: &Path) -> String {
    let text = std::fs::read_to_string(examples().join("config/initial.json")).unwrap();
    let mut snapshot: Value = serde_json::from_str(&text).unwrap();
    snapshot["users"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "agent-bad", "name": "Nobody", "email": "not an email"
        }));
    let path = dir.join("snapshot.json");
    std::fs::write(&path, snapshot.to_string()).unwrap();
    path.display().to_string()
}

fn mapping() -> MappingDocument {
    parse_mapping(&std::fs::read_to_string(examples().join("mapping.json")).unwrap()).unwrap()
}

fn env_value(emulator: &Emulator, name: &str) -> String {
    let (_, value) = emulator.env.iter().find(|(k, _)| k == name).unwrap();
    value.clone()
}

fn client(emulator: &Emulator) -> GenesysClient {
    let base = url::Url::parse(&env_value(emulator, "GENESYS_API_BASE")).unwrap();
    GenesysClient::new(
        Endpoints::explicit(base.clone(), base),
        env_value(emulator, "GENESYS_CLIENT_ID"),
        secrecy::SecretString::from(env_value(emulator, "GENESYS_CLIENT_SECRET")),
        ClientOptions::default(),
    )
    .unwrap()
}

/// `exsync apply` of the snapshot with the invalid user into `state`; returns the snapshot path.
pub async fn config_sync(emulator: &Emulator, state: &Path) -> String {
    let snapshot = snapshot_with_an_invalid_user(state);
    let mapping = example("mapping.json");
    let args = [
        "apply",
        "--config",
        &snapshot,
        "--mapping",
        &mapping,
        "--yes",
    ];
    let run = exsync(&args, &emulator.env_with_state(state), &examples()).await;
    assert_eq!(
        run.code,
        Some(3),
        "partial: one user held back\n{}{}",
        run.stdout,
        run.stderr
    );
    snapshot
}

/// agent-1001 goes ready, then an older event of it (`e-0`) arrives and is skipped as stale;
/// agent-1002's event is malformed and dead-lettered.
pub async fn agent_events(emulator: &Emulator, store: &StateStore) {
    let service = AgentStateService::new(
        client(emulator),
        store.clone(),
        mapping(),
        AgentStateOptions::default(),
    );
    let message = |id: &str, body: &str| InboundMessage {
        message_id: id.into(),
        body: body.into(),
        group_id: None,
        sent_at: None,
    };
    let messages = vec![
        message(
            "m-1",
            r#"{"schema":"exsync.agent-state/v1","eventId":"e-1","agentId":"agent-1001","occurredAt":"2026-11-24T08:00:00Z","state":"READY","activity":"IDLE"}"#,
        ),
        message(
            "m-2",
            r#"{"schema":"exsync.agent-state/v1","eventId":"e-2","agentId":"agent-1002","occurredAt":"yesterday","state":"READY"}"#,
        ),
        message(
            "m-3",
            r#"{"schema":"exsync.agent-state/v1","eventId":"e-0","agentId":"agent-1001","occurredAt":"2026-11-24T07:55:00Z","state":"NOT_READY"}"#,
        ),
    ];
    replay_messages(
        &service,
        messages,
        ReplayOptions::default(),
        Deadline::none(),
    )
    .await
    .unwrap();
}

/// Call 0004 sent as a conversation, then its corrupt recording dropped: rejected.
pub async fn call_with_a_rejected_recording(emulator: &Emulator, store: &StateStore, work: &Path) {
    let client = client(emulator);
    let calls = work.join("calls");
    std::fs::create_dir_all(&calls).unwrap();
    std::fs::copy(
        examples().join("interactions/04-consult-transfer.json"),
        calls.join("04.json"),
    )
    .unwrap();
    let settings = InteractionSettings::from_mapping(&mapping());
    send_example_calls(&client, store, &settings, &calls, Deadline::none())
        .await
        .unwrap();
    let bucket = work.join("bucket");
    std::fs::create_dir_all(bucket.join("recordings")).unwrap();
    std::fs::copy(
        examples().join("recordings/call-20261124-0004.wav"),
        bucket.join("recordings/call-20261124-0004.wav"),
    )
    .unwrap();
    let host = env_value(emulator, "GENESYS_API_BASE");
    let hosts = UploadHosts::new(&[host.trim_start_matches("http://").to_owned()]).unwrap();
    let uploader = Uploader::new(hosts).unwrap();
    let source = ObjectSource::Dir(bucket);
    let mapping = mapping();
    let ctx = RecordingsContext {
        client: &client,
        store,
        source: &source,
        uploader: &uploader,
        rules: &mapping.recordings,
        settings: &UploadSettings::default(),
        connect: None,
    };
    upload_example_recordings(ctx, "inbound", "recordings/", Deadline::none())
        .await
        .unwrap();
}
