//! The config-sync handler end to end: real EventBridge and S3 event payloads from
//! `tests/fixtures/events/`, the emulator as Genesys, a directory store or moto S3 as the state
//! store.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use config_sync::{Context, Deps, LambdaEvent, RunStatus, Settings, SyncResponse, handler};
use exsync::config::Location;
use exsync::store::IdMap;
use exsync::store::{DirStore, S3Store, StateStore};
use exsync::sync::Documents;
use genesys_emulator::{Faults, ScriptedFault};
use integration_tests::MotoServer;
use integration_tests::genesys::Genesys;
use serde_json::Value;

const INBOUND: &str = "exsync-inbound-123456789012";
const DROPPED_KEY: &str = "config/daily export + changes 2026-11-24.json";

/// The repository root (works from `functions/config-sync/` and from `tests/`).
fn repo() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("examples/mapping.json").is_file())
        .expect("the repository root above CARGO_MANIFEST_DIR")
        .to_path_buf()
}

fn event(name: &str) -> Value {
    let path = repo().join("tests/fixtures/events").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn example(rel: &str) -> Location {
    Location::File(repo().join("examples").join(rel).canonicalize().unwrap())
}

fn invocation(payload: Value) -> LambdaEvent<Value> {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let mut context = Context::default();
    context.request_id = "test-request".into();
    context.deadline = now_ms + 120_000;
    LambdaEvent::new(payload, context)
}

/// An S3 client for deps that never touch S3.
fn unused_s3() -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(aws_sdk_s3::Config::builder().build())
}

struct Local {
    genesys: Genesys,
    deps: Deps,
    dir: tempfile::TempDir,
}

/// Emulator + directory store + example files, snapshot `snapshot` for schedules.
async fn local(snapshot: Option<Location>) -> Local {
    let genesys = Genesys::start().await;
    let dir = tempfile::tempdir().unwrap();
    let deps = Deps {
        client: genesys.client.clone(),
        store: StateStore::Dir(DirStore::new(dir.path().join("state"))),
        documents: Documents::new(unused_s3()),
        connect: None,
        settings: Settings::new(example("mapping.json"), snapshot.map(Into::into)),
    };
    Local { genesys, deps, dir }
}

async fn stored_idmap(store: &StateStore) -> IdMap {
    store
        .get_json::<IdMap>("idmap.json")
        .await
        .unwrap()
        .unwrap()
        .0
}

#[tokio::test]
async fn scheduled_event_reconciles_against_the_configured_snapshot() {
    let world = local(Some(example("config/initial.json"))).await;

    let response = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();

    assert_eq!(response.runs.len(), 1);
    let run = &response.runs[0];
    assert_eq!(run.trigger, "schedule");
    assert_eq!(run.status, RunStatus::Applied, "{run:#?}");
    assert_eq!(run.counts.failed, 0);
    assert!(run.counts.applied > 100, "{:?}", run.counts);
    assert_eq!(stored_idmap(&world.deps.store).await.tables.users.len(), 60);
    let stored = world.deps.store.get(&run.report_key).await.unwrap();
    assert!(stored.is_some(), "no report at {}", run.report_key);
}

#[tokio::test]
async fn second_scheduled_run_is_unchanged_and_writes_nothing_to_genesys() {
    let world = local(Some(example("config/initial.json"))).await;
    handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();
    world.genesys.emulator.clear_requests();

    let response = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();

    assert_eq!(response.runs[0].status, RunStatus::Unchanged);
    assert_eq!(world.genesys.writes(), vec![]);
}

