//! Shared set-up: the emulator with the example org synced into it, a moto bucket of
//! recordings, a state store, and the use case wired to them.

use aws_sdk_s3::primitives::ByteStream;
use exsync::deadline::Deadline;
use exsync::mapping::RecordingRules;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::load_idmap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::interactions::{
    ConversationIds, InteractionSettings, QueueMessage, conversation_ids, sync_interactions,
};
use exsync::sync::recordings::{
    ConnectRecordings, DroppedObject, ObjectSource, RecordingOutcome, RecordingsContext,
    UploadHosts, UploadSettings, Uploader, digest, upload_recording,
};
use exsync::sync::{Mode, config_sync};
use integration_tests::MotoServer;
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use serde_json::Value;

pub const BUCKET: &str = "exsync-inbound";

pub struct World {
    pub genesys: Genesys,
    pub _moto: MotoServer,
    pub s3: aws_sdk_s3::Client,
    pub store: StateStore,
    pub source: ObjectSource,
    pub uploader: Uploader,
    pub rules: RecordingRules,
    pub settings: UploadSettings,
    pub connect: Option<ConnectRecordings>,
    pub _dir: tempfile::TempDir,
}

impl World {
    /// The example org synced into a fresh emulator, an empty bucket, uploads allowed to the
    /// emulator's loopback address.
    pub async fn new() -> Self {
        let moto = MotoServer::start();
        let s3 = moto.bucket(BUCKET).await;
        let dir = tempfile::tempdir().unwrap();
        let genesys = Genesys::start().await;
        let host = genesys
            .emulator
            .base_url()
            .trim_start_matches("http://")
            .to_owned();
        let store = StateStore::Dir(DirStore::new(dir.path().join("state")));
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
        let desired = Desired {
            snapshot: &snapshot,
            mapping: &mapping,
        };
        config_sync(
            &genesys.client,
            &store,
            desired,
            "test",
            Mode::Apply,
            &ApplyOptions::default(),
            Deadline::none(),
        )
        .await
        .unwrap();
        genesys.emulator.clear_requests();
        Self {
            uploader: Uploader::new(UploadHosts::new(&[host]).unwrap()).unwrap(),
            source: ObjectSource::S3(s3.clone()),
            rules: mapping.recordings,
            settings: UploadSettings::default(),
            connect: None,
            genesys,
            _moto: moto,
            s3,
            store,
            _dir: dir,
        }
    }

    pub fn ctx(&self) -> RecordingsContext<'_> {
        RecordingsContext {
            client: &self.genesys.client,
            store: &self.store,
            source: &self.source,
            uploader: &self.uploader,
            rules: &self.rules,
            settings: &self.settings,
            connect: self.connect.as_ref(),
        }
    }

    /// Puts an object; returns its ETag as an S3 event carries it (no quotes).
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> String {
        let out = self
            .s3
            .put_object()
            .bucket(BUCKET)
            .key(key)
            .body(ByteStream::from(bytes))
            .send()
            .await
            .unwrap();
        out.e_tag().unwrap().trim_matches('"').to_owned()
    }

    /// Puts an example file from `examples/recordings/` under `key`.
    pub async fn put_example(&self, name: &str, key: &str) -> Vec<u8> {
        let bytes = std::fs::read(examples::dir().join("recordings").join(name)).unwrap();
        self.put(key, bytes.clone()).await;
        bytes
    }

    /// Runs the use case as an S3 event for `key` would.
    pub async fn dropped(&self, key: &str) -> RecordingOutcome {
        let head = self
            .s3
            .head_object()
            .bucket(BUCKET)
            .key(key)
            .send()
            .await
            .unwrap();
        let object = DroppedObject {
            bucket: BUCKET.to_owned(),
            key: key.to_owned(),
            etag: head.e_tag().map(|e| e.trim_matches('"').to_owned()),
        };
        upload_recording(self.ctx(), &object, Deadline::none()).await
    }

    /// Sends example calls (`examples/interactions/<name>.json`) through the interactions use case.
    pub async fn send_calls(&self, names: &[&str]) {
        let messages: Vec<QueueMessage> = names
            .iter()
            .map(|name| QueueMessage {
                message_id: (*name).to_owned(),
                body: std::fs::read_to_string(
                    examples::dir().join(format!("interactions/{name}.json")),
                )
                .unwrap(),
            })
            .collect();
        let settings = InteractionSettings::from_mapping(&examples::mapping());
        sync_interactions(
            &self.genesys.client,
            &self.store,
            &settings,
            &messages,
            Deadline::none(),
        )
        .await
        .unwrap();
    }

    /// The ids the interactions function derived for `interaction_id`.
    pub async fn ids(&self, interaction_id: &str) -> ConversationIds {
        let source = load_idmap(&self.store)
            .await
            .unwrap()
            .0
            .presence_source_id
            .unwrap();
        conversation_ids(&source, interaction_id)
    }

    /// The emulator's uploads that received bytes.
    pub fn received(&self) -> Vec<Value> {
        self.genesys.emulator.state_json()["uploads"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|u| !u["sizeBytes"].is_null())
            .collect()
    }

    /// Calls the emulator logged with this method and path prefix.
    pub fn calls(&self, method: &str, prefix: &str) -> usize {
        self.genesys
            .emulator
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path.starts_with(prefix))
            .count()
    }

    pub async fn stored(&self, key: &str) -> Value {
        self.store.get_json::<Value>(key).await.unwrap().unwrap().0
    }
}

/// The base64 MD5 of `bytes` (through the use case's digest, fed in one piece).
pub async fn md5_base64(bytes: &[u8]) -> String {
    let chunk: Result<bytes::Bytes, _> = Ok(bytes::Bytes::copy_from_slice(bytes));
    digest(Box::pin(futures::stream::iter([chunk])))
        .await
        .unwrap()
        .md5_base64
}
