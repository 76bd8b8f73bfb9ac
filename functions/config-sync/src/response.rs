//! The function's response: a summary per sync run (the full report is in the state store), and
//! the verdict that decides whether the invocation fails.
//!
//! A run fails the invocation only when nothing could be applied: the guard refused the plan,
//! every change failed, or none could start before the deadline. A run that applied some changes
//! succeeds and says how many failed or were skipped; it never hides them.

use std::collections::BTreeMap;

use exsync::genesys::ClientStats;
use exsync::reconcile::{Counts, ItemReport, Outcome, RunReport};
use serde::Serialize;

use crate::error::HandlerError;
use crate::event::Ignored;

/// How many failures a summary lists (the stored report has all).
pub const FAILURES_LISTED: usize = 20;

/// The invocation's response.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SyncResponse {
    /// one entry per sync run
    pub runs: Vec<RunSummary>,
    /// S3 records that were not snapshot drops
    pub ignored: Vec<Ignored>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum RunStatus {
    /// the plan was empty: the org already matches
    Unchanged,
    /// every planned change was applied
    Applied,
    /// some changes were applied, others failed or were skipped (see the counts)
    Partial,
}

/// One failed change, for the response.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FailureLine {
    /// `users agent-1001 createUser`
    pub change: String,
    /// the error
    pub error: String,
}

/// One part of the snapshot left out, for the response.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SkippedLine {
    /// `users agent-1001 object`
    pub object: String,
    /// why
    pub reason: String,
}

/// A sync run, summarised.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    /// `schedule` or `s3://bucket/key`
    pub trigger: String,
    /// how it ended
    pub status: RunStatus,
    /// the stored run report
    pub report_key: String,
    /// planned, applied, failed, skipped
    pub counts: Counts,
    /// the deadline stopped the apply; the next run continues
    pub stopped_early: bool,
    /// planned changes per type and action
    pub plan_summary: BTreeMap<String, usize>,
    /// planner warnings
    pub warnings: Vec<String>,
    /// what was left as Genesys has it because the snapshot holds it back (the first
    /// [`FAILURES_LISTED`]; the stored report has all)
    pub skipped: Vec<SkippedLine>,
    /// how many were left out in all
    pub skipped_total: usize,
    /// the first failures
    pub failures: Vec<FailureLine>,
    /// failures not listed
    pub more_failures: usize,
    /// Genesys calls made
    pub genesys: ClientStats,
}

/// Judges a finished run: a summary when anything was applied (or nothing had to be), an error
/// when nothing could be.
///
/// # Errors
/// [`HandlerError::MassChangeBlocked`], [`HandlerError::AllChangesFailed`] or
/// [`HandlerError::NoTimeLeft`].
pub fn judge(report: &RunReport, report_key: &str) -> Result<RunSummary, HandlerError> {
    let apply = &report.apply;
    let c = apply.counts;
    let trigger = report.trigger.clone();
    if !apply.blocked.is_empty() {
        let violations = apply
            .blocked
            .iter()
            .map(|v| {
                format!(
                    "{:?}: {} of {} managed, limit {}%",
                    v.kind, v.removing, v.managed, v.max_percent
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        return Err(HandlerError::MassChangeBlocked {
            trigger,
            violations,
            report_key: report_key.to_owned(),
        });
    }
    let status = if c.planned == 0 && !report.is_partial() {
        RunStatus::Unchanged
    } else if c.planned == 0 {
        RunStatus::Partial
    } else if c.applied == 0 && c.failed > 0 {
        let first = apply.failures().next().map(failure_line);
        return Err(HandlerError::AllChangesFailed {
            trigger,
            failed: c.failed,
            first: first.map_or_else(String::new, |f| format!("{}: {}", f.change, f.error)),
            report_key: report_key.to_owned(),
        });
    } else if c.applied == 0 {
        return Err(HandlerError::NoTimeLeft {
            trigger,
            skipped: c.skipped,
            report_key: report_key.to_owned(),
        });
    } else if report.is_partial() {
        RunStatus::Partial
    } else {
        RunStatus::Applied
    };
    let failures: Vec<FailureLine> = apply
        .failures()
        .take(FAILURES_LISTED)
        .map(failure_line)
        .collect();
    Ok(RunSummary {
        trigger,
        status,
        report_key: report_key.to_owned(),
        counts: c,
        stopped_early: apply.stopped_early,
        plan_summary: report.plan_summary.clone(),
        warnings: report.warnings.clone(),
        skipped: report
            .skipped
            .iter()
            .take(FAILURES_LISTED)
            .map(|s| SkippedLine {
                object: format!(
                    "{} {} {}",
                    format!("{:?}", s.kind).to_lowercase(),
                    s.external_id.as_deref().unwrap_or("-"),
                    s.part
                ),
                reason: s.reason.clone(),
            })
            .collect(),
        skipped_total: report.skipped.len(),
        more_failures: c.failed.saturating_sub(failures.len()),
        failures,
        genesys: report.genesys,
    })
}

fn failure_line(item: &ItemReport) -> FailureLine {
    let kind = item.kind.map_or_else(
        || "presence".to_owned(),
        |k| format!("{k:?}").to_lowercase(),
    );
    let object = item.external_id.as_deref().unwrap_or("-");
    let error = match &item.outcome {
        Outcome::Failed { error, .. } => error.clone(),
        Outcome::Applied | Outcome::Skipped { .. } => String::new(),
    };
    FailureLine {
        change: format!("{kind} {object} {}", item.action),
        error,
    }
}

#[cfg(test)]
mod tests;
