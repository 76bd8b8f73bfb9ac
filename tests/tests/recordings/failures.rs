//! What cannot upload: refused files are dead-lettered and acknowledged; retryable failures are
//! recorded and fail the object so the event is retried; a late sidecar rescues its recording.

use exsync::store::keys;
use exsync::sync::recordings::{Disposition, UploadHosts, Uploader, key_hash};
use genesys_emulator::{Faults, ScriptedFault};
use serde_json::json;

use super::helpers::{BUCKET, World};

fn fault(method: &str, path: &str, times: u32, status: u16) -> Faults {
    Faults {
        scripted: vec![ScriptedFault {
            method: Some(method.to_owned()),
            path: path.to_owned(),
            times,
            status: Some(status),
            delay_ms: 0,
        }],
        ..Faults::default()
    }
}

#[tokio::test]
async fn a_corrupt_wav_is_rejected_dead_lettered_and_never_sent() {
    let world = World::new().await;
    world.send_calls(&["04-consult-transfer"]).await;
    let key = "recordings/call-20261124-0004.wav";
    world.put_example("call-20261124-0004.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(outcome.disposition, Disposition::Rejected);
    assert!(!outcome.retryable);
    let reason = outcome.reason.unwrap();
    assert!(
        reason.starts_with("truncated: the data chunk declares 64000 bytes"),
        "{reason}"
    );
    let record = outcome.record.unwrap();
    let letter = world.stored(&record.dead_letter.unwrap()).await;
    assert_eq!(letter["kind"], "rejected");
    assert_eq!(letter["key"], key);
    assert_eq!(letter["interactionId"], "call-20261124-0004");
    assert_eq!(world.calls("POST", "/api/v2/uploads/recordings"), 0);
}

#[tokio::test]
async fn an_empty_object_is_rejected_as_empty() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0001.wav";
    world.put(key, Vec::new()).await;

    let outcome = world.dropped(key).await;

    assert_eq!(outcome.disposition, Disposition::Rejected);
    assert_eq!(outcome.reason.as_deref(), Some("empty file"));
}

#[tokio::test]
async fn a_key_without_interaction_is_rejected_until_its_sidecar_arrives() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    // no extension: no default key pattern (`recordings/**/{interactionId}.{ext}`, ...) matches
    let key = "recordings/inbox/unnamed";
    world.put_example("call-20261124-0001.wav", key).await;
    let refused = world.dropped(key).await;
    let sidecar = br#"{"schema":"exsync.recording/v1","interactionId":"call-20261124-0001"}"#;
    world.put(&format!("{key}.json"), sidecar.to_vec()).await;

    let rescued = world.dropped(&format!("{key}.json")).await;

    assert_eq!(refused.disposition, Disposition::Rejected);
    assert!(refused.reason.unwrap().contains("no key pattern matches"));
    assert_eq!(
        refused.record_key.as_deref(),
        Some(keys::recording_record(None, &key_hash(BUCKET, key)).as_str())
    );
    assert_eq!(
        rescued.disposition,
        Disposition::Uploaded,
        "{:?}",
        rescued.reason
    );
    assert_eq!(rescued.key, key);
    assert_eq!(world.received().len(), 1);
}

#[tokio::test]
async fn a_sidecar_before_its_recording_waits_for_the_recording_event() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0001.wav";
    world
        .put_example("call-20261124-0001.wav.json", &format!("{key}.json"))
        .await;

    let outcome = world.dropped(&format!("{key}.json")).await;

    assert_eq!(outcome.disposition, Disposition::Skipped);
    assert!(outcome.reason.unwrap().contains("has not arrived yet"));
}

#[tokio::test]
async fn a_sidecar_racing_its_recording_event_is_retried_not_uploaded_twice() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;
    world
        .put_example("call-20261124-0001.wav.json", &format!("{key}.json"))
        .await;

    let outcome = world.dropped(&format!("{key}.json")).await;

    assert_eq!(outcome.disposition, Disposition::Failed);
    assert!(outcome.retryable);
    assert_eq!(world.calls("POST", "/api/v2/uploads/recordings"), 0);
}

#[tokio::test]
async fn a_presigned_url_to_a_host_not_allowed_is_refused_before_any_byte() {
    let mut world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    world.uploader = Uploader::new(UploadHosts::default()).unwrap();
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(outcome.disposition, Disposition::Failed);
    assert!(!outcome.retryable, "a refused host is never retried");
    let reason = outcome.reason.unwrap();
    assert!(
        reason.contains("upload url refused: 127.0.0.1 is not an allowed upload host"),
        "{reason}"
    );
    assert_eq!(world.calls("PUT", "/__uploads/"), 0);
    assert!(world.received().is_empty());
    let letter = world
        .stored(&outcome.record.unwrap().dead_letter.unwrap())
        .await;
    assert_eq!(letter["kind"], "failed");
}

#[tokio::test]
async fn a_failed_put_is_tried_again_with_a_fresh_url_in_the_same_invocation() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    world
        .genesys
        .emulator
        .set_faults(fault("PUT", "/__uploads/*", 1, 503));
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    assert_eq!(world.calls("POST", "/api/v2/uploads/recordings"), 2);
    assert_eq!(world.received().len(), 1);
}

#[tokio::test]
async fn an_upload_host_outage_fails_retryably_and_the_retry_uploads() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    world
        .genesys
        .emulator
        .set_faults(fault("PUT", "/__uploads/*", 3, 503));
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;

    let failed = world.dropped(key).await;
    world.genesys.emulator.set_faults(Faults::default());
    let retried = world.dropped(key).await;

    assert_eq!(failed.disposition, Disposition::Failed);
    assert!(failed.retryable);
    assert!(failed.reason.unwrap().contains("answered 503"));
    let record = failed.record.unwrap();
    assert_eq!((record.retryable, record.attempts), (Some(true), 1));
    assert_eq!(retried.disposition, Disposition::Uploaded);
    assert_eq!(retried.record.unwrap().attempts, 2);
}

#[tokio::test]
async fn genesys_refusing_the_upload_request_is_a_permanent_failure() {
    let world = World::new().await;
    world
        .genesys
        .emulator
        .set_faults(fault("POST", "/api/v2/uploads/recordings", 1, 400));
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        (outcome.disposition, outcome.retryable),
        (Disposition::Failed, false)
    );
    assert!(outcome.record.unwrap().dead_letter.is_some());
}

#[tokio::test]
async fn no_presence_source_yet_is_retryable() {
    let world = World::new().await;
    world.store.delete("idmap.json").await.unwrap();
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        (outcome.disposition, outcome.retryable),
        (Disposition::Failed, true)
    );
    assert!(outcome.reason.unwrap().contains("presenceSourceId"));
    assert_eq!(
        json!(world.calls("POST", "/api/v2/uploads/recordings")),
        json!(0)
    );
}
