//! The invocation's CloudWatch Embedded Metric Format line: plan sizes and outcomes of every run,
//! objects left out (`ObjectsSkipped`) and partial runs (`RunsPartial`), Genesys calls, 429s and
//! time waited, and whether the invocation failed.

use exsync::emf::EmfLine;

use crate::response::{RunStatus, SyncResponse};

/// The metrics of one invocation; `failed` when the invocation as a whole failed.
pub fn emf_line(response: Option<&SyncResponse>, failed: bool) -> EmfLine {
    let mut line = EmfLine::new("config-sync");
    line.count("InvocationsFailed", u64::from(failed));
    for run in response.map(|r| r.runs.as_slice()).unwrap_or_default() {
        let c = run.counts;
        line.count("PlanChanges", c.planned as u64)
            .count("ChangesApplied", c.applied as u64)
            .count("ChangesFailed", c.failed as u64)
            .count("ChangesSkipped", c.skipped as u64)
            .count("StoppedEarly", u64::from(run.stopped_early))
            .count("ObjectsSkipped", run.skipped_total as u64)
            .count("RunsPartial", u64::from(run.status == RunStatus::Partial))
            .genesys(&run.genesys);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_run_reports_the_objects_it_skipped() {
        use crate::response::{RunSummary, SkippedLine};
        let run = RunSummary {
            trigger: "schedule".into(),
            status: RunStatus::Partial,
            report_key: "reports/config-sync/x.json".into(),
            counts: exsync::reconcile::Counts::default(),
            stopped_early: false,
            plan_summary: Default::default(),
            warnings: Vec::new(),
            skipped: vec![SkippedLine {
                object: "users agent-7 object".into(),
                reason: "invalid".into(),
            }],
            skipped_total: 3,
            failures: Vec::new(),
            more_failures: 0,
            genesys: exsync::genesys::ClientStats::default(),
        };
        let response = SyncResponse {
            runs: vec![run],
            ignored: Vec::new(),
        };
        let v: serde_json::Value =
            serde_json::from_str(&emf_line(Some(&response), false).render(1)).unwrap_or_default();
        assert_eq!(v["ObjectsSkipped"], 3.0);
        assert_eq!(v["RunsPartial"], 1.0);
    }

    #[test]
    fn a_failed_invocation_without_runs_still_reports_its_failure() {
        let v: serde_json::Value =
            serde_json::from_str(&emf_line(None, true).render(1)).unwrap_or_default();
        assert_eq!(v["InvocationsFailed"], 1.0);
        assert_eq!(v["Function"], "config-sync");
        assert_eq!(v["_aws"]["CloudWatchMetrics"][0]["Namespace"], "exsync");
    }
}
