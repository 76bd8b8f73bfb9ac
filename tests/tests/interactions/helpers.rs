//! Shared set-up: an emulator with the example org synced into it, a state store, and the
//! example calls as queue messages.

use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::load_idmap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::interactions::{
    InteractionSettings, InteractionsOutcome, QueueMessage, sync_interactions,
};
use exsync::sync::{Mode, config_sync};
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use serde_json::Value;

pub struct World {
    pub genesys: Genesys,
    pub store: StateStore,
    pub settings: InteractionSettings,
    pub _dir: tempfile::TempDir,
}

impl World {
    /// An emulator holding the example org (initial config sync done) and an empty state store
    /// apart from the id map.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let world = Self {
            genesys: Genesys::start().await,
            store: StateStore::Dir(DirStore::new(dir.path().join("state"))),
            settings: InteractionSettings::from_mapping(&examples::mapping()),
            _dir: dir,
        };
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
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
        world
    }

    pub async fn send(&self, messages: &[QueueMessage]) -> InteractionsOutcome {
        sync_interactions(
            &self.genesys.client,
            &self.store,
            &self.settings,
            messages,
            Deadline::none(),
        )
        .await
        .unwrap()
    }

    pub async fn idmap(&self) -> IdMap {
        load_idmap(&self.store).await.unwrap().0
    }

    /// The emulator's own record of a conversation (participants with disconnect types).
    pub fn conversation_state(&self, id: &str) -> Value {
        self.genesys.emulator.state_json()["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("the emulator has no conversation {id}"))
    }

    /// Bodies of the `POST /api/v2/events/conversations` calls since the log was cleared.
    pub fn conversation_event_calls(&self) -> Vec<Value> {
        self.genesys
            .emulator
            .requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path == "/api/v2/events/conversations")
            .map(|r| r.body.unwrap_or(Value::Null))
            .collect()
    }

    /// Files under `prefix` in the state store.
    pub async fn keys(&self, prefix: &str) -> Vec<String> {
        self.store.list(prefix).await.unwrap()
    }
}

/// `examples/interactions/<name>.json` as a message with id `<name>`.
pub fn example(name: &str) -> QueueMessage {
    let path = examples::dir().join(format!("interactions/{name}.json"));
    QueueMessage {
        message_id: name.to_owned(),
        body: std::fs::read_to_string(&path).unwrap(),
    }
}

/// Every example call, in file order.
pub fn all_examples() -> Vec<QueueMessage> {
    EXAMPLES.iter().map(|n| example(n)).collect()
}

pub const EXAMPLES: [&str; 6] = [
    "01-inbound",
    "02-hold",
    "03-blind-transfer",
    "04-consult-transfer",
    "05-abandoned",
    "06-outbound",
];

/// A message whose body is `record` (a JSON value).
pub fn message(id: &str, record: &Value) -> QueueMessage {
    QueueMessage {
        message_id: id.to_owned(),
        body: record.to_string(),
    }
}

/// The event ids of a batch body, over all arrays.
pub fn event_ids(body: &Value) -> Vec<String> {
    body.as_object()
        .unwrap()
        .values()
        .flat_map(|events| events.as_array().unwrap().iter())
        .map(|e| e["eventId"].as_str().unwrap().to_owned())
        .collect()
}
