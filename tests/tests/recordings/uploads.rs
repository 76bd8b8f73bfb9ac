//! Dropped recordings reach Genesys byte for byte, bound to the conversation the interactions
//! function created, graded, recorded, and never twice.

use exsync::store::keys;
use exsync::sync::recordings::{Disposition, key_hash};
use serde_json::json;

use super::helpers::{BUCKET, World, md5_base64};

#[tokio::test]
async fn a_dropped_wav_reaches_genesys_byte_for_byte_bound_to_its_conversation() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    let key = "recordings/call-20261124-0001.wav";
    let bytes = world.put_example("call-20261124-0001.wav", key).await;
    world
        .put_example("call-20261124-0001.wav.json", &format!("{key}.json"))
        .await;
    let ids = world.ids("call-20261124-0001").await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    let received = world.received();
    assert_eq!(received.len(), 1);
    let upload = &received[0];
    assert_eq!(upload["sizeBytes"], json!(bytes.len()));
    assert_eq!(upload["md5Base64"], json!(md5_base64(&bytes).await));
    assert_eq!(upload["conversationId"], json!(ids.conversation_id));
    assert_eq!(upload["communicationId"], json!(ids.agent_communication_id));
    assert_eq!(upload["status"], "Success");
    assert_eq!(
        upload["fileName"],
        json!(format!(
            "{}_{}.wav",
            ids.conversation_id, ids.agent_communication_id
        ))
    );
    let listed = world
        .genesys
        .client
        .recording_metadata(&ids.conversation_id, exsync::deadline::Deadline::none())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

#[tokio::test]
async fn the_outcome_is_recorded_with_grade_md5_size_and_conversation() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    let key = "recordings/call-20261124-0001.wav";
    let bytes = world.put_example("call-20261124-0001.wav", key).await;
    world
        .put_example("call-20261124-0001.wav.json", &format!("{key}.json"))
        .await;

    world.dropped(key).await;

    let hash = key_hash(BUCKET, key);
    let record = world
        .stored(&keys::recording_record(Some("call-20261124-0001"), &hash))
        .await;
    let ids = world.ids("call-20261124-0001").await;
    assert_eq!(record["status"], "uploaded");
    assert_eq!(record["grade"], json!({"level": "speechAnalytics"}));
    assert_eq!(record["contentMd5"], json!(md5_base64(&bytes).await));
    assert_eq!(record["sizeBytes"], json!(bytes.len()));
    assert_eq!(record["conversationId"], json!(ids.conversation_id));
    assert_eq!(record["foundBy"], json!({"from": "sidecar"}));
    assert_eq!(record["language"], "de-DE");
    assert_eq!(record["audio"]["sampleRateHz"], 8000);
    let pending = world.stored(&keys::pending_upload(&hash)).await;
    assert_eq!(pending["fileName"], record["fileName"]);
}

#[tokio::test]
async fn an_archive_only_recording_still_uploads_with_its_shortfalls() {
    let world = World::new().await;
    world.send_calls(&["03-blind-transfer"]).await;
    let key = "recordings/call-20261124-0003.wav";
    world.put_example("call-20261124-0003.wav", key).await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    let grade = outcome.record.unwrap().grade.unwrap();
    assert_eq!(
        serde_json::to_value(grade).unwrap(),
        json!({"level": "archiveOnly", "shortfalls": [
            "encoding mulaw is not in the profile",
            "1 channel(s) where 2 are required",
            "8 bits per sample is below 16"
        ]})
    );
    assert_eq!(world.received().len(), 1);
}

#[tokio::test]
async fn an_opus_recording_is_found_by_content_and_named_opus() {
    let world = World::new().await;
    world.send_calls(&["06-outbound"]).await;
    let key = "recordings/call-20261124-0006.wav"; // the extension lies; the content decides
    world.put_example("call-20261124-0006.opus", key).await;

    let outcome = world.dropped(key).await;

    let record = outcome.record.unwrap();
    assert_eq!(record.content_type.as_deref(), Some("audio/ogg"));
    assert!(record.file_name.unwrap().ends_with(".opus"));
    assert_eq!(world.received()[0]["status"], "Success");
}

