//! Genesys calls per batch, events per call, sustained events per minute under the request
//! budget, and the cold start of the real `agent-state` binary, all against a loopback emulator.
//! Prints a table.
//!
//! Run: `cargo bench -p agent-state --bench calls_and_cold_start`
//!
//! The cold start is measured from spawning the release binary (with a fake Lambda Runtime API
//! on loopback serving it one SQS FIFO batch of 10 events) to the runtime receiving its response:
//! process start, configuration, mapping read, first token, id map read (it carries the secondary
//! statuses' labels, as config sync writes it, so no presence definitions are read), two event
//! calls, record writes.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use exsync::deadline::Deadline;
use exsync::store::{DirStore, StateStore};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService, BatchOutcome, QueueKind};
use genesys_emulator::EmulatorConfig;
use integration_tests::genesys::{Genesys, test_client_options};
use tokio::sync::mpsc;

#[path = "support/workload.rs"]
mod workload;

const BUDGET_PER_MINUTE: f64 = 300.0;

fn mapping() -> exsync::mapping::MappingDocument {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/mapping.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    exsync::mapping::parse_mapping(&text).unwrap_or_else(|e| panic!("mapping: {e}"))
}

struct Measured {
    batches: usize,
    events: u64,
    genesys_events: u64,
    api_calls: usize,
}

async fn run_batches(
    genesys: &Genesys,
    service: &AgentStateService,
    batches: Vec<Vec<exsync::sync::agent_state::InboundMessage>>,
    kind: QueueKind,
) -> Measured {
    genesys.emulator.clear_requests();
    let mut measured = Measured {
        batches: batches.len(),
        events: 0,
        genesys_events: 0,
        api_calls: 0,
    };
    for batch in batches {
        let outcome: BatchOutcome = service
            .handle_batch(&batch, kind, Deadline::after(Duration::from_secs(60)))
            .await
            .unwrap_or_else(|e| panic!("batch: {e}"));
        assert!(outcome.retry_message_ids.is_empty(), "{:?}", outcome.counts);
        measured.events += outcome.counts.events_received;
        measured.genesys_events +=
            outcome.counts.presence_events_sent + outcome.counts.routing_status_events_sent;
    }
    measured.api_calls = genesys
        .emulator
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/v2"))
        .count();
    measured
}

fn row(name: &str, m: &Measured) {
    let calls_per_batch = m.api_calls as f64 / m.batches as f64;
    let events_per_batch = m.events as f64 / m.batches as f64;
    let per_minute = BUDGET_PER_MINUTE / calls_per_batch * events_per_batch;
    println!(
        "| {name} | {} | {:.2} | {:.1} | {:.1} | {:.0} |",
        m.batches,
        calls_per_batch,
        m.genesys_events as f64 / m.api_calls as f64,
        m.events as f64 / m.api_calls as f64,
        per_minute
    );
}

async fn calls() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = StateStore::Dir(DirStore::new(dir.path().to_owned()));
    let genesys = Genesys::start_with(EmulatorConfig::default(), test_client_options()).await;
    workload::seed_org(&genesys.emulator, &genesys.client, &store, 200).await;
    let service = AgentStateService::new(
        genesys.client.clone(),
        store,
        mapping(),
        AgentStateOptions::default(),
    );
    println!(
        "| workload | batches | Genesys calls per batch | Genesys events per call | input events per call | input events/min at 300 req/min |"
    );
    println!("|---|---|---|---|---|---|");
    // warm the function (definitions read, records written), then measure steady state
    let fifo = |round| {
        workload::messages(
            workload::events(200, 1, round, round as u64),
            true,
            round as u64,
        )
    };
    run_batches(
        &genesys,
        &service,
        fifo(0).chunks(10).map(<[_]>::to_vec).collect(),
        QueueKind::Fifo,
    )
    .await;
    let batches: Vec<_> = (1..4)
        .flat_map(|r| fifo(r).chunks(10).map(<[_]>::to_vec).collect::<Vec<_>>())
        .collect();
    row(
        "FIFO, 10 events per batch",
        &run_batches(&genesys, &service, batches, QueueKind::Fifo).await,
    );
    let standard = |round| {
        workload::messages(
            workload::events(200, 5, round, 100 + round as u64),
            false,
            round as u64,
        )
    };
    run_batches(&genesys, &service, vec![standard(4)], QueueKind::Standard).await;
    let batches = (5..10).map(standard).collect();
    row(
        "standard, 1,000 events from 200 agents",
        &run_batches(&genesys, &service, batches, QueueKind::Standard).await,
    );
}

/// The fake Lambda Runtime API: serves one invocation, then holds further polls.
#[derive(Clone)]
struct Runtime {
    event: Arc<Mutex<Option<String>>>,
    done: mpsc::UnboundedSender<(Instant, String)>,
}

