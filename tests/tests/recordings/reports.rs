//! The scheduled check: upload reports mark uploads confirmed, keep those waiting for their
//! conversation pending, and mark failures.

use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::store::keys;
use exsync::sync::recordings::{CheckOptions, CheckOutcome, check_uploads, key_hash};

use super::helpers::{BUCKET, World};

async fn check(world: &World) -> CheckOutcome {
    let options = CheckOptions {
        poll_interval: Duration::from_millis(10),
        ..CheckOptions::default()
    };
    check_uploads(
        &world.genesys.client,
        &world.store,
        &world.uploader,
        options,
        Deadline::none(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn a_recording_before_its_conversation_waits_then_binds_and_is_confirmed() {
    let world = World::new().await;
    let key = "recordings/call-20261124-0002_20261124T082000Z.wav";
    world
        .put_example("call-20261124-0002_20261124T082000Z.wav", key)
        .await;
    world.dropped(key).await;
    let waiting = world.received()[0]["status"].clone();

    let first = check(&world).await;
    world.send_calls(&["02-hold"]).await;
    let second = check(&world).await;

    assert_eq!(waiting, "WaitForConversation");
    assert_eq!(
        (
            first.pending,
            first.waiting_for_conversation,
            first.confirmed.len()
        ),
        (1, 1, 0)
    );
    assert_eq!(first.report_state.as_deref(), Some("Completed"));
    assert_eq!((second.pending, second.confirmed.len()), (1, 1));
    let record = world.stored(&second.confirmed[0]).await;
    assert_eq!(record["status"], "confirmed");
    assert_eq!(record["reportStatus"], "Success");
    let marker = world
        .store
        .get(&keys::pending_upload(&key_hash(BUCKET, key)))
        .await
        .unwrap();
    assert!(marker.is_none(), "a confirmed upload is no longer pending");
}

#[tokio::test]
async fn nothing_pending_asks_genesys_for_nothing() {
    let world = World::new().await;

    let outcome = check(&world).await;

    assert_eq!(outcome.pending, 0);
    assert_eq!(outcome.report_id, None);
    assert_eq!(world.calls("POST", "/api/v2/recording/uploads/reports"), 0);
}

#[tokio::test]
async fn a_custom_file_name_template_still_binds_and_is_confirmed() {
    let mut world = World::new().await;
    world.send_calls(&["01-inbound"]).await;
    world.rules.file_name_template =
        exsync::mapping::FileNameTemplate::new("{interactionId}-{conversationId}.{ext}");
    let key = "recordings/call-20261124-0001.wav";
    world.put_example("call-20261124-0001.wav", key).await;
    let uploaded = world.dropped(key).await;

    let outcome = check(&world).await;

    let name = uploaded.record.unwrap().file_name.unwrap();
    assert!(name.starts_with("call-20261124-0001-"), "{name}");
    assert_eq!(world.received()[0]["fileName"], name.as_str());
    assert_eq!(outcome.confirmed.len(), 1, "{outcome:?}");
    assert!(outcome.failed.is_empty());
}
