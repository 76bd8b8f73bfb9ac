//! A state store that refuses to read an interaction's record (S3 403: the role lacks a
//! permission) dead-letters the message with the refused action and resource instead of
//! retrying it as if the failure were transient. A wiremock server plays S3: it serves the id map
//! config sync wrote, refuses the interaction records and accepts dead letters.

use exsync::deadline::Deadline;
use exsync::store::{S3Store, StateStore};
use exsync::sync::interactions::{MessageResult, sync_interactions};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::{World, example};

const DENIED: &str = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";

async fn s3_refusing_records(idmap: Vec<u8>) -> (MockServer, StateStore) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/state/exsync/idmap.json"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", "\"e1\"")
                .set_body_bytes(idmap),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/state/exsync/interactions/"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("content-type", "application/xml")
                .set_body_string(DENIED),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path_regex("^/state/exsync/dead-letters/interactions/"))
        .respond_with(ResponseTemplate::new(200).insert_header("etag", "\"d1\""))
        .mount(&server)
        .await;
    let client = integration_tests::s3_client_for(&server.uri()).await;
    let store = StateStore::S3(S3Store::new(client, "state".into(), "exsync".into()));
    (server, store)
}

#[tokio::test]
async fn a_refused_state_read_dead_letters_the_message_naming_the_permission_not_a_retry() {
    let world = World::new().await;
    let idmap = world.store.get("idmap.json").await.unwrap().unwrap().body;
    let (_server, store) = s3_refusing_records(idmap.to_vec()).await;

    let outcome = sync_interactions(
        &world.genesys.client,
        &store,
        &world.settings,
        &[example("01-inbound")],
        Deadline::none(),
    )
    .await
    .unwrap();

    let result = &outcome.messages[0].result;
    let MessageResult::DeadLettered { reason, key } = result else {
        panic!("expected a dead letter, got {result:?}");
    };
    assert!(
        reason.contains("s3:GetObject on arn:aws:s3:::state/exsync/interactions/"),
        "{reason}"
    );
    assert!(key.starts_with("dead-letters/interactions/"), "{key}");
    assert_eq!(outcome.retried, 0);
    assert!(
        world.conversation_event_calls().is_empty(),
        "nothing was sent"
    );
}
