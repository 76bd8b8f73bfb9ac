//! S3's 403 against the state store, the recordings source and the document reader: reported as
//! a permission problem naming the IAM action and resource, never retried as if transient. A
//! wiremock server plays S3 refusing every call (moto does not enforce IAM).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use exsync::config::Location;
use exsync::store::{S3Store, StateStore, StoreError};
use exsync::sync::Documents;
use exsync::sync::recordings::ObjectSource;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const DENIED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>"#;

/// An S3 that refuses everything, and a path-style client for it.
async fn refusing_s3() -> (MockServer, aws_sdk_s3::Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("content-type", "application/xml")
                .set_body_string(DENIED),
        )
        .mount(&server)
        .await;
    let client = integration_tests::s3_client_for(&server.uri()).await;
    (server, client)
}

#[tokio::test]
async fn a_refused_state_read_is_a_permission_problem_naming_action_and_object_not_a_retry() {
    let (_server, client) = refusing_s3().await;
    let store = StateStore::S3(S3Store::new(client, "state".into(), "exsync".into()));

    let error = store
        .get("agent-state/last/a-new-agent.json")
        .await
        .unwrap_err();

    assert!(matches!(error, StoreError::Denied { .. }), "{error:?}");
    assert!(!error.is_retryable());
    let text = error.to_string();
    assert!(
        text.contains(
            "s3:GetObject on arn:aws:s3:::state/exsync/agent-state/last/a-new-agent.json"
        ),
        "{text}"
    );
    assert!(
        text.contains("s3:ListBucket on arn:aws:s3:::state"),
        "{text}"
    );
}

#[tokio::test]
async fn a_refused_state_write_and_list_name_their_own_actions() {
    let (_server, client) = refusing_s3().await;
    let store = StateStore::S3(S3Store::new(client, "state".into(), "exsync".into()));

    let put = store
        .put("idmap.json", "{}".into(), exsync::store::PutMode::Overwrite)
        .await
        .unwrap_err();
    let list = store.list("recordings/~pending/").await.unwrap_err();

    assert!(!put.is_retryable() && !list.is_retryable());
    assert!(
        put.to_string()
            .contains("s3:PutObject on arn:aws:s3:::state/exsync/idmap.json"),
        "{put}"
    );
    assert!(
        list.to_string()
            .contains("s3:ListBucket on arn:aws:s3:::state "),
        "{list}"
    );
}

#[tokio::test]
async fn a_refused_recording_read_names_the_object_and_is_not_retried() {
    let (_server, client) = refusing_s3().await;
    let source = ObjectSource::S3(client);

    let error = source
        .head("inbound", "recordings/call-1.wav.json")
        .await
        .unwrap_err();

    assert!(!error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("s3:GetObject on arn:aws:s3:::inbound/recordings/call-1.wav.json"),
        "{error}"
    );
}

#[tokio::test]
async fn a_refused_document_read_names_the_object_and_is_not_retried() {
    let (_server, client) = refusing_s3().await;
    let location = Location::S3 {
        bucket: "state".into(),
        prefix: "mapping/mapping.json".into(),
    };

    let error = Documents::new(client).read(&location).await.unwrap_err();

    assert!(!error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("s3:GetObject on arn:aws:s3:::state/mapping/mapping.json"),
        "{error}"
    );
}
