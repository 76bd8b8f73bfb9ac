//! Requests per second the emulator serves on loopback, for the two loads exsync puts on it:
//! `GET /api/v2/users?pageSize=100` over 150 seeded users, and a presence-events batch of 100.
//! Bounded loops (a fixed number of requests per row), loopback only; prints a table.
//! Run: `cargo bench -p genesys-emulator --bench emulator_bench`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use genesys_emulator::{EmulatorConfig, start};
use serde_json::{Value, json};

const USERS: usize = 150;
const CONCURRENCY: usize = 4;

struct Target {
    base: String,
    token: String,
    source: String,
    users: Vec<String>,
    available: String,
}

async fn prepare(check_responses: bool) -> (Target, genesys_emulator::EmulatorHandle) {
    let config = EmulatorConfig {
        check_responses,
        ..EmulatorConfig::default()
    };
    let (base, handle) = start(config).await.unwrap();
    let users: Vec<Value> = (0..USERS)
        .map(|i| json!({"id": uuid::Uuid::new_v4().to_string(), "name": format!("Agent {i:03}"), "email": format!("agent{i}@bench.io"),
                        "profile": {"department": "Support", "title": "Agent"}}))
        .collect();
    let source = uuid::Uuid::new_v4().to_string();
    handle
        .seed(json!({"users": users, "presenceSources": [{"id": source, "name": "Bench"}]}))
        .unwrap();
    let http = reqwest::Client::new();
    let reply: Value = http
        .post(format!("{base}/oauth/token"))
        .basic_auth("exsync-emulator", Some("emulator-secret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let definitions: Value = http
        .get(format!("{base}/api/v2/presence/definitions"))
        .bearer_auth(reply["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let available = definitions["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["systemPresence"] == "Available")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let target = Target {
        base,
        token: reply["access_token"].as_str().unwrap().to_owned(),
        source,
        users: users
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_owned())
            .collect(),
        available,
    };
    (target, handle)
}

fn presence_batch(target: &Target, batch: usize) -> Value {
    let events: Vec<Value> = (0..100)
        .map(|i| {
            let seconds = batch * 100 + i;
            json!({"eventId": uuid::Uuid::new_v4().to_string(),
                   "eventDateTime": format!("2026-01-01T{:02}:{:02}:{:02}Z", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60),
                   "userId": target.users[(batch * 100 + i) % target.users.len()], "sourceId": target.source,
                   "presenceDefinitionId": target.available})
        })
        .collect();
    json!({"userPresenceEvents": events})
}

/// Sends `total` requests, `CONCURRENCY` at a time; returns (elapsed, failures).
/// A request fails when its status is not 2xx or, for event batches, any event was refused.
async fn drive(
    total: usize,
    make: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync>,
) -> (Duration, usize) {
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..CONCURRENCY {
        let make = make.clone();
        workers.push(tokio::spawn(async move {
            let mut failures = 0;
            let mut i = worker;
            while i < total {
                let response = make(i).send().await.unwrap();
                let ok = response.status().is_success();
                let body = response.bytes().await.unwrap();
                let refused =
                    body.starts_with(b"{\"errors\":") && body.as_ref() != b"{\"errors\":[]}";
                if !ok || body.is_empty() || refused {
                    failures += 1;
                }
                i += CONCURRENCY;
            }
            failures
        }));
    }
    let mut failures = 0;
    for worker in workers {
        failures += worker.await.unwrap();
    }
    (started.elapsed(), failures)
}

async fn row(label: &str, check: bool, requests: usize, events: bool) {
    let (target, handle) = prepare(check).await;
    let http = reqwest::Client::new();
    let target = Arc::new(target);
    let batches: Arc<Vec<Value>> = Arc::new(
        (0..requests + 20)
            .map(|b| {
                if events {
                    presence_batch(&target, b)
                } else {
                    Value::Null
                }
            })
            .collect(),
    );
    let make: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync> = {
        let (http, target, batches) = (http.clone(), target.clone(), batches.clone());
        Arc::new(move |i| {
            if events {
                http.post(format!("{}/api/v2/events/users/presence", target.base))
                    .bearer_auth(&target.token)
                    .json(&batches[i])
            } else {
                http.get(format!(
                    "{}/api/v2/users?pageSize=100&pageNumber={}",
                    target.base,
                    1 + i % 2
                ))
                .bearer_auth(&target.token)
            }
        })
    };
    drive(20, make.clone()).await;
    let shifted: Arc<dyn Fn(usize) -> reqwest::RequestBuilder + Send + Sync> =
        Arc::new(move |i| make(i + 20));
    let (elapsed, failures) = drive(requests, shifted).await;
    let rps = requests as f64 / elapsed.as_secs_f64();
    let per_event = if events {
        format!("{:>10.0}", rps * 100.0)
    } else {
        format!("{:>10}", "-")
    };
    println!(
        "| {label:<46} | {:<6} | {requests:>6} | {:>8.2} | {rps:>8.0} | {per_event} | {:>6.2} | {failures:>4} |",
        if check { "on" } else { "off" },
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 * CONCURRENCY as f64 / requests as f64,
    );
    handle.shutdown().await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!("loopback, {CONCURRENCY} concurrent clients, {USERS} seeded users");
    println!(
        "| {:<46} | {:<6} | {:>6} | {:>8} | {:>8} | {:>10} | {:>6} | {:>4} |",
        "load", "check", "reqs", "secs", "req/s", "events/s", "ms/req", "fail"
    );
    println!(
        "|{:-<48}|{:-<8}|{:-<8}|{:-<10}|{:-<10}|{:-<12}|{:-<8}|{:-<6}|",
        "", "", "", "", "", "", "", ""
    );
    for check in [true, false] {
        row(
            "GET /api/v2/users?pageSize=100 (150 users)",
            check,
            2_000,
            false,
        )
        .await;
        row(
            "POST /api/v2/events/users/presence (100/batch)",
            check,
            500,
            true,
        )
        .await;
    }
}