async fn next(State(rt): State<Runtime>) -> (HeaderMap, String) {
    let event = rt.event.lock().ok().and_then(|mut e| e.take());
    let Some(event) = event else {
        std::future::pending::<()>().await;
        return (HeaderMap::new(), String::new());
    };
    let mut headers = HeaderMap::new();
    let deadline = chrono::Utc::now().timestamp_millis() + 30_000;
    headers.insert(
        "lambda-runtime-aws-request-id",
        "req-1".parse().unwrap_or_else(|_| unreachable!()),
    );
    headers.insert(
        "lambda-runtime-deadline-ms",
        deadline
            .to_string()
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    );
    headers.insert(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:eu-central-1:123456789012:function:agent-state"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    );
    (headers, event)
}

async fn response(State(rt): State<Runtime>, body: String) {
    let _ = rt.done.send((Instant::now(), body));
}

async fn cold_start(rate_per_minute: Option<&str>) -> Vec<(Duration, u64)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let state = dir.path().join("state");
    let store = StateStore::Dir(DirStore::new(state.clone()));
    let config = EmulatorConfig::default();
    let (id, secret) = (config.client_id.clone(), config.client_secret.clone());
    let genesys = Genesys::start_with(config, test_client_options()).await;
    workload::seed_org(&genesys.emulator, &genesys.client, &store, 200).await;
    let base = genesys.client.api_base().to_string();
    let mapping = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/mapping.json");
    let mut samples = Vec::new();
    for round in 0..7 {
        let events = workload::events(10, 1, round, round as u64);
        let records: Vec<serde_json::Value> = events
            .iter()
            .enumerate()
            .map(|(i, e)| serde_json::json!({
                "messageId": format!("cold-{round}-{i}"), "receiptHandle": "rh", "body": e.to_string(),
                "attributes": {"MessageGroupId": e["agentId"], "SentTimestamp": "1795507200000"},
                "messageAttributes": {}, "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:agent-state.fifo", "awsRegion": "eu-central-1"
            }))
            .collect();
        let (tx, mut rx) = mpsc::unbounded_channel();
        let runtime = Runtime {
            event: Arc::new(Mutex::new(Some(
                serde_json::json!({ "Records": records }).to_string(),
            ))),
            done: tx,
        };
        let app = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route(
                "/2018-06-01/runtime/invocation/{id}/response",
                post(response),
            )
            .route("/2018-06-01/runtime/invocation/{id}/error", post(response))
            .route("/2018-06-01/runtime/init/error", post(response))
            .with_state(runtime);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr: SocketAddr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let started = Instant::now();
        let mut command = Command::new(env!("CARGO_BIN_EXE_agent-state"));
        command.env_clear();
        if let Some(rate) = rate_per_minute {
            command.env("GENESYS_RATE_PER_MINUTE", rate);
        }
        let mut child: Child = command
            .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "agent-state")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("GENESYS_API_BASE", &base)
            .env("GENESYS_LOGIN_BASE", &base)
            .env("GENESYS_CLIENT_ID", &id)
            .env("GENESYS_CLIENT_SECRET", &secret)
            .env("EXSYNC_STATE_URL", format!("file://{}", state.display()))
            .env("EXSYNC_MAPPING_URL", format!("file://{mapping}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn agent-state: {e}"));
        let answered = tokio::time::timeout(Duration::from_secs(30), rx.recv()).await;
        // the process's peak resident set so far: it has answered and is waiting for the next event
        let peak_kib = peak_kib(child.id());
        let _ = child.kill();
        let _ = child.wait();
        server.abort();
        let Ok(Some((at, body))) = answered else {
            panic!("the function did not answer within 30 s");
        };
        assert!(
            body.contains("batchItemFailures") && !body.contains("itemIdentifier"),
            "{body}"
        );
        samples.push((at.duration_since(started), peak_kib));
    }
    samples
}

/// `VmHWM` of a live process, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn cold_row(name: &str, samples: &[(Duration, u64)]) {
    let mut times: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    let mut peaks: Vec<u64> = samples.iter().map(|s| s.1).collect();
    times.sort();
    peaks.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {name} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} MiB |",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        peaks[peaks.len() / 2] as f64 / 1024.0
    );
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    calls().await;
    println!();
    println!(
        "| cold start: process spawn → first batch of 10 events answered | runs | min | median | max | peak RSS (median) |"
    );
    println!("|---|---|---|---|---|---|");
    cold_row(
        "default budget (300/min, GENESYS_RATE_BURST 5: the first calls go out at once)",
        &cold_start(None).await,
    );
    cold_row(
        "budget out of the way (GENESYS_RATE_PER_MINUTE=600000)",
        &cold_start(Some("600000")).await,
    );
}
