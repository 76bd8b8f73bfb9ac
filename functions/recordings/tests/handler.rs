//! The function end to end: objects put into a moto bucket, the handler invoked with S3
//! notifications in the AWS shape (and scheduled events), the emulator as Genesys.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::time::Duration;

use aws_sdk_s3::primitives::ByteStream;
use base64::Engine;
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::load_idmap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::interactions::{
    InteractionSettings, QueueMessage, conversation_ids, sync_interactions,
};
use exsync::sync::recordings::{CheckOptions, ObjectSource, UploadHosts, Uploader};
use exsync::sync::{Mode, config_sync};
use integration_tests::genesys::Genesys;
use integration_tests::{MotoServer, examples};
use md5::{Digest, Md5};
use recordings::{Context, Deps, HandlerError, LambdaEvent, RecordingsResponse, Settings, handler};
use serde_json::{Value, json};

const BUCKET: &str = "exsync-inbound";

struct World {
    deps: Deps,
    genesys: Genesys,
    s3: aws_sdk_s3::Client,
    _moto: MotoServer,
    _dir: tempfile::TempDir,
}

impl World {
    async fn new() -> Self {
        let moto = MotoServer::start();
        let s3 = moto.bucket(BUCKET).await;
        let dir = tempfile::tempdir().unwrap();
        let genesys = Genesys::start().await;
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
        let host = genesys
            .emulator
            .base_url()
            .trim_start_matches("http://")
            .to_owned();
        let settings = Settings {
            check: CheckOptions {
                poll_interval: Duration::from_millis(10),
                ..CheckOptions::default()
            },
            ..Settings::default()
        };
        let deps = Deps {
            client: genesys.client.clone(),
            store,
            source: ObjectSource::S3(s3.clone()),
            uploader: Uploader::new(UploadHosts::new(&[host]).unwrap()).unwrap(),
            rules: mapping.recordings,
            settings,
        };
        Self {
            deps,
            genesys,
            s3,
            _moto: moto,
            _dir: dir,
        }
    }

    async fn put(&self, key: &str, bytes: &[u8]) -> String {
        let out = self
            .s3
            .put_object()
            .bucket(BUCKET)
            .key(key)
            .body(ByteStream::from(bytes.to_vec()))
            .send()
            .await
            .unwrap();
        out.e_tag().unwrap().trim_matches('"').to_owned()
    }

    async fn send_call(&self, name: &str) {
        let body =
            std::fs::read_to_string(examples::dir().join(format!("interactions/{name}.json")))
                .unwrap();
        let messages = [QueueMessage {
            message_id: name.to_owned(),
            body,
        }];
        let settings = InteractionSettings::from_mapping(&examples::mapping());
        sync_interactions(
            &self.genesys.client,
            &self.deps.store,
            &settings,
            &messages,
            Deadline::none(),
        )
        .await
        .unwrap();
    }

    async fn invoke(&self, payload: Value) -> Result<RecordingsResponse, HandlerError> {
        handler(&self.deps, LambdaEvent::new(payload, Context::default())).await
    }

    fn uploads(&self) -> Vec<Value> {
        self.genesys.emulator.state_json()["uploads"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

/// The AWS-shaped notification of one `ObjectCreated:Put`, the key encoded as S3 encodes it.
fn s3_event(encoded_key: &str, etag: &str, size: usize) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/recordings/s3-object-created.json"
    );
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let records = event["Records"].as_array_mut().unwrap();
    records.truncate(1);
    let object = &mut records[0]["s3"]["object"];
    object["key"] = json!(encoded_key);
    object["eTag"] = json!(etag);
    object["size"] = json!(size);
    event
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(examples::dir().join("recordings").join(name)).unwrap()
}

fn md5_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(bytes))
}

#[tokio::test]
async fn an_s3_notification_uploads_the_exact_bytes_bound_to_the_right_conversation() {
    let world = World::new().await;
    world.send_call("01-inbound").await;
    let key = "recordings/Anruf Müller + Söhne/call-20261124-0001.wav";
    let bytes = example("call-20261124-0001.wav");
    let etag = world.put(key, &bytes).await;
    world
        .put(
            &format!("{key}.json"),
            &example("call-20261124-0001.wav.json"),
        )
        .await;
    let encoded = "recordings/Anruf+M%C3%BCller+%2B+S%C3%B6hne/call-20261124-0001.wav";

    let response = world
        .invoke(s3_event(encoded, &etag, bytes.len()))
        .await
        .unwrap();

    let RecordingsResponse::Drops { outcome, .. } = response else {
        panic!("{response:?}")
    };
    assert_eq!(outcome.recordings[0].key, key);
    let source = load_idmap(&world.deps.store)
        .await
        .unwrap()
        .0
        .presence_source_id
        .unwrap();
    let ids = conversation_ids(&source, "call-20261124-0001");
    let uploads = world.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0]["sizeBytes"], json!(bytes.len()));
    assert_eq!(uploads[0]["md5Base64"], json!(md5_base64(&bytes)));
    assert_eq!(uploads[0]["conversationId"], json!(ids.conversation_id));
    assert_eq!(
        uploads[0]["communicationId"],
        json!(ids.agent_communication_id)
    );
    assert_eq!(uploads[0]["status"], "Success");
}

