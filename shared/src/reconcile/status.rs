//! Per-object sync status: for every object of the snapshot, whether the last config sync left it
//! synced, failed, skipped or not managed, and when it was last synced. Config sync keeps it in the
//! state store (`status/objects.json`) so `exsync status --objects failed` answers without reading
//! every report.
//!
//! Pure: computed from the snapshot, the plan, the apply report and the previous status.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::plan::Plan;
use super::report::{ApplyReport, Outcome};
use crate::external::ObjectKind;
use crate::external::{ConfigSnapshot, Placement};
use crate::mapping::MappingDocument;
use crate::store::IdMap;

/// Where an object stands after the last sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SyncState {
    /// Genesys matches the snapshot for this object
    Synced,
    /// a change of this object failed (the detail has Genesys's error)
    Failed,
    /// the object, or part of it, was left as Genesys has it (invalid in the snapshot, depending
    /// on an invalid object, or not reached before the deadline)
    Skipped,
    /// outside the mapping's scope: exsync does not manage it
    NotManaged,
}

impl SyncState {
    /// The state as written in JSON (`notManaged`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Synced => "synced",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
            Self::NotManaged => "notManaged",
        }
    }
}

/// One object's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectStatus {
    /// where it stands
    pub state: SyncState,
    /// its Genesys id, when exsync knows it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genesys_id: Option<String>,
    /// when it was last synced (RFC 3339), kept across failed runs
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<String>,
    /// why it is not synced
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The status of every object of the last synced snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectStatuses {
    /// `exsync.object-status/v1`
    pub schema: String,
    /// when the run that wrote it started
    pub updated_at: String,
    /// object type → external id → status
    pub objects: BTreeMap<ObjectKind, BTreeMap<String, ObjectStatus>>,
}

impl ObjectStatuses {
    /// The status of one object.
    pub fn get(&self, kind: ObjectKind, external: &str) -> Option<&ObjectStatus> {
        self.objects.get(&kind).and_then(|m| m.get(external))
    }

    /// Every object in `state`, as (type, external id, status).
    pub fn in_state(
        &self,
        state: SyncState,
    ) -> impl Iterator<Item = (ObjectKind, &str, &ObjectStatus)> {
        self.objects.iter().flat_map(move |(kind, objects)| {
            objects
                .iter()
                .filter(move |(_, s)| s.state == state)
                .map(move |(ext, s)| (*kind, ext.as_str(), s))
        })
    }
}

/// What one run did, as input to [`object_statuses`].
#[derive(Debug, Clone, Copy)]
pub struct RunFacts<'a> {
    /// the snapshot synced (its held objects included)
    pub snapshot: &'a ConfigSnapshot,
    /// the mapping (scope)
    pub mapping: &'a MappingDocument,
    /// the plan applied
    pub plan: &'a Plan,
    /// what the apply did
    pub apply: &'a ApplyReport,
    /// the id map after the run
    pub idmap: &'a IdMap,
    /// when the run started (RFC 3339)
    pub started_at: &'a str,
}

/// The status of every object of the run's snapshot, keeping `previous` last successes.
pub fn object_statuses(run: RunFacts<'_>, previous: Option<&ObjectStatuses>) -> ObjectStatuses {
    let mut problems: BTreeMap<(ObjectKind, &str), (SyncState, String)> = BTreeMap::new();
    for item in &run.apply.items {
        let (Some(kind), Some(ext)) = (item.kind, item.external_id.as_deref()) else {
            continue;
        };
        let found = match &item.outcome {
            Outcome::Applied => continue,
            Outcome::Failed { error, .. } => {
                (SyncState::Failed, format!("{}: {error}", item.action))
            }
            Outcome::Skipped { reason, .. } => {
                (SyncState::Skipped, format!("{}: {reason}", item.action))
            }
        };
        let entry = problems.entry((kind, ext)).or_insert(found.clone());
        if found.0 == SyncState::Failed && entry.0 != SyncState::Failed {
            *entry = found;
        }
    }
    for skipped in &run.plan.skipped {
        if let Some(ext) = skipped.external_id.as_deref() {
            problems.entry((skipped.kind, ext)).or_insert((
                SyncState::Skipped,
                format!("{}: {}", skipped.part, skipped.reason),
            ));
        }
    }
    let mut out = ObjectStatuses {
        schema: "exsync.object-status/v1".into(),
        updated_at: run.started_at.to_owned(),
        objects: BTreeMap::new(),
    };
    for (kind, ext, placement) in run.snapshot.objects() {
        let genesys_id = run.idmap.get(kind, ext).map(str::to_owned);
        let before = previous.and_then(|p| p.get(kind, ext));
        let status = if !in_scope(run.mapping, placement) {
            ObjectStatus {
                state: SyncState::NotManaged,
                genesys_id,
                last_success: None,
                detail: Some("outside the mapping's scope.divisions".into()),
            }
        } else if let Some((state, detail)) = problems.get(&(kind, ext)) {
            ObjectStatus {
                state: *state,
                genesys_id,
                last_success: before.and_then(|b| b.last_success.clone()),
                detail: Some(detail.clone()),
            }
        } else {
            ObjectStatus {
                state: SyncState::Synced,
                genesys_id,
                last_success: Some(run.started_at.to_owned()),
                detail: None,
            }
        };
        out.objects
            .entry(kind)
            .or_default()
            .insert(ext.to_owned(), status);
    }
    for held in run.snapshot.held.objects() {
        let Some(ext) = held.id.as_deref() else {
            continue;
        };
        let kind = held.collection;
        let before = previous.and_then(|p| p.get(kind, ext));
        out.objects.entry(kind).or_default().insert(
            ext.to_owned(),
            ObjectStatus {
                state: SyncState::Skipped,
                genesys_id: run.idmap.get(kind, ext).map(str::to_owned),
                last_success: before.and_then(|b| b.last_success.clone()),
                detail: Some(format!("held back: {}", held.reason())),
            },
        );
    }
    out
}

/// The planner's scope rule: an object without a division type is always in scope; everything
/// else lands in its own division or the mapping's default, which `scope.divisions` must list.
pub fn in_scope(mapping: &MappingDocument, placement: Placement<'_>) -> bool {
    let Some(allowed) = &mapping.scope.divisions else {
        return true;
    };
    let division = match placement {
        Placement::Unplaced => return true,
        Placement::In(division) => Some(division),
        Placement::Default => mapping.default_division.as_ref(),
    };
    division.is_some_and(|d| allowed.contains(d))
}

#[cfg(test)]
mod tests;
