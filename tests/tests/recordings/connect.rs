//! Recordings Amazon Connect writes into its own bucket, end to end: the contact trace record goes
//! through the interactions use case (as from the CTR Kinesis stream), the recording arrives as an
//! S3 "Object Created" event through EventBridge at Connect's key layout, and it is uploaded and
//! bound to the CTR's conversation with Connect's channel layout; a recording that arrives before
//! its CTR waits and is uploaded by the scheduled run once the CTR is there.
//!
//! The CTR fixtures are `shared/tests/fixtures/connect/ctr/`, with the example org's ids standing
//! in for the Connect user and queue ids (as in `tests/tests/interactions/connect_ctr.rs`).

use exsync::deadline::Deadline;
use exsync::store::keys;
use exsync::sync::StreamRecord;
use exsync::sync::interactions::{
    InteractionSettings, Leg, communication_id, sync_contact_records,
};
use exsync::sync::recordings::{
    ConnectRecordings, Disposition, DroppedObject, RecordingOutcome, key_hash, resume_waiting,
    upload_recording, waiting_marker,
};
use integration_tests::examples;
use recordings::event::parse_event;
use recordings::invocation::Invocation;
use serde_json::{Value, json};

use integration_tests::connect::ctr_fixture;

use super::helpers::World;

const CONNECT_BUCKET: &str = "acme-connect-recordings";
const PREFIX: &str = "connect/acme-prod/CallRecordings";
const CONTACT: &str = "5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11";

fn recording_key(contact: &str) -> String {
    format!("{PREFIX}/2026/11/24/{contact}_20261124T08:16_UTC.wav")
}

/// A CTR fixture with its `Recording.Location` (when given) naming the object.
fn ctr(name: &str, recorded_at: Option<&str>) -> String {
    let text = ctr_fixture(name);
    let mut value: Value = serde_json::from_str(&text).unwrap();
    if let Some(key) = recorded_at {
        value["Recording"] = json!({
            "Location": format!("{CONNECT_BUCKET}/{key}"),
            "Status": "AVAILABLE",
            "Type": "AUDIO"
        });
    }
    value.to_string()
}

async fn connect_world() -> World {
    let mut world = World::new().await;
    world._moto.bucket(CONNECT_BUCKET).await;
    world.connect = Some(ConnectRecordings {
        bucket: CONNECT_BUCKET.to_owned(),
        prefix: PREFIX.to_owned(),
    });
    world
}