#[tokio::test]
async fn a_redelivered_event_is_skipped_and_sends_nothing() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;
    world.dropped(key).await;
    world.genesys.emulator.clear_requests();

    let again = world.dropped(key).await;

    assert_eq!(again.disposition, Disposition::Skipped);
    assert_eq!(
        again.reason.as_deref(),
        Some("already uploaded (same key and etag)")
    );
    assert_eq!(world.calls("POST", "/api/v2/uploads/recordings"), 0);
    assert_eq!(world.calls("PUT", "/__uploads/"), 0);
    assert_eq!(world.received().len(), 1);
}

#[tokio::test]
async fn a_replaced_object_uploads_again_as_its_new_version() {
    let world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;
    world.dropped(key).await;
    let replacement = std::fs::read(
        integration_tests::examples::dir()
            .join("recordings/call-20261124-0002_20261124T082000Z.wav"),
    )
    .unwrap();
    world.put(key, replacement.clone()).await;

    let outcome = world.dropped(key).await;

    assert_eq!(outcome.disposition, Disposition::Uploaded);
    let sizes: Vec<_> = world
        .received()
        .iter()
        .map(|u| u["sizeBytes"].clone())
        .collect();
    assert!(sizes.contains(&json!(replacement.len())), "{sizes:?}");
}

#[tokio::test]
async fn keys_with_spaces_plus_signs_unicode_and_nested_prefixes_are_read_as_given() {
    let world = World::new().await;
    world.send_calls(&["02-hold"]).await;
    let key = "recordings/2026/11/Anruf Müller+Söhne (1).wav";
    let bytes = world
        .put_example("call-20261124-0002_20261124T082000Z.wav", key)
        .await;
    let sidecar = br#"{"schema":"exsync.recording/v1","interactionId":"call-20261124-0002"}"#;
    world.put(&format!("{key}.json"), sidecar.to_vec()).await;

    let outcome = world.dropped(key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    assert_eq!(outcome.key, key);
    let ids = world.ids("call-20261124-0002").await;
    assert_eq!(
        world.received()[0]["conversationId"],
        json!(ids.conversation_id)
    );
    assert_eq!(world.received()[0]["sizeBytes"], json!(bytes.len()));
}

#[tokio::test]
async fn the_timestamp_key_layout_names_the_interaction() {
    let world = World::new().await;
    world.send_calls(&["02-hold"]).await;
    let key = "recordings/call-20261124-0002_20261124T082000Z.wav";
    world
        .put_example("call-20261124-0002_20261124T082000Z.wav", key)
        .await;

    let outcome = world.dropped(key).await;

    let record = outcome.record.unwrap();
    assert_eq!(record.interaction_id.as_deref(), Some("call-20261124-0002"));
    assert_eq!(
        serde_json::to_value(record.found_by).unwrap(),
        json!({"from": "keyPattern", "pattern": 1})
    );
}

#[tokio::test]
async fn an_event_for_a_version_since_replaced_is_skipped() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0001.wav";
    let old_etag = world.put(key, vec![1, 2, 3]).await;
    world.put_example("call-20261124-0001.wav", key).await;
    let object = exsync::sync::recordings::DroppedObject {
        bucket: BUCKET.to_owned(),
        key: key.to_owned(),
        etag: Some(old_etag),
    };

    let outcome = exsync::sync::recordings::upload_recording(
        world.ctx(),
        &object,
        exsync::deadline::Deadline::none(),
    )
    .await;

    assert_eq!(outcome.disposition, Disposition::Skipped);
    assert!(outcome.reason.unwrap().starts_with("superseded"));
    assert_eq!(world.calls("POST", "/api/v2/uploads/recordings"), 0);
}
