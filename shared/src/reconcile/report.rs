//! The per-item report of an apply, and the run report config sync writes to the state store.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::plan::{GuardViolation, Phase, Skipped};
use crate::external::ObjectKind;
use crate::genesys::{ClientStats, GenesysError};
use crate::ids::{ExternalId, GenesysId};

/// What happened to one planned change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Outcome {
    /// done
    Applied,
    /// Genesys (or a missing dependency) refused it
    Failed {
        /// what went wrong
        error: String,
        /// whether the next run may succeed
        retryable: bool,
        /// HTTP status, if Genesys answered
        status: Option<u16>,
        /// Genesys error code
        code: Option<String>,
        /// `ININ-Correlation-Id` for Genesys support
        correlation_id: Option<String>,
    },
    /// not attempted
    Skipped {
        /// why (e.g. the deadline; the next run continues)
        reason: String,
        /// what stopped it, for code to tell apart (reports written before it have none)
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<SkipCause>,
    },
}

/// What left a change unattempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SkipCause {
    /// too little time was left; the next run continues
    Deadline,
    /// the mass-change guard refused the whole plan
    MassChangeGuard,
}

impl std::fmt::Display for RunMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::DryRun => "dry-run",
            Self::Apply => "apply",
        })
    }
}

/// Whether a run planned only or applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunMode {
    /// planned, nothing applied or written
    DryRun,
    /// planned and applied
    Apply,
}

impl Outcome {
    /// A failure from a Genesys error.
    pub fn failed(error: &GenesysError) -> Self {
        Self::Failed {
            error: error.to_string(),
            retryable: error.is_retryable(),
            status: error.status(),
            code: error.code().map(str::to_owned),
            correlation_id: error.correlation_id().map(str::to_owned),
        }
    }

    /// A failure that is not a Genesys error (a reference that did not resolve).
    pub fn failed_locally(error: String) -> Self {
        Self::Failed {
            error,
            retryable: true,
            status: None,
            code: None,
            correlation_id: None,
        }
    }
}

/// One change and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemReport {
    /// the change's phase
    pub phase: Phase,
    /// object type
    pub kind: Option<ObjectKind>,
    /// external id
    pub external_id: Option<ExternalId>,
    /// Genesys id (after the change, for creates)
    pub genesys_id: Option<GenesysId>,
    /// the action's name, e.g. `createUser`
    pub action: String,
    /// what happened
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Counts of an apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// changes in the plan
    pub planned: usize,
    /// applied
    pub applied: usize,
    /// failed
    pub failed: usize,
    /// skipped (deadline, blocked)
    pub skipped: usize,
}

/// What an apply did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// counts
    pub counts: Counts,
    /// true when the deadline stopped it before the end (the next run continues)
    pub stopped_early: bool,
    /// the mass-change guard's refusals (nothing was applied)
    pub blocked: Vec<GuardViolation>,
    /// every change and its outcome
    pub items: Vec<ItemReport>,
}

impl ApplyReport {
    /// Recounts from the items.
    pub fn recount(&mut self) {
        let mut c = Counts {
            planned: self.items.len(),
            ..Counts::default()
        };
        for item in &self.items {
            match item.outcome {
                Outcome::Applied => c.applied += 1,
                Outcome::Failed { .. } => c.failed += 1,
                Outcome::Skipped { .. } => c.skipped += 1,
            }
        }
        self.counts = c;
    }

    /// Failures, for logs and the CLI.
    pub fn failures(&self) -> impl Iterator<Item = &ItemReport> {
        self.items
            .iter()
            .filter(|i| matches!(i.outcome, Outcome::Failed { .. }))
    }
}

/// The report of one config-sync run, stored under `reports/config-sync/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    /// `exsync.report/v1`
    pub schema: String,
    /// when the run started (RFC 3339)
    pub started_at: String,
    /// when it ended
    pub finished_at: String,
    /// what triggered it (`schedule`, `s3://...`, `cli`)
    pub trigger: String,
    /// `dry-run` or `apply`
    pub mode: RunMode,
    /// planned changes per type and action
    pub plan_summary: BTreeMap<String, usize>,
    /// planner warnings
    pub warnings: Vec<String>,
    /// what the run left out because the snapshot holds it back (invalid objects, their
    /// dependents, relations to them), each with its reason; any makes the run partial
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
    /// the apply
    pub apply: ApplyReport,
    /// Genesys calls made by the run
    pub genesys: ClientStats,
}

impl RunReport {
    /// True when the run did not do everything the snapshot asks: objects held back, changes
    /// failed or skipped, or the deadline stopped it.
    pub fn is_partial(&self) -> bool {
        !self.skipped.is_empty()
            || self.apply.counts.failed > 0
            || self.apply.counts.skipped > 0
            || self.apply.stopped_early
    }
}