/// Sends CTRs through the interactions use case as one Kinesis batch.
async fn stream_ctrs(world: &World, ctrs: &[String]) {
    let records: Vec<StreamRecord> = ctrs
        .iter()
        .enumerate()
        .map(|(i, data)| StreamRecord {
            sequence_number: format!("4959{i:04}"),
            partition_key: "contact".to_owned(),
            data: data.clone().into_bytes(),
            arrived_at: None,
        })
        .collect();
    let settings = InteractionSettings::from_mapping(&examples::mapping());
    let outcome = sync_contact_records(
        &world.genesys.client,
        &world.store,
        &settings,
        &records,
        Deadline::none(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.applied,
        ctrs.len(),
        "the CTRs became conversations: {:#?}",
        outcome.messages
    );
}

/// Puts the example recording at `key` in Connect's bucket and runs the use case as the
/// EventBridge event for it would.
async fn recorded(world: &World, key: &str) -> RecordingOutcome {
    let bytes = std::fs::read(examples::dir().join("recordings/call-20261124-0001.wav")).unwrap();
    let put = world
        .s3
        .put_object()
        .bucket(CONNECT_BUCKET)
        .key(key)
        .body(bytes.into())
        .send()
        .await
        .unwrap();
    let mut event: Value = serde_json::from_str(include_str!(
        "../../fixtures/recordings/eventbridge-object-created.json"
    ))
    .unwrap();
    event["detail"]["object"]["key"] = json!(key);
    event["detail"]["object"]["etag"] = json!(put.e_tag().unwrap().trim_matches('"'));
    let Invocation::Drops { objects, .. } = parse_event(&event).unwrap() else {
        panic!("not drops")
    };
    upload_recording(world.ctx(), &objects[0], Deadline::none()).await
}

#[tokio::test]
async fn a_connect_recording_is_uploaded_and_bound_to_its_ctrs_conversation() {
    let world = connect_world().await;
    let key = recording_key(CONTACT);
    stream_ctrs(&world, &[ctr("answered-with-holds", Some(&key))]).await;

    let outcome = recorded(&world, &key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    let ids = world.ids(CONTACT).await;
    let received = world.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["conversationId"], json!(ids.conversation_id));
    assert_eq!(
        received[0]["communicationId"],
        json!(ids.agent_communication_id)
    );
    let record = world
        .stored(&keys::recording_record(
            Some(CONTACT),
            &key_hash(CONNECT_BUCKET, &key),
        ))
        .await;
    assert_eq!(
        record["foundBy"],
        json!({"from": "connectRecordingLocation"})
    );
    assert_eq!(
        record["channels"],
        json!({"agent": "right", "customer": "left"})
    );
    assert_eq!(record["status"], "uploaded");
}

#[tokio::test]
async fn without_a_location_in_the_ctr_the_file_names_contact_id_finds_it() {
    let world = connect_world().await;
    stream_ctrs(&world, &[ctr("answered-with-holds", None)]).await;

    let outcome = recorded(&world, &recording_key(CONTACT)).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    assert_eq!(
        outcome.record.unwrap().found_by,
        Some(exsync::sync::recordings::FoundBy::ConnectFileName)
    );
}

#[tokio::test]
async fn a_recording_before_its_ctr_waits_and_the_scheduled_run_uploads_it_once_the_ctr_is_there() {
    let world = connect_world().await;
    let key = recording_key(CONTACT);

    let early = recorded(&world, &key).await;
    let marker = waiting_marker(CONNECT_BUCKET, &key);
    let too_soon = resume_waiting(world.ctx(), Deadline::none()).await.unwrap();
    stream_ctrs(&world, &[ctr("answered-with-holds", Some(&key))]).await;
    let resumed = resume_waiting(world.ctx(), Deadline::none()).await.unwrap();
    let again = resume_waiting(world.ctx(), Deadline::none()).await.unwrap();

    assert_eq!(
        early.disposition,
        Disposition::Waiting,
        "{:?}",
        early.reason
    );
    assert!(!early.needs_retry(), "acknowledged, not failed");
    assert_eq!(too_soon.still_waiting, 1);
    assert_eq!(too_soon.resumed[0].disposition, Disposition::Waiting);
    assert_eq!(resumed.still_waiting, 0);
    assert_eq!(
        resumed.resumed[0].disposition,
        Disposition::Uploaded,
        "{:?}",
        resumed.resumed[0].reason
    );
    assert!(
        world.store.get(&marker).await.unwrap().is_none(),
        "marker removed"
    );
    assert!(again.resumed.is_empty(), "nothing left waiting");
    let ids = world.ids(CONTACT).await;
    let received = world.received();
    assert_eq!(received.len(), 1, "uploaded once");
    assert_eq!(received[0]["conversationId"], json!(ids.conversation_id));
}

#[tokio::test]
async fn a_transferred_contacts_recording_binds_to_its_own_agents_leg() {
    let world = connect_world().await;
    let initial = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e713";
    let second = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e714";
    let key = recording_key(second);
    stream_ctrs(&world, &[ctr("transfer-first", None)]).await;
    stream_ctrs(&world, &[ctr("transfer-second", Some(&key))]).await;

    let outcome = recorded(&world, &key).await;

    assert_eq!(
        outcome.disposition,
        Disposition::Uploaded,
        "{:?}",
        outcome.reason
    );
    let ids = world.ids(initial).await;
    let source = exsync::store::load_idmap(&world.store)
        .await
        .unwrap()
        .0
        .presence_source_id
        .unwrap();
    let received = world.received();
    assert_eq!(received[0]["conversationId"], json!(ids.conversation_id));
    assert_eq!(
        received[0]["communicationId"],
        json!(communication_id(&source, initial, Leg::Agent(2)))
    );
}

#[tokio::test]
async fn a_key_outside_connects_layout_is_skipped_with_the_reason() {
    let world = connect_world().await;
    let object = DroppedObject {
        bucket: CONNECT_BUCKET.to_owned(),
        key: format!("{PREFIX}/2026/11/24/notes.txt"),
        etag: None,
    };
    world
        .s3
        .put_object()
        .bucket(CONNECT_BUCKET)
        .key(&object.key)
        .body(b"x".to_vec().into())
        .send()
        .await
        .unwrap();

    let outcome = upload_recording(world.ctx(), &object, Deadline::none()).await;

    assert_eq!(outcome.disposition, Disposition::Skipped);
    assert!(
        outcome
            .reason
            .as_deref()
            .unwrap()
            .contains("not a Connect call recording"),
        "{:?}",
        outcome.reason
    );
    assert!(world.received().is_empty());
}
