//! Config sync with a live Amazon Connect instance as its desired state
//! (`EXSYNC_CONFIG_URL=connect://<instance-id>`): the config-sync handler reads the loopback fake
//! of the Connect API through the SDK and creates the org in the Genesys emulator; a second run
//! writes nothing.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use config_sync::{Context, Deps, LambdaEvent, RunStatus, Settings, SyncResponse, handler};
use exsync::config::{Location, SnapshotSource};
use exsync::store::IdMap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::Documents;
use genesys_emulator::connect::{ConnectFakeConfig, InstanceSpec, Throttle, ThrottleKind};
use integration_tests::connect::FakeConnect;
use integration_tests::genesys::Genesys;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives in the workspace")
        .to_path_buf()
}

/// `examples/connect/mapping.json` with pacing for tests, written into `dir`.
fn mapping_in(dir: &Path) -> Location {
    let text = std::fs::read_to_string(repo().join("examples/connect/mapping.json")).unwrap();
    let mut mapping: Value = serde_json::from_str(&text).unwrap();
    mapping["connect"]["pacing"] =
        json!({"requestsPerSecond": 1000, "burst": 1000, "maxAttempts": 10});
    let path = dir.join("mapping.json");
    std::fs::write(&path, mapping.to_string()).unwrap();
    Location::File(path)
}

fn scheduled() -> LambdaEvent<Value> {
    let path = repo().join("tests/fixtures/events/config-sync-scheduled.json");
    let payload = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let mut context = Context::default();
    context.deadline = now_ms + 300_000;
    LambdaEvent::new(payload, context)
}

struct World {
    connect: FakeConnect,
    genesys: Genesys,
    deps: Deps,
    _dir: tempfile::TempDir,
}

/// 200 users (every 50th without email), 10 queues, 5 custom statuses; every 7th request of each
/// Connect operation throttled.
async fn world() -> World {
    let spec = InstanceSpec {
        without_email_every: Some(50),
        ..InstanceSpec::new(200, 10, 5)
    };
    let throttle = Throttle {
        every: Some(7),
        kind: ThrottleKind::TooManyRequestsException,
    };
    let config = ConnectFakeConfig {
        throttle,
        ..ConnectFakeConfig::default()
    };
    let connect = FakeConnect::start(spec, config).await;
    let genesys = Genesys::start().await;
    let dir = tempfile::tempdir().unwrap();
    let source = SnapshotSource::Connect(connect.instance.clone());
    let deps = Deps {
        client: genesys.client.clone(),
        store: StateStore::Dir(DirStore::new(dir.path().join("state"))),
        documents: Documents::new(aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::Config::builder().build(),
        )),
        connect: Some(connect.client.clone()),
        settings: Settings::new(mapping_in(dir.path()), Some(source)),
    };
    World {
        connect,
        genesys,
        deps,
        _dir: dir,
    }
}

async fn idmap(store: &StateStore) -> IdMap {
    store
        .get_json::<IdMap>("idmap.json")
        .await
        .unwrap()
        .unwrap()
        .0
}

fn members(genesys: &Genesys) -> usize {
    let state = genesys.emulator.state_json();
    state["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["members"].as_array().map_or(0, Vec::len))
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_sync_from_a_connect_instance_creates_the_org() {
    let world = world().await;

    let response: SyncResponse = handler(&world.deps, scheduled()).await.unwrap();

    let run = &response.runs[0];
    assert_eq!(run.trigger, "schedule");
    assert_eq!(run.counts.failed, 0, "{run:#?}");
    // the 4 users Connect has no email for are held back; everything else is applied
    assert_eq!(run.status, RunStatus::Partial, "{run:#?}");
    assert_eq!(run.skipped_total, 4, "{:#?}", run.skipped);
    assert!(
        run.skipped
            .iter()
            .all(|s| s.reason.contains("has no email")),
        "{:#?}",
        run.skipped
    );
    let tables = idmap(&world.deps.store).await.tables;
    assert_eq!(tables.users.len(), 196);
    assert_eq!(tables.queues.len(), 10);
    assert_eq!(tables.secondary_statuses.len(), 5);
    assert_eq!(tables.divisions.len(), 3);
    assert_eq!(tables.skills.len(), 4);
    assert_eq!(tables.languages.len(), 4);
    assert_eq!(
        members(&world.genesys),
        196 * 2,
        "two queues per routing profile"
    );
    assert!(
        world.connect.handle.throttled() > 0,
        "throttled requests were retried"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sync_from_the_same_instance_writes_nothing() {
    let world = world().await;
    handler(&world.deps, scheduled()).await.unwrap();
    world.genesys.emulator.clear_requests();

    let response = handler(&world.deps, scheduled()).await.unwrap();

    let run = &response.runs[0];
    assert_eq!(run.counts.applied, 0, "{run:#?}");
    assert_eq!(run.counts.failed, 0, "{run:#?}");
    assert_eq!(world.genesys.writes(), vec![]);
}
