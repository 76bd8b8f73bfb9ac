//! Interactions benchmark: Genesys calls per interaction and per 1,000 interactions (counted
//! against the emulator, machine-independent), then the conversion's CPU time per interaction
//! (criterion).
//!
//! Run: `cargo bench -p interactions --bench interactions`
//! (`-- --quick` for a shorter criterion run).

#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is a failed run

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use exsync::deadline::Deadline;
use exsync::external::parse_interaction;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::load_idmap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::interactions::{
    ConvertOptions, InteractionSettings, QueueMessage, References, convert, steps,
    sync_interactions,
};
use exsync::sync::{Mode, config_sync};
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use serde_json::Value;

const SHAPES: [&str; 6] = [
    "01-inbound",
    "02-hold",
    "03-blind-transfer",
    "04-consult-transfer",
    "05-abandoned",
    "06-outbound",
];

fn example(name: &str) -> String {
    let path = examples::dir().join(format!("interactions/{name}.json"));
    std::fs::read_to_string(path).unwrap()
}

/// `n` interactions cycling through `shapes`, each with its own id.
fn interactions(shapes: &[&str], n: usize, tag: &str) -> Vec<QueueMessage> {
    let shapes: Vec<Value> = shapes
        .iter()
        .map(|s| serde_json::from_str(&example(s)).unwrap())
        .collect();
    (0..n)
        .map(|i| {
            let mut record = shapes[i % shapes.len()].clone();
            record["interactionId"] = format!("bench-{tag}-{i:05}").into();
            QueueMessage {
                message_id: format!("m-{tag}-{i}"),
                body: record.to_string(),
            }
        })
        .collect()
}

struct World {
    genesys: Genesys,
    store: StateStore,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let genesys = Genesys::start().await;
    let store = StateStore::Dir(DirStore::new(dir.path().join("state")));
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
    let desired = Desired {
        snapshot: &snapshot,
        mapping: &mapping,
    };
    let options = ApplyOptions::default();
    config_sync(
        &genesys.client,
        &store,
        desired,
        "bench",
        Mode::Apply,
        &options,
        Deadline::none(),
    )
    .await
    .unwrap();
    World {
        genesys,
        store,
        _dir: dir,
    }
}

/// Sends `messages` in SQS batches of `batch` and returns (calls, events, applied).
async fn send(
    w: &World,
    messages: &[QueueMessage],
    batch: usize,
    routing: bool,
) -> (usize, usize, usize) {
    let mut settings = InteractionSettings::default();
    settings.convert.routing_status = routing;
    let (mut calls, mut events, mut applied) = (0, 0, 0);
    for chunk in messages.chunks(batch) {
        let o = sync_interactions(
            &w.genesys.client,
            &w.store,
            &settings,
            chunk,
            Deadline::none(),
        )
        .await
        .unwrap();
        calls += o.conversation_calls + o.routing_status_calls;
        events += o.events_sent + o.routing_status_events_sent;
        applied += o.applied;
    }
    (calls, events, applied)
}

fn calls_table() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let w = world().await;
        println!("\nGenesys calls per interaction (sent alone, one SQS message per invocation)");
        println!(
            "{:<22} {:>6} {:>6} {:>6}",
            "shape", "events", "steps", "calls"
        );
        for shape in SHAPES {
            let message = interactions(&[shape], 1, shape);
            let (calls, events, _) = send(&w, &message, 1, false).await;
            let idmap: IdMap = load_idmap(&w.store).await.unwrap().0;
            let refs = References::new(&idmap).unwrap();
            let record = parse_interaction(&message[0].body).unwrap();
            let conversion = convert(&record, &refs, &ConvertOptions::default()).unwrap();
            let step_count = steps(&conversion.events).len();
            println!("{shape:<22} {events:>6} {step_count:>6} {calls:>6}");
        }
        println!("\nGenesys calls per 1,000 interactions (the six shapes in turn)");
        println!(
            "{:<44} {:>7} {:>8} {:>10} {:>8}",
            "SQS batch size", "calls", "events", "events/call", "applied"
        );
        for (batch, routing) in [(1, false), (10, false), (100, false), (10, true)] {
            let tag = format!("b{batch}{}", if routing { "r" } else { "" });
            let messages = interactions(&SHAPES, 1_000, &tag);
            let (calls, events, applied) = send(&w, &messages, batch, routing).await;
            let label = format!(
                "{batch} per invocation{}",
                if routing { " + routing status" } else { "" }
            );
            let per_call = events as f64 / calls.max(1) as f64;
            println!("{label:<44} {calls:>7} {events:>8} {per_call:>10.1} {applied:>8}");
        }
        println!();
    });
}

fn conversion(c: &mut Criterion) {
    // the golden tests' id map, from the exsync crate's fixtures in this repository
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = repo.ancestors().nth(2).unwrap_or(&repo);
    let path = repo.join("shared/tests/fixtures/interactions/idmap.json");
    let idmap: IdMap = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let refs = References::new(&idmap).unwrap();
    let options = ConvertOptions::default();
    let mut group = c.benchmark_group("convert");
    for shape in SHAPES {
        let text = example(shape);
        let record = parse_interaction(&text).unwrap();
        group.bench_function(format!("{shape}/convert+steps"), |b| {
            b.iter(|| {
                let conversion = convert(black_box(&record), &refs, &options).unwrap();
                black_box(steps(&conversion.events));
            });
        });
        group.bench_function(format!("{shape}/parse+convert+steps"), |b| {
            b.iter(|| {
                let record = parse_interaction(black_box(&text)).unwrap();
                let conversion = convert(&record, &refs, &options).unwrap();
                black_box(steps(&conversion.events));
            });
        });
    }
    group.finish();
}

fn main() {
    calls_table();
    let mut criterion = Criterion::default().configure_from_args();
    conversion(&mut criterion);
    criterion.final_summary();
}
