//! Saved plans and the one read per run: `exsync plan --out` writes the plan with what it was made
//! against; `exsync apply PLAN` applies exactly it, or refuses it when the id map or a planned
//! object changed since, naming what changed; `exsync apply --config --mapping` reads the org once.

use std::path::Path;

use genesys_emulator::RequestLogEntry;

use super::helpers::{Emulator, Run, example, examples, exsync};

async fn run(emulator: &Emulator, state: &Path, args: &[&str]) -> Run {
    exsync(args, &emulator.env_with_state(state), &examples()).await
}

async fn plan_out(emulator: &Emulator, state: &Path, config: &str, out: &Path) -> Run {
    let out = out.display().to_string();
    let config = example(config);
    let mapping = example("mapping.json");
    let args = [
        "plan",
        "--config",
        &config,
        "--mapping",
        &mapping,
        "--out",
        &out,
    ];
    run(emulator, state, &args).await
}

async fn apply_documents(emulator: &Emulator, state: &Path, config: &str) -> Run {
    let config = example(config);
    let mapping = example("mapping.json");
    let args = ["apply", "--config", &config, "--mapping", &mapping, "--yes"];
    run(emulator, state, &args).await
}

async fn apply_saved(emulator: &Emulator, state: &Path, plan: &Path) -> Run {
    let plan = plan.display().to_string();
    run(emulator, state, &["apply", &plan, "--yes"]).await
}

fn writes(requests: &[RequestLogEntry]) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r.method != "GET" && !r.path.starts_with("/oauth"))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn lookups(requests: &[RequestLogEntry]) -> usize {
    requests
        .iter()
        .filter(|r| r.path.starts_with("/api/v2/users/externalid/"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_plan_applies_exactly_what_was_reviewed() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("plan.json");

    let planned = plan_out(&emulator, state.path(), "config/initial.json", &file).await;
    assert_eq!(
        planned.code,
        Some(0),
        "{}{}",
        planned.stdout,
        planned.stderr
    );
    assert!(
        writes(&emulator.handle.requests()).is_empty(),
        "planning writes nothing"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["schema"], "exsync.plan/v1");
    assert_eq!(saved["snapshotDigest"].as_str().map(str::len), Some(64));
    let planned_changes = saved["plan"]["changes"].as_array().unwrap().len();
    emulator.handle.clear_requests();

    let applied = apply_saved(&emulator, state.path(), &file).await;

    assert_eq!(
        applied.code,
        Some(0),
        "{}{}",
        applied.stdout,
        applied.stderr
    );
    assert!(
        applied
            .stdout
            .contains(&format!("Plan: {planned_changes} changes")),
        "the plan shown is the plan saved:\n{}",
        applied.stdout
    );
    assert!(applied.stdout.contains("· failed 0"), "{}", applied.stdout);
    assert_eq!(
        lookups(&emulator.handle.requests()),
        0,
        "applying a saved plan looks nobody up again"
    );
    let again = run(
        &emulator,
        state.path(),
        &[
            "plan",
            "--config",
            &example("config/initial.json"),
            "--mapping",
            &example("mapping.json"),
        ],
    )
    .await;
    assert!(
        again.stdout.starts_with("Nothing to change"),
        "{}",
        again.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_made_stale_by_another_sync_is_refused_naming_what_changed() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("plan.json");
    let first = apply_documents(&emulator, state.path(), "config/initial.json").await;
    assert_eq!(first.code, Some(0), "{}{}", first.stdout, first.stderr);
    let planned = plan_out(&emulator, state.path(), "config/changed.json", &file).await;
    assert_eq!(
        planned.code,
        Some(0),
        "{}{}",
        planned.stdout,
        planned.stderr
    );
    // another run applies the same change first: the id map and the planned users change
    let other = apply_documents(&emulator, state.path(), "config/changed.json").await;
    assert_eq!(other.code, Some(0), "{}{}", other.stdout, other.stderr);
    emulator.handle.clear_requests();

    let refused = apply_saved(&emulator, state.path(), &file).await;

    assert_eq!(
        refused.code,
        Some(1),
        "{}{}",
        refused.stdout,
        refused.stderr
    );
    assert!(
        refused.stdout.contains("is stale; nothing was applied"),
        "{}",
        refused.stdout
    );
    assert!(
        refused
            .stdout
            .contains("idmap.json: changed since the plan"),
        "{}",
        refused.stdout
    );
    assert!(
        refused
            .stdout
            .lines()
            .any(|l| l.trim_start().starts_with("users ") && l.contains("changed since the plan")),
        "a planned user that changed is named:\n{}",
        refused.stdout
    );
    assert_eq!(
        writes(&emulator.handle.requests()),
        Vec::<String>::new(),
        "a stale plan writes nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_plan_file_is_refused() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("plan.json");
    let planned = plan_out(&emulator, state.path(), "config/initial.json", &file).await;
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let edited = saved["snapshot"].as_str().unwrap().replace("Lena", "Lina");
    saved["snapshot"] = edited.into();
    std::fs::write(&file, saved.to_string()).unwrap();

    let refused = apply_saved(&emulator, state.path(), &file).await;

    assert_eq!(refused.code, Some(1), "{}", refused.stdout);
    assert!(
        refused.stderr.contains("does not match snapshotDigest"),
        "{}",
        refused.stderr
    );
    assert!(writes(&emulator.handle.requests()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_reads_the_org_once_and_looks_up_no_user_genesys_cannot_have() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("config/initial.json")).unwrap())
            .unwrap();
    let users = snapshot["users"].as_array().unwrap().len();

    let applied = apply_documents(&emulator, state.path(), "config/initial.json").await;

    assert_eq!(
        applied.code,
        Some(0),
        "{}{}",
        applied.stdout,
        applied.stderr
    );
    let requests = emulator.handle.requests();
    let first_pages = requests
        .iter()
        .filter(|r| r.method == "GET" && r.path == "/api/v2/users")
        .filter(|r| {
            r.query.as_deref().is_none_or(|q| {
                !q.contains("pageNumber=")
                    || q.contains("pageNumber=1&")
                    || q.ends_with("pageNumber=1")
            })
        })
        .count();
    assert_eq!(first_pages, 1, "the user listing is read once per run");
    assert!(users > 0);
    assert_eq!(
        lookups(&requests),
        0,
        "no Genesys user has these emails and no run began creating them: nobody is looked up"
    );
}
