//! Bench binary: Genesys API calls config sync makes, against the emulator (counts do not depend on
//! the machine; the run time is printed for reference only).
//!
//! Run with `cargo bench -p integration-tests --bench config_sync_calls`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // a bench binary

use std::time::Instant;

use exsync::deadline::Deadline;
use exsync::external::{ConfigSnapshot, read_snapshot};
use exsync::mapping::MappingDocument;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::{DirStore, StateStore};
use exsync::sync::{ConfigSyncOutcome, Mode, config_sync};
use genesys_emulator::EmulatorConfig;
use integration_tests::examples;
use integration_tests::genesys::{Genesys, test_client_options};
use integration_tests::orgs::{OrgSpec, plain_mapping};

struct Row {
    scenario: String,
    changes: usize,
    reads: usize,
    writes: usize,
    tokens: u64,
    seconds: f64,
}

async fn run(
    g: &Genesys,
    store: &StateStore,
    snapshot: &ConfigSnapshot,
    mapping: &MappingDocument,
    scenario: &str,
) -> (Row, ConfigSyncOutcome) {
    g.emulator.clear_requests();
    let before = g.client.stats();
    let started = Instant::now();
    let outcome = config_sync(
        &g.client,
        store,
        Desired { snapshot, mapping },
        "bench",
        Mode::Apply,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await
    .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(
        outcome.report.apply.counts.failed,
        0,
        "{scenario}: {:#?}",
        outcome.report.apply.failures().collect::<Vec<_>>()
    );
    let log = g.emulator.requests();
    let reads = log.iter().filter(|r| r.method == "GET").count();
    let row = Row {
        scenario: scenario.to_owned(),
        changes: outcome.plan.changes.len(),
        reads,
        writes: log.len() - reads,
        tokens: g.client.stats().since(&before).token_requests,
        seconds,
    };
    (row, outcome)
}

/// The example org scaled to `n` users (same divisions, skills, queues; users cloned with new ids).
fn scaled(n: usize) -> ConfigSnapshot {
    let mut s = examples::snapshot("initial");
    let base = s.users.clone();
    s.users = (0..n)
        .map(|i| {
            let mut u = base[i % base.len()].clone();
            u.id = format!("gen-{i:05}").into();
            u.email = format!("gen.{i:05}@example.com");
            u.manager = None;
            u.employee_id = Some(format!("G-{i:05}"));
            u
        })
        .collect();
    s
}

#[tokio::main]
async fn main() {
    let mapping = examples::mapping();
    let mut rows = Vec::new();

    let g = Genesys::start_with(
        EmulatorConfig {
            request_log_limit: 1_000_000,
            ..EmulatorConfig::default()
        },
        test_client_options(),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    rows.push(
        run(
            &g,
            &store,
            &examples::snapshot("initial"),
            &mapping,
            "example org (60 users): initial sync",
        )
        .await
        .0,
    );
    rows.push(
        run(
            &g,
            &store,
            &examples::snapshot("initial"),
            &mapping,
            "example org: no-change run",
        )
        .await
        .0,
    );
    let (changed, outcome) = run(
        &g,
        &store,
        &examples::snapshot("changed"),
        &mapping,
        "example org: changed snapshot (4 changed objects)",
    )
    .await;
    let per_object = changed.writes as f64 / 4.0;
    rows.push(changed);
    let _ = outcome;

    let g = Genesys::start_with(
        EmulatorConfig {
            request_log_limit: 1_000_000,
            ..EmulatorConfig::default()
        },
        test_client_options(),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    let big = scaled(2_000);
    rows.push(
        run(
            &g,
            &store,
            &big,
            &mapping,
            "generated org (2,000 users): initial sync",
        )
        .await
        .0,
    );
    let per_user = per_endpoint(&g.emulator.requests(), big.users.len());
    rows.push(
        run(&g, &store, &big, &mapping, "generated org: no-change run")
            .await
            .0,
    );

    // 10,000 users: an initial sync spread over invocations that each get 20 s (a Lambda with a
    // short timeout), until a run plans nothing; then count users by email to prove no duplicates.
    let g = Genesys::start_with(
        EmulatorConfig {
            request_log_limit: 1_000_000,
            ..EmulatorConfig::default()
        },
        test_client_options(),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    // a generated org: shuffled order, deep manager chains, fractional proficiencies, Unicode
    let spec = OrgSpec::seeded(10_000, 10_000);
    let generated_mapping = plain_mapping(serde_json::json!({}));
    let huge = read_snapshot(&spec.snapshot_json(1).to_string()).unwrap();
    assert!(huge.held.is_empty());
    let started = Instant::now();
    let mut invocations = 0;
    loop {
        invocations += 1;
        let deadline = Deadline::after(std::time::Duration::from_secs(20));
        let outcome = config_sync(
            &g.client,
            &store,
            Desired {
                snapshot: &huge,
                mapping: &generated_mapping,
            },
            "bench",
            Mode::Apply,
            &ApplyOptions::default(),
            deadline,
        )
        .await;
        match outcome {
            Ok(o) if o.plan.is_empty() => break,
            Ok(_) | Err(_) if invocations < 100 => {}
            _ => panic!("10,000-user sync did not converge"),
        }
    }
    let state = g.emulator.state_json();
    let users = state["users"].as_array().unwrap();
    let mut emails: Vec<&str> = users.iter().filter_map(|u| u["email"].as_str()).collect();
    let total = emails.len();
    emails.sort_unstable();
    emails.dedup();
    println!(
        "generated 10,000-user org, initial sync: {invocations} invocations of at most 20 s, {:.0} s in all, {total} users in Genesys, {} distinct emails",
        started.elapsed().as_secs_f64(),
        emails.len()
    );
    assert_eq!(total, emails.len(), "duplicates");
    // the same org listed in another order: a rerun must write nothing
    let reordered = read_snapshot(&spec.snapshot_json(2).to_string()).unwrap();
    let (rerun, _) = run(
        &g,
        &store,
        &reordered,
        &generated_mapping,
        "generated org (10,000 users, seeded): rerun in another order",
    )
    .await;
    assert_eq!(rerun.writes, 0, "the rerun of the 10,000-user org wrote");
    assert_eq!(
        rerun.changes, 0,
        "the rerun of the 10,000-user org planned changes"
    );
    rows.push(rerun);
    println!();

    println!(
        "| scenario | planned changes | reads (GET) | writes | token requests | seconds (loopback, for reference) |"
    );
    println!("|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {:.2} |",
            r.scenario, r.changes, r.reads, r.writes, r.tokens, r.seconds
        );
    }
    println!();
    println!("writes per changed object on the ongoing sync: {per_object:.1}");
    println!();
    println!("initial sync of 2,000 new users, calls per new user by endpoint:");
    println!();
    println!("| endpoint | calls | per new user |");
    println!("|---|---|---|");
    let mut total = 0;
    for (endpoint, calls) in &per_user.calls {
        total += calls;
        println!(
            "| {endpoint} | {calls} | {:.3} |",
            *calls as f64 / per_user.users as f64
        );
    }
    println!(
        "| all | {total} | {:.3} |",
        total as f64 / per_user.users as f64
    );
}

/// Requests by endpoint (ids replaced by `{id}`), for a run that created `users` users.
struct PerEndpoint {
    calls: std::collections::BTreeMap<String, usize>,
    users: usize,
}

fn per_endpoint(log: &[genesys_emulator::RequestLogEntry], users: usize) -> PerEndpoint {
    let mut calls = std::collections::BTreeMap::new();
    for r in log {
        let path: Vec<&str> = r
            .path
            .split('/')
            .map(|seg| {
                let uuid = seg.len() >= 32 && seg.chars().filter(|c| *c == '-').count() == 4;
                if uuid { "{id}" } else { seg }
            })
            .collect();
        let mut endpoint = path.join("/");
        if endpoint.starts_with("/api/v2/users/externalid/") {
            endpoint = "/api/v2/users/externalid/{authority}/{key}".into();
        }
        *calls.entry(format!("{} {endpoint}", r.method)).or_insert(0) += 1;
    }
    PerEndpoint { calls, users }
}
