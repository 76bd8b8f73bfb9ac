//! The config-sync use case: read the org, plan against the snapshot, apply unless dry-run, and
//! save the id map, the per-object sync status and a run report in the state store.
//!
//! Idempotent and resumable: the plan is recomputed from the org and the id map every run, the id
//! map is saved even when the deadline cuts the apply short, so the next run continues where this
//! one stopped and never does anything twice.
//!
//! In two steps for people: [`prepare`] reads the org once and plans, [`execute`] applies that
//! same value after it was shown (or after [`check_saved`] found a saved plan still current).

use chrono::{SecondsFormat, Utc};

use crate::deadline::Deadline;
use crate::external::InputError;
use crate::genesys::ClientStats;
use crate::genesys::{GenesysClient, GenesysError};
use crate::reconcile::{
    ActualOrg, ApplyOptions, ApplyReport, Basis, Desired, ObjectStatuses, OrgQuery, Plan, RunFacts,
    RunMode, RunReport, SavedPlan, Staleness, apply, basis, journal_creates, object_statuses,
    org_query, plan, read_actual, settle_creates, staleness,
};
use crate::store::{ETag, IdMap, PutMode, StateStore, StoreError, keys, load_idmap, save_idmap};

/// Plan only (nothing is written, not even the id map), or plan and apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// compute and report the plan, change nothing
    DryRun,
    /// apply the plan
    Apply,
}

/// Why a sync could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// reading the org failed
    #[error("reading the genesys org failed: {0}")]
    Genesys(#[from] GenesysError),
    /// the state store failed
    #[error("state store: {0}")]
    Store(#[from] StoreError),
    /// an input document is invalid
    #[error("invalid input: {0}")]
    Input(#[from] InputError),
}

impl SyncError {
    /// True when running again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Genesys(e) => e.is_retryable(),
            Self::Store(e) => e.is_retryable(),
            Self::Input(_) => false,
        }
    }
}

/// A sync's result.
#[derive(Debug, Clone)]
pub struct ConfigSyncOutcome {
    /// the plan
    pub plan: Plan,
    /// the run report (also stored)
    pub report: RunReport,
    /// the id map after the run
    pub idmap: IdMap,
}

/// A plan made and not yet applied: what [`execute`] applies, and what it was made against.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// the plan
    pub plan: Plan,
    /// the id map the plan was made with (applying updates it)
    pub idmap: IdMap,
    /// the id map's ETag then (`None`: there was none)
    pub etag: Option<ETag>,
    /// every Genesys object the plan changes, as read (for a saved plan's staleness check)
    pub basis: Basis,
    /// when planning started (RFC 3339)
    pub started_at: String,
    /// the client's call counters before planning, so the report counts the whole run
    pub before: ClientStats,
}

/// Reads the id map and the org (once) and plans. Changes nothing.
///
/// # Errors
/// When the org or the state store cannot be read.
pub async fn prepare(
    client: &GenesysClient,
    store: &StateStore,
    desired: Desired<'_>,
    deadline: Deadline,
) -> Result<Prepared, SyncError> {
    let started_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let before = client.stats();
    let (mut idmap, etag) = load_idmap(store).await?;
    // external-id lookups may use a third of the time left; the rest is for applying
    let lookup_until = Deadline::after(deadline.remaining() / 3);
    let actual = read_actual(client, &org_query(desired), &idmap, lookup_until, deadline).await?;
    idmap.system_presences = system_presences(&actual);
    let plan = plan(desired.snapshot, desired.mapping, &actual, &idmap);
    tracing::info!(
        changes = plan.changes.len(),
        blocked = plan.blocked.len(),
        warnings = plan.warnings.len(),
        skipped = plan.skipped.len(),
        "planned"
    );
    for s in &plan.skipped {
        let object = format!("{:?} {}", s.kind, s.external_id.as_deref().unwrap_or("-"));
        tracing::warn!(object = %object, part = %s.part, reason = %s.reason, "left as Genesys has it");
    }
    for w in &plan.warnings {
        tracing::warn!(warning = %w, "planner warning");
    }
    let basis = basis(&plan, &actual, etag.as_ref().map(|e| e.0.as_str()));
    Ok(Prepared {
        plan,
        idmap,
        etag,
        basis,
        started_at,
        before,
    })
}

