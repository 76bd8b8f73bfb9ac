//! The verdict on a run: which outcomes fail the invocation and which are reported.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use exsync::external::ObjectKind;
use exsync::reconcile::{ApplyReport, GuardViolation, ItemReport, Outcome, Phase, RunReport};

use super::*;

fn item(id: &str, outcome: Outcome) -> ItemReport {
    ItemReport {
        phase: Phase::Users,
        kind: Some(ObjectKind::Users),
        external_id: Some(id.into()),
        genesys_id: None,
        action: "createUser".into(),
        outcome,
    }
}

fn failed(message: &str) -> Outcome {
    Outcome::failed_locally(message.into())
}

fn report(items: Vec<ItemReport>) -> RunReport {
    let mut apply = ApplyReport {
        items,
        ..ApplyReport::default()
    };
    apply.recount();
    RunReport {
        schema: "exsync.report/v1".into(),
        started_at: "2026-11-24T06:00:00.000Z".into(),
        finished_at: "2026-11-24T06:00:09.000Z".into(),
        trigger: "schedule".into(),
        mode: exsync::reconcile::RunMode::Apply,
        plan_summary: BTreeMap::new(),
        warnings: vec![],
        skipped: vec![],
        apply,
        genesys: ClientStats::default(),
    }
}

const KEY: &str = "reports/config-sync/x.json";

#[test]
fn empty_plan_is_unchanged() {
    let summary = judge(&report(vec![]), KEY).unwrap();

    assert_eq!(summary.status, RunStatus::Unchanged);
    assert_eq!(summary.report_key, KEY);
}

#[test]
fn all_applied_is_applied() {
    let summary = judge(&report(vec![item("a", Outcome::Applied)]), KEY).unwrap();

    assert_eq!(summary.status, RunStatus::Applied);
    assert_eq!(summary.counts.applied, 1);
}

#[test]
fn partial_failure_succeeds_but_lists_the_failures() {
    let run = report(vec![
        item("a", Outcome::Applied),
        item("b", failed("boom")),
        item(
            "c",
            Outcome::Skipped {
                reason: "deadline".into(),
                cause: None,
            },
        ),
    ]);

    let summary = judge(&run, KEY).unwrap();

    assert_eq!(summary.status, RunStatus::Partial);
    assert_eq!((summary.counts.failed, summary.counts.skipped), (1, 1));
    assert_eq!(
        summary.failures,
        vec![FailureLine {
            change: "users b createUser".into(),
            error: "boom".into()
        }]
    );
    assert_eq!(summary.more_failures, 0);
}

#[test]
fn failures_beyond_the_listed_are_counted() {
    let mut items = vec![item("ok", Outcome::Applied)];
    items.extend((0..25).map(|i| item(&format!("u{i}"), failed("x"))));

    let summary = judge(&report(items), KEY).unwrap();

    assert_eq!(summary.failures.len(), FAILURES_LISTED);
    assert_eq!(summary.more_failures, 5);
}

#[test]
fn every_change_failed_fails_the_invocation() {
    let run = report(vec![
        item("a", failed("first")),
        item("b", failed("second")),
    ]);

    let error = judge(&run, KEY).unwrap_err();

    assert_eq!(error.error_type(), "AllChangesFailed");
    assert!(error.is_retryable());
    let message = error.to_string();
    assert!(message.contains("all 2 changes failed"), "{message}");
    assert!(message.contains("users a createUser: first"), "{message}");
    assert!(message.contains(KEY), "{message}");
}

#[test]
fn nothing_started_before_the_deadline_fails_the_invocation() {
    let run = report(vec![item(
        "a",
        Outcome::Skipped {
            reason: "deadline".into(),
            cause: None,
        },
    )]);

    let error = judge(&run, KEY).unwrap_err();

    assert_eq!(error.error_type(), "DeadlineExceeded");
}

#[test]
fn blocked_plan_fails_the_invocation_naming_the_guard() {
    let mut run = report(vec![item(
        "a",
        Outcome::Skipped {
            reason: "blocked".into(),
            cause: None,
        },
    )]);
    run.apply.blocked = vec![GuardViolation {
        kind: ObjectKind::Users,
        managed: 60,
        removing: 30,
        max_percent: 20,
    }];

    let error = judge(&run, KEY).unwrap_err();

    assert_eq!(error.error_type(), "MassChangeBlocked");
    assert!(!error.is_retryable());
    assert!(
        error
            .to_string()
            .contains("Users: 30 of 60 managed, limit 20%"),
        "{error}"
    );
}