#[tokio::test]
async fn s3_drop_with_space_and_plus_in_its_key_syncs_that_snapshot_from_s3() {
    let moto = MotoServer::start();
    let s3 = moto.bucket(INBOUND).await;
    moto.bucket("exsync-state").await;
    let put = |key: &str, path: PathBuf| {
        let s3 = s3.clone();
        let key = key.to_owned();
        async move {
            let body = std::fs::read(path).unwrap();
            s3.put_object()
                .bucket(INBOUND)
                .key(key)
                .body(body.into())
                .send()
                .await
                .unwrap();
        }
    };
    put("mapping/mapping.json", repo().join("examples/mapping.json")).await;
    put(DROPPED_KEY, repo().join("examples/config/initial.json")).await;
    let genesys = Genesys::start().await;
    let store = StateStore::S3(S3Store::new(
        s3.clone(),
        "exsync-state".into(),
        "state".into(),
    ));
    let mapping = Location::parse(&format!("s3://{INBOUND}/mapping/mapping.json")).unwrap();
    let deps = Deps {
        client: genesys.client.clone(),
        store: store.clone(),
        documents: Documents::new(s3.clone()),
        connect: None,
        settings: Settings::new(mapping, None),
    };

    let first = handler(&deps, invocation(event("config-sync-s3-put.json")))
        .await
        .unwrap();
    put(DROPPED_KEY, repo().join("examples/config/changed.json")).await;
    let second = handler(&deps, invocation(event("config-sync-s3-put.json")))
        .await
        .unwrap();

    assert_eq!(first.runs.len(), 1);
    assert_eq!(
        first.runs[0].trigger,
        format!("s3://{INBOUND}/{DROPPED_KEY}")
    );
    assert_eq!(
        first.runs[0].status,
        RunStatus::Applied,
        "{:#?}",
        first.runs[0]
    );
    let summary = &second.runs[0].plan_summary;
    assert_eq!(summary.get("Users.deactivateUser"), Some(&1), "{summary:?}");
    assert_eq!(summary.get("Users.createUser"), Some(&1), "{summary:?}");
    assert_eq!(second.runs[0].status, RunStatus::Applied);
    let idmap = stored_idmap(&store).await;
    assert!(
        idmap.tables.users.contains_key("agent-1060"),
        "the new hire is mapped"
    );
    let report = store.get(&second.runs[0].report_key).await.unwrap();
    assert!(report.is_some(), "report stored in the S3 state store");
}

#[tokio::test]
async fn s3_object_that_is_not_a_snapshot_is_ignored_without_calling_genesys() {
    let world = local(None).await;

    let response = handler(
        &world.deps,
        invocation(event("config-sync-s3-other-prefix.json")),
    )
    .await
    .unwrap();

    assert_eq!(
        response,
        SyncResponse {
            runs: vec![],
            ignored: response.ignored.clone()
        }
    );
    assert_eq!(response.ignored.len(), 1);
    assert_eq!(response.ignored[0].reason, "not a .json file");
    assert!(world.genesys.emulator.requests().is_empty());
}

#[tokio::test]
async fn unknown_event_shape_fails_with_a_clear_error_and_calls_nothing() {
    let world = local(Some(example("config/initial.json"))).await;

    let error = handler(&world.deps, invocation(event("sqs-message.json")))
        .await
        .unwrap_err();

    let diagnostic = lambda_diagnostic(error);
    assert_eq!(diagnostic.0, "UnrecognisedEvent");
    assert!(diagnostic.1.contains("aws:sqs"), "{}", diagnostic.1);
    assert!(
        diagnostic.1.contains("\"Scheduled Event\""),
        "{}",
        diagnostic.1
    );
    assert!(world.genesys.emulator.requests().is_empty());
}

fn lambda_diagnostic(error: config_sync::HandlerError) -> (String, String) {
    let diagnostic = config_sync::Diagnostic::from(error);
    (diagnostic.error_type, diagnostic.error_message)
}

#[tokio::test]
async fn a_document_that_is_not_a_snapshot_fails_the_invocation_naming_the_field() {
    let world = local(None).await;
    let mut snapshot: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("examples/config/initial.json")).unwrap(),
    )
    .unwrap();
    // per-object problems are held back (see the partial-run test); a collection that is not a
    // list makes the document no snapshot at all
    snapshot["users"] = "everyone".into();
    let path = world.dir.path().join("broken.json");
    std::fs::write(&path, serde_json::to_vec(&snapshot).unwrap()).unwrap();
    let mut deps = world.deps.clone();
    deps.settings.snapshot = Some(Location::File(path).into());

    let error = handler(&deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap_err();

    assert!(!error.is_retryable());
    let (error_type, message) = lambda_diagnostic(error);
    assert_eq!(error_type, "InvalidInput");
    assert!(message.contains("config: users"), "{message}");
    assert_eq!(world.genesys.writes(), vec![]);
}