/// What has changed since a saved plan was made: reads the id map's ETag and the org's listings
/// (no external-id lookups), and compares them with the plan's basis. Empty: it applies as saved.
///
/// # Errors
/// When the org or the state store cannot be read.
pub async fn check_saved(
    client: &GenesysClient,
    store: &StateStore,
    saved: &SavedPlan,
    deadline: Deadline,
) -> Result<(Vec<Staleness>, Prepared), SyncError> {
    let started_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let before = client.stats();
    let (mut idmap, etag) = load_idmap(store).await?;
    let query = OrgQuery {
        queue_ids: saved.queue_ids(),
        ..OrgQuery::default()
    };
    let actual = read_actual(client, &query, &idmap, deadline, deadline).await?;
    idmap.system_presences = system_presences(&actual);
    let stale = staleness(&saved.basis, &actual, etag.as_ref().map(|e| e.0.as_str()));
    Ok((
        stale,
        Prepared {
            plan: saved.plan.clone(),
            idmap,
            etag,
            basis: saved.basis.clone(),
            started_at,
            before,
        },
    ))
}

/// The org's system presences (`Available`, ...) by name.
fn system_presences(actual: &ActualOrg) -> std::collections::BTreeMap<String, String> {
    actual
        .presence_definitions
        .iter()
        .filter(|d| d.system)
        .filter_map(|d| d.system_presence.clone().map(|p| (p, d.id.clone())))
        .collect()
}

/// Runs one config sync: [`prepare`], then [`execute`] (a dry run only reports the plan).
///
/// # Errors
/// When the org or the state store cannot be read; a failed change does not fail the run (it is
/// in the report).
#[tracing::instrument(skip_all, fields(trigger = %trigger, mode = ?mode))]
pub async fn config_sync(
    client: &GenesysClient,
    store: &StateStore,
    desired: Desired<'_>,
    trigger: &str,
    mode: Mode,
    options: &ApplyOptions,
    deadline: Deadline,
) -> Result<ConfigSyncOutcome, SyncError> {
    let prepared = prepare(client, store, desired, deadline).await?;
    match mode {
        Mode::Apply => execute(client, store, desired, prepared, trigger, options, deadline).await,
        Mode::DryRun => Ok(dry_run(client, prepared, trigger)),
    }
}

/// The outcome of planning only: nothing applied, nothing written.
pub fn dry_run(client: &GenesysClient, prepared: Prepared, trigger: &str) -> ConfigSyncOutcome {
    let report = run_report(
        client,
        &prepared,
        trigger,
        RunMode::DryRun,
        ApplyReport::default(),
    );
    ConfigSyncOutcome {
        plan: prepared.plan,
        report,
        idmap: prepared.idmap,
    }
}

fn run_report(
    client: &GenesysClient,
    prepared: &Prepared,
    trigger: &str,
    mode: RunMode,
    apply: ApplyReport,
) -> RunReport {
    RunReport {
        schema: "exsync.report/v1".into(),
        started_at: prepared.started_at.clone(),
        finished_at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        trigger: trigger.to_owned(),
        mode,
        plan_summary: prepared.plan.summary(),
        warnings: prepared.plan.warnings.clone(),
        skipped: prepared.plan.skipped.clone(),
        apply,
        genesys: client.stats().since(&prepared.before),
    }
}

