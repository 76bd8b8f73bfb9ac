//! A [`RunReport`] as text: the counts on one line, Genesys traffic on the next, then every
//! failure and the guard's refusals.

use std::time::Duration;

use exsync::reconcile::{GuardViolation, Outcome, RunReport};

use super::plan::kind_label;
use super::table::Table;

/// The report, indented by two spaces.
pub fn report(report: &RunReport, report_key: Option<&str>, took: Duration) -> String {
    let apply = &report.apply;
    let c = apply.counts;
    let g = &report.genesys;
    let mut out = format!(
        "  planned {} · applied {} · failed {} · skipped {}   in {:.1} s\n",
        c.planned,
        c.applied,
        c.failed,
        c.skipped,
        took.as_secs_f64()
    );
    out.push_str(&format!(
        "  Genesys: {} calls, {} retries, {} throttled (429); pacing and backoff waits {:.1} s (summed over concurrent calls)\n",
        g.calls,
        g.retries,
        g.throttled,
        g.waited.as_secs_f64()
    ));
    if apply.stopped_early {
        out.push_str(
            "  stopped early at the deadline: the next run continues where this one stopped\n",
        );
    }
    out.push_str(&blocked_lines(&apply.blocked));
    if c.failed > 0 {
        let mut table = Table::new(&["FAILED", "EXTERNAL ID", "ACTION", "ERROR"])
            .limit(3, 70)
            .indent(2);
        for item in apply.failures() {
            let error = match &item.outcome {
                Outcome::Failed { error, .. } => error.clone(),
                Outcome::Applied | Outcome::Skipped { .. } => String::new(),
            };
            table.row([
                kind_label(item.kind).to_owned(),
                item.external_id
                    .as_ref()
                    .map_or_else(|| "-".into(), ToString::to_string),
                item.action.clone(),
                error,
            ]);
        }
        out.push_str(&table.render());
    }
    out.push_str(&super::skipped::skipped_table(&report.skipped));
    if let Some(key) = report_key {
        out.push_str(&format!("  report stored as {key}\n"));
    }
    out
}

/// The mass-change guard's refusals of a run, one line each (empty when none).
pub fn blocked_lines(blocked: &[GuardViolation]) -> String {
    blocked
        .iter()
        .map(|v| {
            format!(
                "  BLOCKED  {}: removes {} of {} managed, limit {}%; nothing was applied\n",
                kind_label(Some(v.kind)),
                v.removing,
                v.managed,
                v.max_percent
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use exsync::reconcile::RunReport;
    use serde_json::json;

    use super::*;

    fn recorded(items: serde_json::Value, counts: serde_json::Value) -> RunReport {
        serde_json::from_value(json!({
            "schema": "exsync.report/v1",
            "startedAt": "2026-11-24T06:00:00.000Z",
            "finishedAt": "2026-11-24T06:00:02.000Z",
            "trigger": "cli",
            "mode": "apply",
            "planSummary": {},
            "warnings": [],
            "apply": {"counts": counts, "stoppedEarly": false, "blocked": [], "items": items},
            "genesys": {"calls": 12, "retries": 1, "throttled": 1,
                        "waited": {"secs": 0, "nanos": 500_000_000}, "tokenRequests": 1}
        }))
        .unwrap()
    }

    #[test]
    fn clean_report_is_two_lines_and_the_key() {
        let run = recorded(
            json!([]),
            json!({"planned": 3, "applied": 3, "failed": 0, "skipped": 0}),
        );

        let text = report(
            &run,
            Some("reports/config-sync/x.json"),
            Duration::from_millis(1300),
        );

        assert_eq!(
            text,
            "  planned 3 · applied 3 · failed 0 · skipped 0   in 1.3 s\n  Genesys: 12 calls, 1 retries, 1 throttled (429); pacing and backoff waits 0.5 s (summed over concurrent calls)\n  report stored as reports/config-sync/x.json\n"
        );
    }

    #[test]
    fn failures_are_listed_with_object_and_error() {
        let run = recorded(
            json!([{"phase": "users", "kind": "users", "externalId": "agent-1001", "genesysId": null,
                    "action": "createUser", "outcome": "failed", "error": "400 bad request: email",
                    "retryable": false, "status": 400, "code": "bad.request", "correlationId": null}]),
            json!({"planned": 1, "applied": 0, "failed": 1, "skipped": 0}),
        );

        let text = report(&run, None, Duration::ZERO);

        let row = text.lines().find(|l| l.contains("agent-1001")).unwrap();
        assert!(row.contains("createUser"), "{text}");
        assert!(row.contains("400 bad request: email"), "{text}");
    }
}