#[tokio::test]
async fn schedule_without_a_snapshot_location_is_a_configuration_error() {
    let world = local(None).await;

    let error = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap_err();

    assert_eq!(error.error_type(), "ConfigurationError");
    assert!(error.to_string().contains("EXSYNC_CONFIG_URL"));
}

fn refuse(method: &str, path: &str) -> ScriptedFault {
    ScriptedFault {
        method: Some(method.into()),
        path: path.into(),
        times: 10_000,
        status: Some(400),
        delay_ms: 0,
    }
}

#[tokio::test]
async fn partial_failure_succeeds_and_reports_the_failed_counts() {
    let world = local(Some(example("config/initial.json"))).await;
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![refuse("POST", "/api/v2/users")],
        ..Faults::default()
    });

    let response = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();

    let run = &response.runs[0];
    assert_eq!(run.status, RunStatus::Partial);
    assert!(run.counts.failed >= 60, "{:?}", run.counts);
    assert!(run.counts.applied > 0, "{:?}", run.counts);
    assert_eq!(run.failures.len(), 20);
    assert_eq!(run.more_failures, run.counts.failed - 20);
    assert!(
        run.failures[0].error.contains("400"),
        "{:?}",
        run.failures[0]
    );
}

#[tokio::test]
async fn every_change_failing_fails_the_invocation_so_it_is_retried() {
    let world = local(Some(example("config/initial.json"))).await;
    world.genesys.emulator.set_faults(Faults {
        scripted: ["POST", "PUT", "PATCH", "DELETE"]
            .into_iter()
            .map(|m| refuse(m, "/api/v2/*"))
            .collect(),
        ..Faults::default()
    });

    let error = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap_err();

    assert!(error.is_retryable());
    let (error_type, message) = lambda_diagnostic(error);
    assert_eq!(error_type, "AllChangesFailed");
    assert!(message.contains("reports/config-sync/"), "{message}");
}

/// Writes `value` as a file in `dir` and returns its location.
fn written(dir: &tempfile::TempDir, name: &str, value: &Value) -> Location {
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    Location::File(path)
}

fn example_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("examples").join(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_mapping_with_a_broken_agent_state_rule_still_syncs_configuration() {
    let mut world = local(Some(example("config/initial.json"))).await;
    let mut mapping = example_json("mapping.json");
    let rules = mapping["agentState"]["rules"].as_array_mut().unwrap();
    // an unknown secondary label (a cross-check problem) and a rule that can never be reached
    rules.push(serde_json::json!({"state": "NOT_READY", "reason": "Gym", "presence": {"secondary": "No Such Label"}, "routingStatus": "OffQueue"}));
    rules.push(serde_json::json!({"state": "*", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"}));
    mapping["scope"]["divisions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!("bu-not-in-the-snapshot"));
    world.deps.settings.mapping = written(&world.dir, "broken-agent-state.json", &mapping);

    let response = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();

    let run = &response.runs[0];
    assert_eq!(run.status, RunStatus::Applied, "{run:#?}");
    assert_eq!(stored_idmap(&world.deps.store).await.tables.users.len(), 60);
}

#[tokio::test]
async fn a_snapshot_with_one_invalid_user_syncs_the_rest_and_says_partial() {
    let mut world = local(None).await;
    let mut snapshot = example_json("config/initial.json");
    let bad = snapshot["users"][7]["id"].as_str().unwrap().to_owned();
    snapshot["users"][7]["email"] = serde_json::json!("no-at-sign");
    world.deps.settings.snapshot = Some(written(&world.dir, "one-invalid.json", &snapshot).into());

    let response = handler(&world.deps, invocation(event("config-sync-scheduled.json")))
        .await
        .unwrap();

    let run = &response.runs[0];
    assert_eq!(run.status, RunStatus::Partial, "{run:#?}");
    assert_eq!(run.counts.failed, 0);
    assert_eq!(run.skipped_total, 1, "{:#?}", run.skipped);
    assert!(run.skipped[0].object.contains(&bad), "{:#?}", run.skipped);
    assert!(
        run.skipped[0].reason.contains("email"),
        "{:#?}",
        run.skipped
    );
    let idmap = stored_idmap(&world.deps.store).await;
    assert_eq!(idmap.tables.users.len(), 59);
    assert!(!idmap.tables.users.contains_key(bad.as_str()));
}
