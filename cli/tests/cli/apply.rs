//! `exsync apply` against a running emulator: applies with `--yes`, refuses to guess without
//! it, and exits non-zero when changes fail.

use genesys_emulator::{Faults, ScriptedFault};

use super::helpers::{Emulator, example, examples, exsync};

fn apply_args(yes: bool) -> Vec<String> {
    let mut args: Vec<String> = [
        "apply",
        "--config",
        &example("config/initial.json"),
        "--mapping",
        &example("mapping.json"),
    ]
    .map(str::to_owned)
    .to_vec();
    if yes {
        args.push("--yes".into());
    }
    args
}

async fn apply(emulator: &Emulator, state: &std::path::Path, yes: bool) -> super::helpers::Run {
    let args = apply_args(yes);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    exsync(&args, &emulator.env_with_state(state), &examples()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_yes_applies_reports_and_a_second_apply_has_nothing_to_do() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();

    let first = apply(&emulator, state.path(), true).await;
    let second = apply(&emulator, state.path(), true).await;

    assert_eq!(first.code, Some(0), "{}{}", first.stdout, first.stderr);
    assert!(
        first.stdout.contains("· failed 0 · skipped 0"),
        "{}",
        first.stdout
    );
    assert!(
        first
            .stdout
            .contains("report stored as reports/config-sync/"),
        "{}",
        first.stdout
    );
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(
        second.stdout.starts_with("Nothing to change"),
        "{}",
        second.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_without_yes_and_without_a_terminal_applies_nothing() {
    let emulator = Emulator::start().await;
    let state = tempfile::tempdir().unwrap();

    let run = apply(&emulator, state.path(), false).await;

    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("not applying without --yes"),
        "{}",
        run.stderr
    );
    let created = emulator
        .handle
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/api/v2/users"))
        .count();
    assert_eq!(created, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_changes_are_listed_and_exit_non_zero() {
    let emulator = Emulator::start().await;
    emulator.handle.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: "/api/v2/users".into(),
            times: 1,
            status: Some(400),
            delay_ms: 0,
        }],
        ..Faults::default()
    });
    let state = tempfile::tempdir().unwrap();

    let run = apply(&emulator, state.path(), true).await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let header = run
        .stdout
        .lines()
        .find(|l| l.contains("FAILED"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(header.contains("ERROR"), "{header}");
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("createUser") && l.contains("400")),
        "{}",
        run.stdout
    );
}
