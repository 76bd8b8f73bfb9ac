//! The state store contract, run against both backends: a local directory and S3 (moto).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use bytes::Bytes;
use exsync::store::{DirStore, PutMode, S3Store, StateStore, StoreError};
use integration_tests::MotoServer;

async fn contract(store: StateStore) {
    // missing keys read as None
    assert!(store.get("idmap/users.json").await.unwrap().is_none());

    // overwrite writes and returns the etag a read then sees
    let etag1 = store
        .put(
            "idmap/users.json",
            Bytes::from_static(b"{\"a\":1}"),
            PutMode::Overwrite,
        )
        .await
        .unwrap();
    let read = store.get("idmap/users.json").await.unwrap().unwrap();
    assert_eq!(read.body, Bytes::from_static(b"{\"a\":1}"));
    assert_eq!(read.etag, etag1);

    // create-once refuses an existing key
    let err = store
        .put(
            "idmap/users.json",
            Bytes::from_static(b"{}"),
            PutMode::IfAbsent,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::PreconditionFailed { .. }),
        "{err}"
    );

    // if-match with the current etag succeeds and changes the etag
    let etag2 = store
        .put(
            "idmap/users.json",
            Bytes::from_static(b"{\"a\":2}"),
            PutMode::IfMatch(etag1.clone()),
        )
        .await
        .unwrap();
    assert_ne!(etag1, etag2);

    // a stale conditional write fails and leaves the stored value alone
    let err = store
        .put(
            "idmap/users.json",
            Bytes::from_static(b"{\"a\":3}"),
            PutMode::IfMatch(etag1),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::PreconditionFailed { .. }),
        "{err}"
    );
    assert!(err.is_retryable(), "a lost race is retried after a re-read");
    assert_eq!(
        store.get("idmap/users.json").await.unwrap().unwrap().body,
        Bytes::from_static(b"{\"a\":2}")
    );

    // create-once on a new key works
    store
        .put(
            "dead-letters/agent-state/2026/m1.json",
            Bytes::from_static(b"{}"),
            PutMode::IfAbsent,
        )
        .await
        .unwrap();
    store
        .put(
            "dead-letters/agent-state/2026/m0.json",
            Bytes::from_static(b"{}"),
            PutMode::Overwrite,
        )
        .await
        .unwrap();
    store
        .put(
            "reports/r1.json",
            Bytes::from_static(b"{}"),
            PutMode::Overwrite,
        )
        .await
        .unwrap();

    // list by prefix is sorted and relative to the store
    assert_eq!(
        store.list("dead-letters/").await.unwrap(),
        vec![
            "dead-letters/agent-state/2026/m0.json",
            "dead-letters/agent-state/2026/m1.json"
        ]
    );
    assert_eq!(store.list("").await.unwrap().len(), 4);

    // json helpers round-trip
    store
        .put_json(
            "reports/last.json",
            &serde_json::json!({"applied": 3}),
            PutMode::Overwrite,
        )
        .await
        .unwrap();
    let (value, _): (serde_json::Value, _) =
        store.get_json("reports/last.json").await.unwrap().unwrap();
    assert_eq!(value["applied"], 3);

    // delete is idempotent
    store.delete("reports/r1.json").await.unwrap();
    store.delete("reports/r1.json").await.unwrap();
    assert!(store.get("reports/r1.json").await.unwrap().is_none());

    // keys cannot escape the store
    for bad in ["", "/abs", "a/../b", "a//b", "dir/"] {
        let err = store.get(bad).await.unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidKey { .. }),
            "{bad:?}: {err}"
        );
    }
}

#[tokio::test]
async fn directory_store_keeps_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    contract(StateStore::Dir(DirStore::new(dir.path().join("state")))).await;
}

#[tokio::test]
async fn s3_store_keeps_the_contract() {
    let moto = MotoServer::start();
    let s3 = moto.bucket("state").await;
    contract(StateStore::S3(S3Store::new(
        s3,
        "state".into(),
        "exsync/prod".into(),
    )))
    .await;
}

#[tokio::test]
async fn s3_store_without_prefix_keeps_the_contract() {
    let moto = MotoServer::start();
    let s3 = moto.bucket("state-root").await;
    contract(StateStore::S3(S3Store::new(
        s3,
        "state-root".into(),
        String::new(),
    )))
    .await;
}
