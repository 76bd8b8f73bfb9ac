//! `exsync apply`'s progress: on a pseudo-terminal (util-linux `script`) a bar that ends at every
//! change of the plan with the failures counted; through pipes plain lines without terminal
//! control codes.

use std::path::Path;
use std::process::{Command, Stdio};

use genesys_emulator::{Faults, ScriptedFault};

use super::helpers::{Emulator, Run, example, examples, exsync};

/// One `POST /api/v2/users` fails with a 400, so that change and the ones needing the user fail.
fn one_failing_user_create(emulator: &Emulator) {
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
}

fn apply_args() -> Vec<String> {
    vec![
        "apply".into(),
        "--config".into(),
        example("config/initial.json"),
        "--mapping".into(),
        example("mapping.json"),
        "--yes".into(),
    ]
}

/// A word the shell takes literally.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Runs `exsync args…` inside a pseudo-terminal: stdin, stdout and stderr are all the terminal,
/// and everything it drew comes back as `stdout`.
async fn exsync_on_a_terminal(args: &[String], env: &[(String, String)], cwd: &Path) -> Run {
    let words = std::iter::once(env!("CARGO_BIN_EXE_exsync").to_owned())
        .chain(args.iter().cloned())
        .map(|w| quoted(&w))
        .collect::<Vec<_>>()
        .join(" ");
    // a pseudo-terminal without a window has no size; give it one a user would have
    let line = format!("stty cols 120 rows 40; exec {words}");
    let mut command = Command::new("script");
    command
        .args([
            "--quiet",
            "--flush",
            "--return",
            "--command",
            &line,
            "/dev/null",
        ])
        .env_clear()
        .envs(env.iter().cloned())
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm")
        .env("SHELL", "/bin/sh")
        .current_dir(cwd)
        .stdin(Stdio::null());
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("util-linux `script` is needed for a pseudo-terminal: {e}"));
    output.into()
}

/// The plan's size from the `Plan: N changes` heading.
fn planned(output: &str) -> usize {
    let at = output
        .find("Plan: ")
        .unwrap_or_else(|| panic!("no plan heading in {output}"));
    output[at + 6..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no plan size in {output}"))
}

/// The failed count of the report's `planned N · applied N · failed N` line.
fn reported_failed(output: &str) -> usize {
    let at = output
        .find("· failed ")
        .unwrap_or_else(|| panic!("no failed count in {output}"));
    output[at + "· failed ".len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no failed count in {output}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_apply_draws_a_bar_ending_at_every_change_with_the_failure_counted() {
    let emulator = Emulator::start().await;
    one_failing_user_create(&emulator);
    let state = tempfile::tempdir().unwrap();

    let run = exsync_on_a_terminal(
        &apply_args(),
        &emulator.env_with_state(state.path()),
        &examples(),
    )
    .await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let (n, failed) = (planned(&run.stdout), reported_failed(&run.stdout));
    assert!(n > 10 && failed >= 1, "{}", run.stdout);
    let end = format!("{n}/{n} changes, {failed} failed, waited ");
    assert!(run.stdout.contains(&end), "no {end:?} in {}", run.stdout);
    assert!(
        run.stdout.contains("  applying ["),
        "no bar in {}",
        run.stdout
    );
    assert!(
        run.stdout.contains('\u{1b}') || run.stdout.contains('\r'),
        "the bar is redrawn in place: {:?}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_pipes_apply_prints_plain_progress_lines_without_control_codes() {
    let emulator = Emulator::start().await;
    one_failing_user_create(&emulator);
    let state = tempfile::tempdir().unwrap();
    let args = apply_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let run = exsync(&args, &emulator.env_with_state(state.path()), &examples()).await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let (n, failed) = (planned(&run.stdout), reported_failed(&run.stdout));
    assert!(failed >= 1, "{}", run.stdout);
    let last = format!("  applied: {n}/{n} changes, {failed} failed, waited ");
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&last)),
        "no {last:?} in {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\r'),
        "{:?}",
        run.stderr
    );
    assert!(!run.stdout.contains("applying ["), "{}", run.stdout);
}
