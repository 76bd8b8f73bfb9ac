//! An emulator holding the example org (config sync done), a state store, and the recorded SQS
//! payload `tests/fixtures/interactions/sqs-batch.json`.

use std::path::PathBuf;

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent};
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::{DirStore, StateStore};
use exsync::sync::interactions::InteractionSettings;
use exsync::sync::{Mode, config_sync};
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use interactions::{Deps, HandlerError, handler};
use lambda_runtime::{Context, LambdaEvent};
use serde_json::Value;

pub struct World {
    pub genesys: Genesys,
    pub deps: Deps,
    pub dir: tempfile::TempDir,
}

impl World {
    /// With the example org synced (id map and presence source in the store).
    pub async fn new() -> Self {
        let world = Self::unsynced().await;
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
        let desired = Desired {
            snapshot: &snapshot,
            mapping: &mapping,
        };
        config_sync(
            &world.genesys.client,
            &world.deps.store,
            desired,
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

    /// Without config sync: the state store is empty.
    pub async fn unsynced() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let genesys = Genesys::start().await;
        let store = StateStore::Dir(DirStore::new(dir.path().join("state")));
        let settings = InteractionSettings::from_mapping(&examples::mapping());
        let deps = Deps::new(genesys.client.clone(), store, settings);
        Self { genesys, deps, dir }
    }

    pub async fn invoke(&self, event: SqsEvent) -> Result<SqsBatchResponse, HandlerError> {
        self.invoke_with(event, Context::default()).await
    }

    pub async fn invoke_with(
        &self,
        event: SqsEvent,
        context: Context,
    ) -> Result<SqsBatchResponse, HandlerError> {
        handler(&self.deps, LambdaEvent::new(event, context)).await
    }

    /// The emulator's conversations.
    pub fn conversations(&self) -> Vec<Value> {
        self.genesys.emulator.state_json()["conversations"]
            .as_array()
            .unwrap()
            .clone()
    }
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/interactions")
        .join(name)
}

/// The recorded SQS payload: a call, a call with an unknown agent, a blind transfer.
pub fn sqs_batch() -> SqsEvent {
    let text = std::fs::read_to_string(fixture("sqs-batch.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub const FIRST: &str = "4b2f2a8e-1c1e-4d7a-9b62-0f6a0c1d2e01";
pub const UNKNOWN_AGENT: &str = "4b2f2a8e-1c1e-4d7a-9b62-0f6a0c1d2e02";
pub const TRANSFER: &str = "4b2f2a8e-1c1e-4d7a-9b62-0f6a0c1d2e03";

/// The response as JSON, the way the runtime sends it.
pub fn json(response: &SqsBatchResponse) -> Value {
    serde_json::to_value(response).unwrap()
}
