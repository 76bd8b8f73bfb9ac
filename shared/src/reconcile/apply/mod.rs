//! The executor: applies a [`Plan`] phase by phase and reports every change's outcome.
//!
//! - Phases run in order; within a phase, changes are grouped by object and the groups run
//!   concurrently (bounded), each group's changes in order (create, then what refers to it).
//! - The plan is all it needs: each change carries what its calls send. A reference ([`Ref`]) with
//!   a Genesys id is used as is; one without resolves its external id through the live id map,
//!   which every create and adoption updates at once, so later changes see earlier ones.
//! - Deadline-aware: a group is not started when less than the stop margin is left; everything not
//!   started is reported as skipped, and the next run replans from the org, so nothing is done twice.
//! - A failure fails that change only; later changes that need its result fail as unresolved.

mod catalog;
mod progress;
mod queues;
mod users;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;

use super::plan::{Action, Change, Plan, Ref, action_name};
use super::report::{ApplyReport, ItemReport, Outcome, SkipCause};
use crate::deadline::Deadline;
use crate::external::ObjectKind;
use crate::genesys::{GenesysClient, GenesysError};
use crate::ids::{ExternalId, GenesysId};
use crate::store::IdMap;

pub use progress::{ApplyProgress, ProgressSnapshot};

/// How the executor runs.
#[derive(Debug, Clone)]
pub struct ApplyOptions {
    /// object groups applied at once (the client's token bucket still paces the calls)
    pub concurrency: usize,
    /// no group starts with less than this left before the deadline
    pub stop_margin: Duration,
    /// counted as changes finish, for a progress display (none: not counted)
    pub progress: Option<Arc<ApplyProgress>>,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        Self {
            concurrency: 8,
            stop_margin: Duration::from_secs(5),
            progress: None,
        }
    }
}

/// What a change's execution can fail with.
pub(crate) enum StepError {
    /// Genesys refused
    Genesys(Box<GenesysError>),
    /// a reference did not resolve (its create failed or was skipped)
    Unresolved(String),
}

impl From<GenesysError> for StepError {
    fn from(e: GenesysError) -> Self {
        Self::Genesys(Box::new(e))
    }
}

pub(crate) type StepResult = Result<Option<String>, StepError>;

/// Everything a change needs while it runs besides the change itself.
pub(crate) struct Exec<'a> {
    pub client: &'a GenesysClient,
    pub idmap: &'a Mutex<IdMap>,
    /// user id → current version (as planned, then as each PATCH returns it)
    pub versions: Mutex<HashMap<String, i64>>,
    pub deadline: Deadline,
}

impl Exec<'_> {
    /// The Genesys id an external id maps to now.
    pub(crate) fn resolve(&self, kind: ObjectKind, external: &str) -> Result<String, StepError> {
        let map = self
            .idmap
            .lock()
            .map_err(|_| StepError::Unresolved("id map lock poisoned".into()))?;
        map.get(kind, external).map(str::to_owned).ok_or_else(|| {
            StepError::Unresolved(
                format!("{kind:?} {external} has no Genesys id (its create failed or did not run)")
                    .to_lowercase(),
            )
        })
    }

    /// The Genesys id of a reference: its own, else its external id's in the id map now.
    pub(crate) fn resolve_ref(&self, kind: ObjectKind, r: &Ref) -> Result<String, StepError> {
        match (&r.id, &r.external) {
            (Some(id), _) => Ok(id.to_string()),
            (None, Some(ext)) => self.resolve(kind, ext.as_str()),
            (None, None) => Err(StepError::Unresolved("a reference names no object".into())),
        }
    }

    /// Records a mapping in the live id map.
    pub(crate) fn record(&self, kind: ObjectKind, external: &str, genesys: &str) {
        if let Ok(mut map) = self.idmap.lock() {
            map.set(kind, external, genesys);
        }
    }

    /// Removes a deleted object from the live id map, unless its external id already maps to a
    /// replacement.
    pub(crate) fn forget(&self, kind: ObjectKind, external: &str, genesys: &str) {
        if let Ok(mut map) = self.idmap.lock()
            && map.get(kind, external) == Some(genesys)
        {
            map.remove(kind, external);
        }
    }

    /// The object's Genesys id: the change's, or the id map's for a create earlier in the run.
    pub(crate) fn subject(&self, change: &Change) -> Result<String, StepError> {
        if let Some(id) = &change.genesys_id {
            return Ok(id.to_string());
        }
        match (change.kind, &change.external_id) {
            (Some(kind), Some(ext)) => self.resolve(kind, ext.as_str()),
            _ => Err(StepError::Unresolved("change names no object".into())),
        }
    }
}

