//! Bench binary: a 10,000-user initial import at Genesys's 300 requests a minute per token, with
//! one token and with a pool of four, through resumable invocations of a 15-minute config-sync
//! Lambda, against the emulator enforcing the per-token limit.
//!
//! Real time would take hours, so time is scaled by `EXSYNC_BENCH_SCALE` (default 20): the
//! emulator's limit per token and the client's budget per token are both multiplied by it, and an
//! invocation's deadline is divided by it. Simulated time is wall time × scale (planning and other
//! CPU work scale with it too, so the simulated figures are a little pessimistic).
//! `EXSYNC_BENCH_USERS` (default 10,000) sizes the org for a quicker look.
//!
//! Run with `cargo bench -p integration-tests --bench token_pool`. Not part of `scripts/test.sh`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // a bench binary

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use config_sync::setup::BUDGET;
use exsync::deadline::Deadline;
use exsync::external::{ConfigSnapshot, read_snapshot};
use exsync::genesys::{ClientOptions, DEFAULT_BURST};
use exsync::mapping::MappingDocument;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::{DirStore, StateStore};
use exsync::sync::{Mode, config_sync};
use genesys_emulator::EmulatorConfig;
use integration_tests::genesys::Genesys;
use integration_tests::orgs::{OrgSpec, plain_mapping};

/// Genesys's documented budget per client-credentials token.
const PER_TOKEN_PER_MINUTE: u32 = 300;
/// config-sync's Lambda timeout (`template.yaml`).
const FUNCTION_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// Invocations after which a run that has not converged is a failure.
const MAX_INVOCATIONS: u32 = 200;

struct Row {
    tokens: u32,
    users: usize,
    distinct_emails: usize,
    invocations: u32,
    calls: u64,
    throttled: u64,
    token_requests: u64,
    wall: Duration,
    scale: u32,
}

impl Row {
    fn simulated(&self) -> Duration {
        self.wall * self.scale
    }
}

fn env_number(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
        })
        .unwrap_or(default)
        .max(1)
}

/// The whole import on `tokens` tokens: invocations until a run plans nothing.
async fn import(
    tokens: u32,
    scale: u32,
    snapshot: &ConfigSnapshot,
    mapping: &MappingDocument,
) -> Row {
    let per_token = PER_TOKEN_PER_MINUTE * scale;
    // the bucket refills at rate − burst a minute: scaling the burst too keeps the simulated
    // refill exactly the real one (295 a minute with the default burst of 5)
    let burst = DEFAULT_BURST * scale;
    let options = ClientOptions {
        rate_per_minute: NonZeroU32::new(per_token).unwrap(),
        burst: NonZeroU32::new(burst).unwrap(),
        ..ClientOptions::default()
    };
    let config = EmulatorConfig {
        rate_limit_per_minute: Some(per_token),
        ..EmulatorConfig::default()
    };
    let g = Genesys::start_pooled(config, tokens, options).await;
    let users_before = users(&g).len();
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    let apply = ApplyOptions {
        stop_margin: ApplyOptions::default().stop_margin / scale,
        ..ApplyOptions::default()
    };
    let invocation = (FUNCTION_TIMEOUT - BUDGET.margin) / scale;

    let started = Instant::now();
    let mut invocations = 0;
    loop {
        invocations += 1;
        let outcome = config_sync(
            &g.client,
            &store,
            Desired { snapshot, mapping },
            "bench",
            Mode::Apply,
            &apply,
            Deadline::after(invocation),
        )
        .await;
        println!(
            "  {tokens} token(s), invocation {invocations}: {} calls so far, {:.0} s wall",
            g.client.stats().calls,
            started.elapsed().as_secs_f64()
        );
        match outcome {
            Ok(o) if o.plan.is_empty() => break,
            Ok(_) | Err(_) if invocations < MAX_INVOCATIONS => {}
            other => panic!(
                "{tokens} token(s): no convergence after {invocations} invocations: {:?}",
                other.err()
            ),
        }
    }
    let wall = started.elapsed();

    let mut emails = users(&g);
    let total = emails.len();
    emails.sort_unstable();
    emails.dedup();
    let stats = g.client.stats();
    Row {
        tokens,
        users: total - users_before,
        distinct_emails: emails.len(),
        invocations,
        calls: stats.calls,
        throttled: stats.throttled,
        token_requests: stats.token_requests,
        wall,
        scale,
    }
}

/// Every user's email in the emulator's org.
fn users(g: &Genesys) -> Vec<String> {
    g.emulator.state_json()["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|u| u["email"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn hms(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[tokio::main]
async fn main() {
    let scale = env_number("EXSYNC_BENCH_SCALE", 20);
    let size = env_number("EXSYNC_BENCH_USERS", 10_000) as usize;
    let spec = OrgSpec::seeded(10_000, size);
    let snapshot = read_snapshot(&spec.snapshot_json(1).to_string()).unwrap();
    assert!(snapshot.held.is_empty());
    let mapping = plain_mapping(serde_json::json!({}));
    println!(
        "initial import of {size} users at {PER_TOKEN_PER_MINUTE} requests/minute per token, \
         invocations of {} s less a {} s margin; time scaled by {scale}",
        FUNCTION_TIMEOUT.as_secs(),
        BUDGET.margin.as_secs()
    );

    let mut rows = Vec::new();
    for tokens in [1, 4] {
        let row = import(tokens, scale, &snapshot, &mapping).await;
        println!(
            "{tokens} token(s): {} invocations, {:.0} s wall",
            row.invocations,
            row.wall.as_secs_f64()
        );
        assert_eq!(row.users, size, "{tokens} token(s): every user imported");
        assert_eq!(
            row.distinct_emails, row.users,
            "{tokens} token(s): duplicates"
        );
        assert_eq!(
            row.throttled, 0,
            "{tokens} token(s): the pool left a budget"
        );
        rows.push(row);
    }

    println!();
    println!(
        "| tokens | invocations (15 min) | simulated time | wall time (×{scale}) | calls | calls per new user | calls/min per token (simulated) | 429s | token requests | users | distinct emails |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let minutes = r.simulated().as_secs_f64() / 60.0;
        println!(
            "| {} | {} | {} | {:.0} s | {} | {:.2} | {:.0} | {} | {} | {} | {} |",
            r.tokens,
            r.invocations,
            hms(r.simulated()),
            r.wall.as_secs_f64(),
            r.calls,
            r.calls as f64 / r.users as f64,
            r.calls as f64 / minutes / f64::from(r.tokens),
            r.throttled,
            r.token_requests,
            r.users,
            r.distinct_emails
        );
    }
}
