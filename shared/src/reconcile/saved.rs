//! Saved plans (`exsync plan --out plan.json`, then `exsync apply plan.json`): the plan, the
//! documents it was made from, and what it was made against, so that applying it later either does
//! exactly what was reviewed or refuses, naming what changed.
//!
//! What a plan was made against is its [`Basis`]: the id map's ETag and every Genesys object the
//! plan changes, as it was read. [`staleness`] compares a fresh read with it. The documents travel
//! in the file (as Terraform's plan files carry their configuration) because the per-object sync
//! status written after an apply covers every object of the snapshot, not only the changed ones;
//! their digests make an edited file refuse to apply.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::actual::ActualOrg;
use super::plan::Plan;
use crate::external::ObjectKind;

/// The schema tag of a saved plan.
pub const SAVED_PLAN_SCHEMA: &str = "exsync.plan/v1";

/// What a plan was made against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    /// the id map's ETag when the plan was made (`None`: there was no id map yet)
    pub idmap_etag: Option<String>,
    /// object type → Genesys id → the object as read, for every object a change names
    pub objects: BTreeMap<ObjectKind, BTreeMap<String, Value>>,
}

/// A plan written to a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedPlan {
    /// always `exsync.plan/v1`
    pub schema: String,
    /// when it was planned (RFC 3339)
    pub planned_at: String,
    /// the Genesys API the plan is for
    pub target: String,
    /// SHA-256 (hex) of the snapshot document
    pub snapshot_digest: String,
    /// SHA-256 (hex) of the mapping document
    pub mapping_digest: String,
    /// what it was made against
    pub basis: Basis,
    /// the plan
    pub plan: Plan,
    /// the snapshot document, as read
    pub snapshot: String,
    /// the mapping document, as read
    pub mapping: String,
}

impl SavedPlan {
    /// A saved plan for `plan`, made from the documents `snapshot` and `mapping`.
    pub fn new(
        plan: Plan,
        basis: Basis,
        documents: (&str, &str),
        target: &str,
        planned_at: &str,
    ) -> Self {
        let (snapshot, mapping) = documents;
        Self {
            schema: SAVED_PLAN_SCHEMA.to_owned(),
            planned_at: planned_at.to_owned(),
            target: target.to_owned(),
            snapshot_digest: digest(snapshot),
            mapping_digest: digest(mapping),
            basis,
            plan,
            snapshot: snapshot.to_owned(),
            mapping: mapping.to_owned(),
        }
    }

    /// Why the file cannot be applied as it is: another schema, or documents that do not match
    /// their digests (the file was edited).
    pub fn integrity_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.schema != SAVED_PLAN_SCHEMA {
            problems.push(format!(
                "schema is {:?}, expected {SAVED_PLAN_SCHEMA:?}",
                self.schema
            ));
        }
        if digest(&self.snapshot) != self.snapshot_digest {
            problems.push("the snapshot in the file does not match snapshotDigest".into());
        }
        if digest(&self.mapping) != self.mapping_digest {
            problems.push("the mapping in the file does not match mappingDigest".into());
        }
        problems
    }

    /// The Genesys ids of the queues the plan changes (their members are part of the basis).
    pub fn queue_ids(&self) -> BTreeSet<String> {
        self.basis
            .objects
            .get(&ObjectKind::Queues)
            .map(|q| q.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// SHA-256 of a document, in hex.
pub fn digest(document: &str) -> String {
    Sha256::digest(document.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The basis of `plan`: every Genesys object a change names, as `actual` has it.
pub fn basis(plan: &Plan, actual: &ActualOrg, idmap_etag: Option<&str>) -> Basis {
    let mut wanted: BTreeMap<ObjectKind, BTreeSet<&str>> = BTreeMap::new();
    for change in &plan.changes {
        if let (Some(kind), Some(id)) = (change.kind, change.genesys_id.as_ref()) {
            let id = id.as_str();
            wanted.entry(kind).or_default().insert(id);
        }
    }
    Basis {
        idmap_etag: idmap_etag.map(str::to_owned),
        objects: wanted
            .into_iter()
            .map(|(kind, ids)| (kind, records(actual, kind, &ids)))
            .collect(),
    }
}

/// One way the org or the id map differs from a saved plan's basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Staleness {
    /// the object type (`None`: the id map)
    pub kind: Option<ObjectKind>,
    /// the Genesys id (or `idmap.json`)
    pub object: String,
    /// what changed
    pub what: String,
}

impl fmt::Display for Staleness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Some(kind) => write!(f, "{} {}: {}", kind, self.object, self.what),
            None => write!(f, "{}: {}", self.object, self.what),
        }
    }
}