#[tokio::test]
async fn a_rejected_recording_is_acknowledged_not_retried() {
    let world = World::new().await;
    let bytes = example("call-20261124-0004.wav");
    let etag = world.put("recordings/call-20261124-0004.wav", &bytes).await;

    let response = world
        .invoke(s3_event(
            "recordings/call-20261124-0004.wav",
            &etag,
            bytes.len(),
        ))
        .await;

    let RecordingsResponse::Drops { outcome, .. } = response.unwrap() else {
        panic!("not drops")
    };
    let rejected = serde_json::to_value(&outcome.recordings[0]).unwrap();
    assert_eq!(rejected["disposition"], "rejected");
    assert!(
        rejected["record"]["deadLetter"]
            .as_str()
            .unwrap()
            .starts_with("dead-letters/recordings/")
    );
}

#[tokio::test]
async fn a_retryable_failure_fails_the_invocation_so_s3_retries_it() {
    let world = World::new().await;
    world.deps.store.delete("idmap.json").await.unwrap();
    let bytes = example("call-20261124-0001.wav");
    let etag = world.put("recordings/call-20261124-0001.wav", &bytes).await;

    let error = world
        .invoke(s3_event(
            "recordings/call-20261124-0001.wav",
            &etag,
            bytes.len(),
        ))
        .await
        .unwrap_err();

    assert!(
        matches!(error, HandlerError::Retry { failed: 1, .. }),
        "{error}"
    );
    assert!(error.is_retryable());
    assert_eq!(error.error_type(), "RecordingUploadFailed");
}

#[tokio::test]
async fn the_schedule_confirms_an_upload_once_its_conversation_arrives() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0002_20261124T082000Z.wav";
    let bytes = example("call-20261124-0002_20261124T082000Z.wav");
    let etag = world.put(key, &bytes).await;
    world
        .invoke(s3_event(key, &etag, bytes.len()))
        .await
        .unwrap();
    let schedule: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/recordings/scheduled-event.json"
    ))
    .unwrap();

    let before = world.invoke(schedule.clone()).await.unwrap();
    world.send_call("02-hold").await;
    let after = world.invoke(schedule).await.unwrap();

    let (RecordingsResponse::Check(before), RecordingsResponse::Check(after)) = (before, after)
    else {
        panic!("not checks")
    };
    assert_eq!(
        (before.waiting_for_conversation, before.confirmed.len()),
        (1, 0)
    );
    assert_eq!(after.confirmed.len(), 1);
    assert_eq!(world.uploads()[0]["status"], "Success");
}

#[tokio::test]
async fn an_unrecognised_event_fails_without_retry() {
    let world = World::new().await;

    let error = world.invoke(json!({"hello": "world"})).await.unwrap_err();

    assert_eq!(error.error_type(), "UnrecognisedEvent");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_connect_recording_before_its_ctr_is_acknowledged_as_waiting_and_the_schedule_keeps_it() {
    let mut world = World::new().await;
    let prefix = "connect/acme-prod/CallRecordings";
    world.deps.settings.connect = Some(exsync::sync::recordings::ConnectRecordings {
        bucket: BUCKET.to_owned(),
        prefix: prefix.to_owned(),
    });
    let key =
        format!("{prefix}/2026/11/24/5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11_20261124T08:16_UTC.wav");
    let etag = world.put(&key, &example("call-20261124-0001.wav")).await;
    let mut event: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/recordings/eventbridge-object-created.json"
    ))
    .unwrap();
    event["detail"]["bucket"]["name"] = json!(BUCKET);
    event["detail"]["object"]["key"] = json!(key);
    event["detail"]["object"]["etag"] = json!(etag);
    let schedule: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/recordings/scheduled-event.json"
    ))
    .unwrap();

    let dropped = world.invoke(event).await.unwrap();
    let scheduled = world.invoke(schedule).await.unwrap();

    let RecordingsResponse::Drops { outcome, .. } = dropped else {
        panic!("not drops: {dropped:?}")
    };
    assert_eq!(
        outcome.recordings[0].disposition,
        exsync::sync::recordings::Disposition::Waiting
    );
    let RecordingsResponse::Scheduled { waiting, .. } = scheduled else {
        panic!("not the scheduled run with Connect: {scheduled:?}")
    };
    assert_eq!(waiting.still_waiting, 1);
    assert!(world.uploads().is_empty());
}