/// Applies a prepared plan (the very value that was shown, when a person confirmed it), then
/// saves the id map, the per-object sync status and the run report.
///
/// # Errors
/// When the state store cannot be written; a failed change does not fail the run (it is in the
/// report).
pub async fn execute(
    client: &GenesysClient,
    store: &StateStore,
    desired: Desired<'_>,
    prepared: Prepared,
    trigger: &str,
    options: &ApplyOptions,
    deadline: Deadline,
) -> Result<ConfigSyncOutcome, SyncError> {
    let mut loaded = prepared.idmap.clone();
    let mut idmap = prepared.idmap.clone();
    let mut etag = prepared.etag.clone();
    let grew = journal_creates(&mut idmap, &prepared.plan);
    let ours = idmap.creating.clone();
    if grew {
        // before any create: a run that dies now leaves the journal, and the next run looks up
        // these users instead of creating them twice
        let (written, written_etag) = save_idmap(store, &loaded, &idmap, etag).await?;
        loaded.clone_from(&written);
        idmap = written;
        etag = Some(written_etag);
    }
    let apply_report = apply(client, &prepared.plan, &mut idmap, options, deadline).await;
    if !apply_report.blocked.is_empty() {
        tracing::error!(blocked = ?apply_report.blocked, "mass-change guard refused the plan; nothing applied (set allowMassChanges to override)");
    }
    idmap.secondary_labels = secondary_labels(desired.snapshot, &idmap);
    let wanted: std::collections::HashSet<&str> = desired
        .snapshot
        .users
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    settle_creates(&mut idmap, &ours, &apply_report, |e| wanted.contains(e));
    let (idmap, _) = save_idmap(store, &loaded, &idmap, etag).await?;
    let report = run_report(client, &prepared, trigger, RunMode::Apply, apply_report);
    save_object_statuses(store, desired, &prepared.plan, &report, &idmap).await?;
    let started_at = &report.started_at;
    store
        .put_json(
            &keys::config_sync_report(started_at),
            &report,
            PutMode::Overwrite,
        )
        .await?;
    store
        .put_json(keys::LATEST_CONFIG_SYNC_REPORT, &report, PutMode::Overwrite)
        .await?;
    let c = report.apply.counts;
    tracing::info!(
        planned = c.planned,
        applied = c.applied,
        failed = c.failed,
        skipped = c.skipped,
        calls = report.genesys.calls,
        "config sync finished"
    );
    Ok(ConfigSyncOutcome {
        plan: prepared.plan,
        report,
        idmap,
    })
}

/// Every label of every secondary status exsync manages → its presence definition id.
fn secondary_labels(
    snapshot: &crate::external::ConfigSnapshot,
    idmap: &IdMap,
) -> std::collections::BTreeMap<String, String> {
    let mut labels = std::collections::BTreeMap::new();
    for status in &snapshot.secondary_statuses {
        let Some(id) = idmap.tables.secondary_statuses.get(status.id.as_str()) else {
            continue;
        };
        for label in status.labels.values() {
            labels
                .entry(label.clone())
                .or_insert_with(|| id.to_string());
        }
    }
    labels
}

/// Updates the per-object sync status (`status/objects.json`) from this run; an unreadable
/// previous document only loses the previous last-success times (logged).
async fn save_object_statuses(
    store: &StateStore,
    desired: Desired<'_>,
    plan: &Plan,
    report: &RunReport,
    idmap: &IdMap,
) -> Result<(), StoreError> {
    let previous = match store.get_json::<ObjectStatuses>(keys::OBJECT_STATUS).await {
        Ok(found) => found.map(|(statuses, _)| statuses),
        Err(error) => {
            tracing::warn!(%error, "previous object status unreadable; last successes restart");
            None
        }
    };
    let statuses = object_statuses(
        RunFacts {
            snapshot: desired.snapshot,
            mapping: desired.mapping,
            plan,
            apply: &report.apply,
            idmap,
            started_at: &report.started_at,
        },
        previous.as_ref(),
    );
    store
        .put_json(keys::OBJECT_STATUS, &statuses, PutMode::Overwrite)
        .await?;
    Ok(())
}
