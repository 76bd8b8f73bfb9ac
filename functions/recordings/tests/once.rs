//! Each recording is uploaded once: concurrent and repeated deliveries of one S3 event, and a
//! delivery after a crash at each step, against moto (inbound bucket and the state store, whose
//! conditional writes decide the claim) and the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use aws_sdk_s3::primitives::ByteStream;
use chrono::{Duration, Utc};
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::{PutMode, S3Store, StateStore, keys};
use exsync::sync::recordings::{
    ObjectSource, RecordingRecord, RecordingStatus, UploadHosts, Uploader, key_hash,
};
use exsync::sync::{Mode, config_sync};
use integration_tests::genesys::Genesys;
use integration_tests::{MotoServer, examples};
use recordings::{Context, Deps, HandlerError, LambdaEvent, RecordingsResponse, Settings, handler};
use serde_json::{Value, json};

const BUCKET: &str = "exsync-inbound";
const KEY: &str = "recordings/2026/11/24/call-20261124-0001.wav";

struct World {
    deps: Deps,
    genesys: Genesys,
    /// the object's ETag as S3 returns it (quoted)
    etag: String,
    size: usize,
    _moto: MotoServer,
}

impl World {
    /// The org synced, the recording dropped into the bucket.
    async fn new() -> Self {
        let moto = MotoServer::start();
        let s3 = moto.bucket(BUCKET).await;
        moto.s3()
            .await
            .create_bucket()
            .bucket("state")
            .send()
            .await
            .unwrap();
        let store = StateStore::S3(S3Store::new(moto.s3().await, "state".into(), String::new()));
        let genesys = Genesys::start().await;
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
        let desired = Desired {
            snapshot: &snapshot,
            mapping: &mapping,
        };
        let (client, any) = (&genesys.client, Deadline::none());
        config_sync(
            client,
            &store,
            desired,
            "test",
            Mode::Apply,
            &ApplyOptions::default(),
            any,
        )
        .await
        .unwrap();
        let bytes =
            std::fs::read(examples::dir().join("recordings/call-20261124-0001.wav")).unwrap();
        let put = s3
            .put_object()
            .bucket(BUCKET)
            .key(KEY)
            .body(ByteStream::from(bytes.clone()))
            .send()
            .await
            .unwrap();
        let host = genesys
            .emulator
            .base_url()
            .trim_start_matches("http://")
            .to_owned();
        let deps = Deps {
            client: genesys.client.clone(),
            store,
            source: ObjectSource::S3(s3),
            uploader: Uploader::new(UploadHosts::new(&[host]).unwrap()).unwrap(),
            rules: mapping.recordings,
            settings: Settings::default(),
        };
        Self {
            deps,
            genesys,
            etag: put.e_tag().unwrap().to_owned(),
            size: bytes.len(),
            _moto: moto,
        }
    }

    /// Delivers the object's S3 notification once.
    async fn deliver(&self) -> Result<RecordingsResponse, HandlerError> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/recordings/s3-object-created.json"
        );
        let mut event: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let records = event["Records"].as_array_mut().unwrap();
        records.truncate(1);
        let object = &mut records[0]["s3"]["object"];
        object["key"] = json!(KEY);
        object["eTag"] = json!(self.etag.trim_matches('"'));
        object["size"] = json!(self.size);
        handler(&self.deps, LambdaEvent::new(event, Context::default())).await
    }

    fn uploads(&self) -> usize {
        let state = self.genesys.emulator.state_json();
        state["uploads"].as_array().map_or(0, Vec::len)
    }

    fn record_key(&self) -> String {
        keys::recording_record(Some("call-20261124-0001"), &key_hash(BUCKET, KEY))
    }

    async fn record(&self) -> RecordingRecord {
        let stored = self.deps.store.get_json(&self.record_key()).await.unwrap();
        stored.unwrap().0
    }

    /// Leaves the record as an invocation that crashed after reaching `status` would.
    async fn crashed_at(&self, status: RecordingStatus, expires_in: Duration) {
        let mut record = RecordingRecord::new(BUCKET, KEY, &self.etag, status);
        record.attempts = 1;
        record.claim_expires_at = Some(Utc::now() + expires_in);
        let key = self.record_key();
        let store = &self.deps.store;
        store
            .put_json(&key, &record, PutMode::Overwrite)
            .await
            .unwrap();
    }
}

fn disposition(result: &Result<RecordingsResponse, HandlerError>) -> Value {
    match result {
        Ok(RecordingsResponse::Drops { outcome, .. }) => {
            serde_json::to_value(&outcome.recordings[0]).unwrap()["disposition"].clone()
        }
        Ok(other) => panic!("not drops: {other:?}"),
        Err(error) => json!(format!("error: {error}")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_deliveries_of_one_event_upload_the_recording_once() {
    let world = World::new().await;

    let (a, b, c, d) = tokio::join!(
        world.deliver(),
        world.deliver(),
        world.deliver(),
        world.deliver()
    );

    let results = [a, b, c, d];
    assert_eq!(
        world.uploads(),
        1,
        "{:?}",
        results.iter().map(disposition).collect::<Vec<_>>()
    );
    let uploaded = results
        .iter()
        .filter(|r| disposition(r) == "uploaded")
        .count();
    assert_eq!(uploaded, 1);
    for result in results.iter().filter(|r| r.is_err()) {
        assert!(result.as_ref().unwrap_err().is_retryable(), "{result:?}");
    }
    let again = world.deliver().await;
    assert_eq!(
        disposition(&again),
        "skipped",
        "a retried delivery finds it uploaded"
    );
    assert_eq!(world.uploads(), 1);
    assert_eq!(world.record().await.status, RecordingStatus::Uploaded);
}

#[tokio::test]
async fn a_delivery_while_another_holds_the_upload_is_retried_without_uploading() {
    let world = World::new().await;
    world
        .crashed_at(RecordingStatus::UrlRequested, Duration::minutes(10))
        .await;

    let result = world.deliver().await;

    let error = result.unwrap_err();
    assert!(error.is_retryable(), "{error}");
    assert_eq!(world.uploads(), 0);
    assert_eq!(
        world.record().await.status,
        RecordingStatus::UrlRequested,
        "the holder's record is left alone"
    );
}

#[tokio::test]
async fn after_a_crash_at_any_step_the_next_delivery_uploads_once_more_at_most() {
    for status in [RecordingStatus::Claimed, RecordingStatus::UrlRequested] {
        let world = World::new().await;
        world.crashed_at(status, Duration::seconds(-1)).await;

        let first = world.deliver().await;
        let second = world.deliver().await;

        assert_eq!(disposition(&first), "uploaded", "{status:?}");
        assert_eq!(disposition(&second), "skipped", "{status:?}");
        assert_eq!(world.uploads(), 1, "{status:?}");
        let record = world.record().await;
        assert_eq!(record.status, RecordingStatus::Uploaded);
        assert_eq!(
            record.attempts, 2,
            "{status:?}: the crashed attempt is counted"
        );
    }
}
