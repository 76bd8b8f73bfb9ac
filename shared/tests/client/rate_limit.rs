//! The client's token bucket paces calls; it is shared by every clone and task.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::genesys::ClientOptions;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::*;

#[tokio::test]
async fn twenty_calls_at_600_per_minute_are_spaced_not_burst() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let options = ClientOptions {
        rate_per_minute: NonZeroU32::new(600).unwrap(),
        burst: NonZeroU32::MIN,
        ..ClientOptions::default()
    };
    let client = client(&server, options);
    let done = Arc::new(AtomicUsize::new(0));

    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (c, done) = (client.clone(), done.clone());
            tokio::spawn(async move {
                c.list_system_presences(Deadline::after(Duration::from_secs(30)))
                    .await
                    .unwrap();
                done.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    // At 600/min (one per 100 ms, burst 1), at most 1 + 5 calls can have gone out after 500 ms,
    // however fast the machine is.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let early = hits(&server, "/api/v2/systempresences").await.len();
    for t in tasks {
        t.await.unwrap();
    }

    assert!(
        early <= 6,
        "{early} calls within 500 ms: the bucket did not pace them"
    );
    assert_eq!(done.load(Ordering::SeqCst), 20);
    assert_eq!(hits(&server, "/api/v2/systempresences").await.len(), 20);
    assert!(
        client.stats().waited >= Duration::from_millis(1800),
        "waited {:?}",
        client.stats().waited
    );
}

#[tokio::test]
async fn pacing_never_sleeps_past_the_deadline() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/systempresences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let options = ClientOptions {
        rate_per_minute: NonZeroU32::new(6).unwrap(),
        burst: NonZeroU32::MIN,
        ..ClientOptions::default()
    };
    let client = client(&server, options);
    client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();

    let err = client
        .list_system_presences(Deadline::after(Duration::from_secs(1)))
        .await
        .unwrap_err();

    assert!(err.is_retryable());
    assert!(err.to_string().contains("request budget"), "{err}");
    assert_eq!(hits(&server, "/api/v2/systempresences").await.len(), 1);
}