/// Applies `plan`, updating `idmap` as objects are created, adopted and deleted.
pub async fn apply(
    client: &GenesysClient,
    plan: &Plan,
    idmap: &mut IdMap,
    options: &ApplyOptions,
    deadline: Deadline,
) -> ApplyReport {
    let progress = options.progress.as_deref();
    if let Some(p) = progress {
        p.start(plan.changes.len());
    }
    let mut report = ApplyReport {
        blocked: plan.blocked.clone(),
        ..ApplyReport::default()
    };
    if !plan.blocked.is_empty() {
        report.items = plan
            .changes
            .iter()
            .map(|c| item(c, None, skipped(SkipCause::MassChangeGuard)))
            .collect();
        if let Some(p) = progress {
            p.finished_unattempted(plan.changes.len());
        }
        report.recount();
        return report;
    }
    let shared = Mutex::new(std::mem::take(idmap));
    let exec = Exec {
        client,
        idmap: &shared,
        versions: Mutex::new(
            plan.changes
                .iter()
                .filter_map(|c| Some((c.genesys_id.as_ref()?.to_string(), c.version?)))
                .collect(),
        ),
        deadline,
    };
    let mut phases: BTreeMap<_, Vec<&Change>> = BTreeMap::new();
    for change in &plan.changes {
        phases.entry(change.phase).or_default().push(change);
    }
    for (_, changes) in phases {
        let groups = group_by_object(changes);
        let results: Vec<Vec<ItemReport>> = futures::stream::iter(groups)
            .map(|group| run_group(&exec, group, options.stop_margin, progress))
            .buffered(options.concurrency.max(1))
            .collect()
            .await;
        for items in results {
            report.items.extend(items);
        }
    }
    report.stopped_early = report.items.iter().any(|i| {
        matches!(
            i.outcome,
            Outcome::Skipped {
                cause: Some(SkipCause::Deadline),
                ..
            }
        )
    });
    *idmap = shared.into_inner().unwrap_or_else(|p| p.into_inner());
    report.recount();
    report
}

fn group_by_object(changes: Vec<&Change>) -> Vec<Vec<&Change>> {
    type Key = (Option<ObjectKind>, Option<ExternalId>);
    let mut order: Vec<Key> = Vec::new();
    let mut groups: HashMap<Key, Vec<&Change>> = HashMap::new();
    for c in changes {
        let key = (c.kind, c.external_id.clone());
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(c);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .collect()
}

async fn run_group(
    exec: &Exec<'_>,
    group: Vec<&Change>,
    margin: Duration,
    progress: Option<&ApplyProgress>,
) -> Vec<ItemReport> {
    let mut items = Vec::with_capacity(group.len());
    for change in group {
        if exec.deadline.remaining() <= margin {
            items.push(item(change, None, skipped(SkipCause::Deadline)));
            if let Some(p) = progress {
                p.finished(false);
            }
            continue;
        }
        let result = run_change(exec, change).await;
        let report = match result {
            Ok(id) => item(
                change,
                id.map(GenesysId::from)
                    .or_else(|| change.genesys_id.clone()),
                Outcome::Applied,
            ),
            Err(StepError::Genesys(e)) => {
                let external_id = change.external_id.as_ref().map(ExternalId::as_str);
                tracing::warn!(action = %action_name(&change.action), external_id, error = %e, "change failed");
                item(change, change.genesys_id.clone(), Outcome::failed(&e))
            }
            Err(StepError::Unresolved(why)) => item(
                change,
                change.genesys_id.clone(),
                Outcome::failed_locally(why),
            ),
        };
        if let Some(p) = progress {
            p.finished(matches!(report.outcome, Outcome::Failed { .. }));
        }
        items.push(report);
    }
    items
}

async fn run_change(exec: &Exec<'_>, change: &Change) -> StepResult {
    match (&change.action, change.kind) {
        (Action::CreatePresenceSource { .. } | Action::SetDefaultPrimarySource, _)
        | (Action::Adopt, None) => catalog::presence(exec, change).await,
        (Action::Adopt, Some(kind)) => adopt(exec, kind, change),
        (_, Some(ObjectKind::Users)) => users::run(exec, change).await,
        (_, Some(ObjectKind::Queues)) => queues::run(exec, change).await,
        _ => catalog::run(exec, change).await,
    }
}

/// Adopting an object Genesys already has: the id map records it, nothing is sent.
fn adopt(exec: &Exec<'_>, kind: ObjectKind, change: &Change) -> StepResult {
    let id = adopted(change)?;
    exec.record(kind, external(change), &id);
    Ok(Some(id))
}

/// The Genesys id an adoption takes over: the change's own.
fn adopted(change: &Change) -> Result<String, StepError> {
    change
        .genesys_id
        .as_ref()
        .map(ToString::to_string)
        .ok_or_else(|| StepError::Unresolved("an adoption names no Genesys id".into()))
}

/// The change's external id, empty for a change that has none (the presence source's).
fn external(change: &Change) -> &str {
    change.external_id.as_ref().map_or("", ExternalId::as_str)
}

fn skipped(cause: SkipCause) -> Outcome {
    let reason = match cause {
        SkipCause::Deadline => "deadline: left for the next run",
        SkipCause::MassChangeGuard => "blocked by the mass-change guard",
    };
    Outcome::Skipped {
        reason: reason.to_owned(),
        cause: Some(cause),
    }
}

fn item(change: &Change, genesys_id: Option<GenesysId>, outcome: Outcome) -> ItemReport {
    ItemReport {
        phase: change.phase,
        kind: change.kind,
        external_id: change.external_id.clone(),
        genesys_id,
        action: action_name(&change.action),
        outcome,
    }
}
