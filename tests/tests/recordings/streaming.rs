//! The bytes: the MD5 pass streams the object from S3 in chunks; the presigned PUT carries exactly
//! the returned headers and a Content-Length, no token, the body as a stream, no redirects.

use std::collections::BTreeMap;

use bytes::Bytes;
use exsync::sync::recordings::{
    ChunkStream, ObjectSource, SourceError, UploadError, UploadHosts, Uploader, digest,
};
use futures::StreamExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::{BUCKET, World, md5_base64};

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn stream_of(parts: Vec<Result<Bytes, SourceError>>) -> ChunkStream {
    Box::pin(futures::stream::iter(parts))
}

fn uploader_for(server: &MockServer) -> Uploader {
    let host = server.uri().trim_start_matches("http://").to_owned();
    Uploader::new(UploadHosts::new(&[host]).unwrap()).unwrap()
}

#[tokio::test]
async fn the_md5_pass_streams_the_object_in_chunks_and_matches_its_bytes() {
    let world = World::new().await;
    let bytes = pattern(12 * 1024 * 1024 + 7);
    world.put("recordings/big.wav", bytes.clone()).await;
    let source = ObjectSource::S3(world.s3.clone());
    let meta = source
        .head(BUCKET, "recordings/big.wav")
        .await
        .unwrap()
        .unwrap();

    let chunks: Vec<usize> = source
        .stream(BUCKET, "recordings/big.wav", &meta.etag)
        .await
        .unwrap()
        .map(|c| c.unwrap().len())
        .collect()
        .await;
    let summed = digest(
        source
            .stream(BUCKET, "recordings/big.wav", &meta.etag)
            .await
            .unwrap(),
    )
    .await
    .unwrap();

    assert!(chunks.len() > 10, "{} chunks", chunks.len());
    assert!(
        chunks.iter().all(|&c| c <= 1024 * 1024),
        "a chunk over 1 MiB: {chunks:?}"
    );
    assert_eq!(summed.size, bytes.len() as u64);
    assert_eq!(summed.md5_base64, md5_base64(&bytes).await);
}

#[tokio::test]
async fn a_stale_etag_is_refused_as_a_changed_object() {
    let world = World::new().await;
    world.put("recordings/a.wav", pattern(10)).await;
    let source = ObjectSource::S3(world.s3.clone());

    let result = source
        .stream(
            BUCKET,
            "recordings/a.wav",
            "\"0123456789abcdef0123456789abcdef\"",
        )
        .await;

    assert!(
        matches!(result, Err(SourceError::Changed { .. })),
        "{:?}",
        result.err()
    );
}

#[tokio::test]
async fn the_put_carries_exactly_the_returned_headers_and_no_token() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/bucket/f.wav"))
        .respond_with(ResponseTemplate::new(200).insert_header("ETag", "\"e\""))
        .mount(&server)
        .await;
    let headers = BTreeMap::from([
        (
            "Content-MD5".to_owned(),
            "1B2M2Y8AsgTpgAmY7PhCfg==".to_owned(),
        ),
        ("Content-Type".to_owned(), "audio/wav".to_owned()),
        (
            "x-amz-server-side-encryption".to_owned(),
            "AES256".to_owned(),
        ),
    ]);
    let body = stream_of(vec![
        Ok(Bytes::from_static(b"RIFF")),
        Ok(Bytes::from_static(b"....WAVE")),
    ]);

    let receipt = uploader_for(&server)
        .put(
            &format!("{}/bucket/f.wav?X-Amz-Signature=s", server.uri()),
            &headers,
            body,
            12,
        )
        .await
        .unwrap();

    assert_eq!(receipt.etag.as_deref(), Some("\"e\""));
    let requests = server.received_requests().await.unwrap();
    let put = &requests[0];
    assert_eq!(put.body, b"RIFF....WAVE");
    for (name, value) in &headers {
        assert_eq!(
            put.headers.get(name.as_str()).unwrap(),
            value.as_str(),
            "{name}"
        );
    }
    assert_eq!(put.headers.get("content-length").unwrap(), "12");
    assert!(put.headers.get("authorization").is_none());
    assert!(put.headers.get("transfer-encoding").is_none());
}

#[tokio::test]
async fn a_read_failure_mid_upload_is_reported_as_that_failure() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let broken = SourceError::Read {
        operation: "GetObject body",
        key: "recordings/a.wav".into(),
        message: "connection reset".into(),
        retryable: true,
    };
    let body = stream_of(vec![Ok(Bytes::from_static(b"RIFF")), Err(broken.clone())]);

    let error = uploader_for(&server)
        .put(
            &format!("{}/f.wav", server.uri()),
            &BTreeMap::new(),
            body,
            100,
        )
        .await
        .unwrap_err();

    assert!(
        matches!(&error, UploadError::Source(e) if *e == broken),
        "{error}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_redirect_is_an_error_not_a_new_destination() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("Location", "https://elsewhere.example/f.wav"),
        )
        .mount(&server)
        .await;
    let body = stream_of(vec![Ok(Bytes::from_static(b"RIFF"))]);

    let error = uploader_for(&server)
        .put(
            &format!("{}/f.wav", server.uri()),
            &BTreeMap::new(),
            body,
            4,
        )
        .await
        .unwrap_err();

    assert!(
        matches!(error, UploadError::Status { status: 307, .. }),
        "{error}"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_connection_failure_is_retryable_and_never_shows_the_signature() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port(); // bound, then dropped: nothing listens there
    let uploader =
        Uploader::new(UploadHosts::new(&[format!("127.0.0.1:{port}")]).unwrap()).unwrap();
    let body = stream_of(vec![Ok(Bytes::from_static(b"RIFF"))]);

    let error = uploader
        .put(
            &format!("http://127.0.0.1:{port}/f.wav?signature=s3cr3t"),
            &BTreeMap::new(),
            body,
            4,
        )
        .await
        .unwrap_err();

    assert!(matches!(error, UploadError::Transport { .. }), "{error}");
    assert!(error.is_retryable());
    assert!(!error.to_string().contains("s3cr3t"), "{error}");
}
