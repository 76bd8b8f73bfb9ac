//! `exsync plan` against a running emulator: a table by default, the `Plan` with `--json`,
//! a clear error when the environment lacks the Genesys settings.

use exsync::reconcile::{Action, Plan};

use super::helpers::{Emulator, example, examples, exsync};

fn plan_args(json: bool) -> Vec<String> {
    let mut args: Vec<String> = [
        "plan",
        "--config",
        &example("config/initial.json"),
        "--mapping",
        &example("mapping.json"),
    ]
    .map(str::to_owned)
    .to_vec();
    if json {
        args.push("--json".into());
    }
    args
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_json_against_the_emulator_parses_as_a_plan_and_writes_nothing() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let args = plan_args(true);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let run = exsync(&args, &emulator.env_with_state(state.path()), &examples()).await;

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let plan: Plan = serde_json::from_str(&run.stdout).expect("stdout is a Plan");
    let creates = plan
        .changes
        .iter()
        .filter(|c| matches!(c.action, Action::CreateUser { .. }))
        .count();
    assert_eq!(creates, 60);
    let writes = emulator
        .handle
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET" && !r.path.starts_with("/oauth"))
        .count();
    assert_eq!(writes, 0, "plan must not change Genesys");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_prints_a_table_with_phase_type_id_action_changes_and_reason() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let args = plan_args(false);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let run = exsync(&args, &emulator.env_with_state(state.path()), &examples()).await;

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let header = run.stdout.lines().find(|l| l.contains("PHASE")).unwrap();
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        [
            "PHASE", "TYPE", "EXTERNAL", "ID", "ACTION", "CHANGES", "REASON"
        ]
    );
    assert!(
        run.stdout.lines().any(|l| l.contains("agent-1001")
            && l.contains("createUser")
            && l.contains("name: Lena Vogel")),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn plan_without_genesys_settings_names_the_missing_variable() {
    let args = plan_args(false);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let run = exsync(&args, &[], &examples()).await;

    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("GENESYS_REGION is not set"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_from_a_connect_instance_reads_it_through_the_aws_endpoint_and_prints_the_plan() {
    use genesys_emulator::connect::{ConnectFakeConfig, InstanceSpec};
    use integration_tests::connect::FakeConnect;

    let spec = InstanceSpec {
        without_email_every: Some(5),
        ..InstanceSpec::new(20, 4, 2)
    };
    let connect = FakeConnect::start(spec, ConnectFakeConfig::default()).await;
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();
    let mut mapping: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(examples().join("connect/mapping.json")).unwrap(),
    )
    .unwrap();
    mapping["connect"]["pacing"]["requestsPerSecond"] = 1000.into();
    let mapping_path = state.path().join("mapping.json");
    std::fs::write(&mapping_path, mapping.to_string()).unwrap();
    let mut env = emulator.env_with_state(&state.path().join("store"));
    for (name, value) in [
        ("AWS_ENDPOINT_URL_CONNECT", connect.endpoint.as_str()),
        ("AWS_REGION", "eu-central-1"),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ] {
        env.push((name.to_owned(), value.to_owned()));
    }
    let source = format!("connect://{}", connect.instance);
    let mapping_arg = mapping_path.display().to_string();

    let run = exsync(
        &[
            "plan",
            "--config",
            &source,
            "--mapping",
            &mapping_arg,
            "--json",
        ],
        &env,
        &examples(),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let plan: Plan = serde_json::from_str(&run.stdout).expect("stdout is a Plan");
    let creates = plan
        .changes
        .iter()
        .filter(|c| matches!(c.action, Action::CreateUser { .. }))
        .count();
    assert_eq!(creates, 16);
    // the users Connect has no email for are named, held back, and in the plan's skipped list
    assert!(
        run.stderr.contains("`agent0005` has no email"),
        "{}",
        run.stderr
    );
    assert_eq!(plan.skipped.len(), 4, "{:#?}", plan.skipped);
    assert!(
        connect.handle.requests().len() >= 20 * 2,
        "read through the fake"
    );
}