/// What changed since `basis` was taken: the id map's ETag, and each planned object that is gone
/// or differs (naming its fields). Empty: the plan still applies as reviewed.
pub fn staleness(basis: &Basis, actual: &ActualOrg, idmap_etag: Option<&str>) -> Vec<Staleness> {
    let mut found = Vec::new();
    if basis.idmap_etag.as_deref() != idmap_etag {
        found.push(Staleness {
            kind: None,
            object: crate::store::keys::IDMAP.to_owned(),
            what: format!(
                "changed since the plan (ETag {} then, {} now): another sync ran",
                basis.idmap_etag.as_deref().unwrap_or("none"),
                idmap_etag.unwrap_or("none")
            ),
        });
    }
    for (kind, planned) in &basis.objects {
        let ids: BTreeSet<&str> = planned.keys().map(String::as_str).collect();
        let now = records(actual, *kind, &ids);
        for (id, then) in planned {
            let what = match now.get(id) {
                None => "no longer exists in Genesys".to_owned(),
                Some(current) if current == then => continue,
                Some(current) => format!("changed since the plan: {}", differences(then, current)),
            };
            found.push(Staleness {
                kind: Some(*kind),
                object: id.clone(),
                what,
            });
        }
    }
    found
}

/// The fields two records differ in, `version 3 → 5` for versions.
fn differences(then: &Value, now: &Value) -> String {
    let (Some(then), Some(now)) = (then.as_object(), now.as_object()) else {
        return "its value".into();
    };
    let keys: BTreeSet<&String> = then.keys().chain(now.keys()).collect();
    let fields: Vec<String> = keys
        .into_iter()
        .filter(|k| then.get(*k) != now.get(*k))
        .map(|k| match (k.as_str(), then.get(k), now.get(k)) {
            ("version", Some(a), Some(b)) => format!("version {a} → {b}"),
            _ => k.clone(),
        })
        .collect();
    fields.join(", ")
}

/// The objects of `kind` with the given ids, as JSON.
fn records(actual: &ActualOrg, kind: ObjectKind, ids: &BTreeSet<&str>) -> BTreeMap<String, Value> {
    fn pick<T: Serialize>(
        items: &[T],
        id: impl Fn(&T) -> &str,
        ids: &BTreeSet<&str>,
    ) -> BTreeMap<String, Value> {
        items
            .iter()
            .filter(|item| ids.contains(id(item)))
            .filter_map(|item| Some((id(item).to_owned(), serde_json::to_value(item).ok()?)))
            .collect()
    }
    match kind {
        ObjectKind::Users => pick(&actual.users, |u| &u.id, ids),
        ObjectKind::Divisions => pick(&actual.divisions, |d| &d.id, ids),
        ObjectKind::Skills => pick(&actual.skills, |s| &s.id, ids),
        ObjectKind::Languages => pick(&actual.languages, |l| &l.id, ids),
        ObjectKind::WrapupCodes => pick(&actual.wrapup_codes, |w| &w.id, ids),
        ObjectKind::SecondaryStatuses => pick(&actual.presence_definitions, |d| &d.id, ids),
        ObjectKind::Queues => pick(&actual.queues, |q| &q.id, ids),
    }
}

#[cfg(test)]
mod tests;
