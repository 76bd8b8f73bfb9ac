//! Auth, retries, deadlines, pagination and pacing against the emulator.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use exsync::deadline::Deadline;
use exsync::genesys::{ClientOptions, GenesysError};
use genesys_emulator::{EmulatorConfig, Faults, ScriptedFault};
use integration_tests::genesys::{Genesys, test_client_options};
use serde_json::json;

fn fault(method: &str, path: &str, times: u32, status: u16) -> ScriptedFault {
    ScriptedFault {
        method: Some(method.into()),
        path: path.into(),
        times,
        status: Some(status),
        delay_ms: 0,
    }
}

fn calls_to(g: &Genesys, path: &str) -> usize {
    g.emulator
        .requests()
        .iter()
        .filter(|r| r.path == path)
        .count()
}

#[tokio::test]
async fn fifty_concurrent_calls_share_one_token() {
    let g = Genesys::start().await;
    let calls = (0..50).map(|_| g.client.list_system_presences(Deadline::none()));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(g.client.stats().token_requests, 1);
}

#[tokio::test]
async fn an_expired_token_is_renewed() {
    let config = EmulatorConfig {
        token_ttl_secs: 1,
        ..EmulatorConfig::default()
    };
    let g = Genesys::start_with(config, test_client_options()).await;
    g.client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    g.client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
    assert_eq!(g.client.stats().token_requests, 2);
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_the_call_succeeds() {
    let g = Genesys::start().await;
    g.client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
    g.emulator.set_faults(Faults {
        scripted: vec![fault("GET", "/api/v2/systempresences", 1, 401)],
        ..Faults::default()
    });
    g.client
        .list_system_presences(Deadline::none())
        .await
        .unwrap();
    assert_eq!(g.client.stats().token_requests, 2);
}

#[tokio::test]
async fn a_429_waits_retry_after_and_a_short_deadline_fails_at_once() {
    let g = Genesys::start().await;
    g.emulator.set_faults(Faults {
        scripted: vec![fault("GET", "/api/v2/systempresences", 2, 429)],
        ..Faults::default()
    });
    let started = Instant::now();

    let err = g
        .client
        .list_system_presences(Deadline::after(Duration::from_millis(300)))
        .await
        .unwrap_err();
    assert!(
        matches!(err, GenesysError::DeadlineExceeded { .. }) && err.is_retryable(),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));

    g.client
        .list_system_presences(Deadline::after(Duration::from_secs(10)))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the emulator's Retry-After"
    );
    assert_eq!(g.client.stats().throttled, 2);
}

#[tokio::test]
async fn transient_errors_are_retried_and_client_errors_are_not() {
    let g = Genesys::start().await;
    g.emulator.set_faults(Faults {
        scripted: vec![fault("GET", "/api/v2/routing/skills", 2, 503)],
        ..Faults::default()
    });
    g.client.list_skills(Deadline::none()).await.unwrap();
    assert_eq!(calls_to(&g, "/api/v2/routing/skills"), 3);

    let err = g
        .client
        .get_user(
            "00000000-0000-4000-8000-000000000000",
            false,
            Deadline::none(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found() && !err.is_retryable());
    assert_eq!(
        calls_to(&g, "/api/v2/users/00000000-0000-4000-8000-000000000000"),
        1
    );
}

#[tokio::test]
async fn seven_pages_of_skills_are_collected() {
    let g = Genesys::start().await;
    let skills: Vec<_> = (0..650)
        .map(|i| json!({"name": format!("Skill {i:03}")}))
        .collect();
    g.emulator.seed(json!({ "skills": skills })).unwrap();
    let listed = g.client.list_skills(Deadline::none()).await.unwrap();
    assert_eq!(listed.len(), 650);
    assert_eq!(calls_to(&g, "/api/v2/routing/skills"), 7);
}

#[tokio::test]
async fn the_token_bucket_paces_calls_to_the_emulator() {
    let options = ClientOptions {
        rate_per_minute: NonZeroU32::new(600).unwrap(),
        burst: NonZeroU32::MIN,
        ..ClientOptions::default()
    };
    let g = Genesys::start_with(EmulatorConfig::default(), options).await;
    let calls = (0..20).map(|_| g.client.list_system_presences(Deadline::none()));
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(
        g.client.stats().waited >= Duration::from_millis(1800),
        "{:?}",
        g.client.stats()
    );
}
