//! `exsync replay --from-dead-letters recordings`: the recording is re-dropped in place (same
//! bytes, metadata kept, a new `ObjectCreated` event), its letter moves to `replayed/`; a letter
//! whose object is gone fails, stays, and makes the exit code 1. State store on S3 (moto).

use aws_sdk_s3::primitives::ByteStream;
use exsync::store::{S3Store, StateStore, keys};
use exsync::sync::recordings::{RecordingDeadLetter, key_hash};
use integration_tests::MotoServer;

use super::helpers::{at, env, exsync};

async fn letter(store: &StateStore, key: &str) -> String {
    let hash = key_hash("inbound", key);
    let when = at("2026-11-24T09:00:00Z");
    let letter = RecordingDeadLetter {
        schema: "exsync.dead-letter/v1",
        function: "recordings",
        kind: "rejected",
        bucket: "inbound",
        key,
        etag: "\"e\"",
        interaction_id: None,
        reason: "no interaction found for the key",
        record_key: "recordings/_unmatched/x.json",
        dead_lettered_at: when,
    };
    let stored = keys::recording_dead_letter(when, &hash);
    store
        .put_json(&stored, &letter, exsync::store::PutMode::Overwrite)
        .await
        .unwrap();
    stored
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_recording_is_re_dropped_in_place_and_a_vanished_one_fails() {
    let moto = MotoServer::start();
    let s3 = moto.bucket("inbound").await;
    moto.bucket("state").await;
    let store = StateStore::S3(S3Store::new(s3.clone(), "state".into(), "exsync".into()));
    s3.put_object()
        .bucket("inbound")
        .key("recordings/call 1.wav")
        .content_type("audio/wav")
        .metadata("source", "pbx")
        .body(ByteStream::from_static(b"RIFF....WAVE"))
        .send()
        .await
        .unwrap();
    let present = letter(&store, "recordings/call 1.wav").await;
    let gone = letter(&store, "recordings/gone.wav").await;

    let run = exsync(
        &["replay", "--from-dead-letters", "recordings"],
        &env(&moto, "s3://state/exsync"),
    )
    .await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let row = run.stdout.lines().find(|l| l.contains(&present)).unwrap();
    assert!(
        row.contains("re-dropped s3://inbound/recordings/call 1.wav"),
        "{row}"
    );
    let failed = run.stdout.lines().find(|l| l.contains(&gone)).unwrap();
    assert!(failed.contains("FAILED"), "{}", run.stdout);
    assert!(run.stdout.contains("no longer exists"), "{}", run.stdout);
    let head = s3
        .head_object()
        .bucket("inbound")
        .key("recordings/call 1.wav")
        .send()
        .await
        .unwrap();
    let metadata = head.metadata().unwrap();
    assert_eq!(metadata.get("source").map(String::as_str), Some("pbx"));
    assert!(metadata.contains_key("exsync-replayed-at"), "{metadata:?}");
    assert_eq!(head.content_type(), Some("audio/wav"));
    assert_eq!(head.content_length(), Some(12));
    assert!(store.get(&present).await.unwrap().is_none());
    let moved = present.replace("recordings/", "recordings/replayed/");
    assert!(store.get(&moved).await.unwrap().is_some(), "{moved}");
    assert!(store.get(&gone).await.unwrap().is_some());
}
