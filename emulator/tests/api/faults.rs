//! Faults for tests: rate limit per token, scripted failures and hangs per route, random error
//! rate and latency.

use std::time::{Duration, Instant};

use genesys_emulator::{EmulatorConfig, Faults, ScriptedFault};

use crate::helpers::TestOrg;

#[tokio::test]
async fn over_the_rate_limit_answers_429_with_retry_after() {
    let org = TestOrg::start_with(EmulatorConfig {
        rate_limit_per_minute: Some(3),
        ..EmulatorConfig::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(org.get("/api/v2/users").await.status, 200);
    }
    let limited = org.get("/api/v2/users").await;
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(limited.status, 429);
    assert_eq!(limited.body["code"], "too.many.requests.retry.after");
    assert!((1..=60).contains(&retry_after));
}

#[tokio::test]
async fn the_next_n_calls_to_a_route_fail_as_scripted() {
    let org = TestOrg::start().await;
    org.handle.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("GET".into()),
            path: "/api/v2/users/{userId}".into(),
            times: 2,
            status: Some(503),
            delay_ms: 0,
        }],
        ..Faults::default()
    });
    let id = org.user_id("Ann", "ann@x.io").await;
    let statuses = [
        org.get(&format!("/api/v2/users/{id}")).await.status,
        org.get(&format!("/api/v2/users/{id}")).await.status,
        org.get(&format!("/api/v2/users/{id}")).await.status,
    ];
    assert_eq!(statuses, [503, 503, 200]);
}

#[tokio::test]
async fn a_scripted_hang_times_out_a_client() {
    let org = TestOrg::start().await;
    org.handle.set_faults(Faults {
        scripted: vec![ScriptedFault {
            path: "/api/v2/users".into(),
            times: 1,
            delay_ms: 2_000,
            ..ScriptedFault::default()
        }],
        ..Faults::default()
    });
    let timed = org
        .http
        .get(format!("{}/api/v2/users", org.base))
        .bearer_auth(&org.token)
        .timeout(Duration::from_millis(200))
        .send()
        .await;
    assert!(timed.unwrap_err().is_timeout());
}

#[tokio::test]
async fn an_error_rate_of_one_fails_every_call() {
    let org = TestOrg::start().await;
    org.handle.set_faults(Faults {
        error_rate: 1.0,
        error_status: Some(500),
        ..Faults::default()
    });
    assert_eq!(org.get("/api/v2/users").await.status, 500);
}

#[tokio::test]
async fn added_latency_slows_every_call() {
    let org = TestOrg::start_with(EmulatorConfig {
        latency_ms: 150,
        ..EmulatorConfig::default()
    })
    .await;
    let started = Instant::now();
    org.get("/api/v2/users").await;
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn faults_never_block_the_admin_api() {
    let org = TestOrg::start().await;
    org.handle.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let cleared = org
        .http
        .put(format!("{}/__admin/faults", org.base))
        .json(&Faults::default())
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 200);
    assert_eq!(org.get("/api/v2/users").await.status, 200);
}
