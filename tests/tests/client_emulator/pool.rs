//! The token pool against the emulator's per-token rate limit: n tokens carry n budgets, each
//! token stays within its own, and a 401 renews only the token that met it.

use std::num::NonZeroU32;
use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::genesys::{ClientOptions, GenesysError};
use genesys_emulator::{EmulatorConfig, Faults, ScriptedFault};
use integration_tests::genesys::{Genesys, test_client_options};

/// The emulator's limit per token and per 60 s.
const LIMIT: u32 = 30;

/// The emulator with `LIMIT` requests a minute per token.
fn limited() -> EmulatorConfig {
    EmulatorConfig {
        rate_limit_per_minute: Some(LIMIT),
        ..EmulatorConfig::default()
    }
}

/// Each token's whole minute budget may go out at once; the next request waits a minute.
fn per_token_budget() -> ClientOptions {
    let limit = NonZeroU32::new(LIMIT).unwrap();
    ClientOptions {
        rate_per_minute: limit,
        burst: limit,
        ..test_client_options()
    }
}

/// Sends `n` calls at once, each allowed 10 s; answers (succeeded, refused for the budget).
async fn load(g: &Genesys, n: u32) -> (usize, usize) {
    let deadline = Deadline::after(Duration::from_secs(10));
    let calls = (0..n).map(|_| g.client.list_system_presences(deadline));
    let results = futures::future::join_all(calls).await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let paced = results
        .iter()
        .filter(|r| {
            matches!(r, Err(GenesysError::DeadlineExceeded { reason, .. }) if reason.contains("request budget"))
        })
        .count();
    (ok, paced)
}

#[tokio::test]
async fn three_tokens_send_three_budgets_in_one_minute_without_a_429() {
    let g = Genesys::start_pooled(limited(), 3, per_token_budget()).await;

    let (ok, paced) = load(&g, 3 * LIMIT).await;

    assert_eq!((ok, paced), (3 * LIMIT as usize, 0));
    assert_eq!(g.client.tokens(), 3);
    let stats = g.client.stats();
    assert_eq!(stats.throttled, 0, "{stats:?}");
    assert_eq!(stats.token_requests, 3, "{stats:?}");
    let usage = g.emulator.token_usage();
    let calls: Vec<u64> = usage.iter().map(|t| t.calls).collect();
    assert_eq!(
        calls,
        [u64::from(LIMIT); 3],
        "three distinct tokens, each at its limit"
    );
    assert!(g.emulator.requests().iter().all(|r| r.status == 200));
}

#[tokio::test]
async fn one_token_with_the_same_load_is_paced_to_its_budget() {
    let g = Genesys::start_with(limited(), per_token_budget()).await;

    let (ok, paced) = load(&g, 3 * LIMIT).await;

    assert_eq!(ok, LIMIT as usize, "one budget goes out");
    assert_eq!(
        paced,
        2 * LIMIT as usize,
        "the rest would wait past the deadline"
    );
    assert_eq!(g.client.stats().throttled, 0);
    let api_calls = g
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v2/"))
        .count();
    assert_eq!(api_calls, LIMIT as usize);
    assert_eq!(g.emulator.token_usage().len(), 1);
}

#[tokio::test]
async fn a_pool_over_two_oauth_clients_holds_tokens_of_both() {
    let config = EmulatorConfig {
        extra_clients: vec![("second-client".into(), "second-secret".into())],
        ..limited()
    };
    let g = Genesys::start_pooled(config, 2, per_token_budget()).await;

    let (ok, paced) = load(&g, 4 * LIMIT).await;

    assert_eq!((ok, paced), (4 * LIMIT as usize, 0));
    assert_eq!(g.client.stats().throttled, 0);
    let mut per_client: Vec<(String, u64)> = g
        .emulator
        .token_usage()
        .into_iter()
        .map(|t| (t.client_id, t.calls))
        .collect();
    per_client.sort();
    let limit = u64::from(LIMIT);
    assert_eq!(
        per_client,
        [
            ("exsync-emulator".to_owned(), limit),
            ("exsync-emulator".to_owned(), limit),
            ("second-client".to_owned(), limit),
            ("second-client".to_owned(), limit),
        ]
    );
}

#[tokio::test]
async fn a_401_renews_only_the_token_that_met_it() {
    let g = Genesys::start_pooled(EmulatorConfig::default(), 2, test_client_options()).await;
    for _ in 0..2 {
        g.client
            .list_system_presences(Deadline::none())
            .await
            .unwrap();
    }
    assert_eq!(g.client.stats().token_requests, 2, "one token per lane");
    g.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("GET".into()),
            path: "/api/v2/systempresences".into(),
            times: 1,
            status: Some(401),
            delay_ms: 0,
        }],
        ..Faults::default()
    });

    for _ in 0..4 {
        g.client
            .list_system_presences(Deadline::none())
            .await
            .unwrap();
    }

    assert_eq!(
        g.client.stats().token_requests,
        3,
        "the other lane keeps its token"
    );
    assert_eq!(g.emulator.token_usage().len(), 3);
}
