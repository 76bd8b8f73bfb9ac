//! The id map: external id → Genesys id per object type, and the presence ids the other
//! functions need. Config sync writes it ([`save_idmap`]: a conditional write that merges on a
//! lost race); interactions and recordings read it ([`load_idmap`]), agent-state keeps a copy
//! warm across invocations (`sync/agent_state/warm.rs`).
//!
//! It is also the record of what exsync manages: an object whose Genesys id is in the map was
//! created or adopted by exsync; everything else in the org is left alone.
//!
//! It also journals the users whose creation a run has begun ([`IdMap::creating`]): a run that
//! dies between a create and the map's save leaves them there, and the next run looks exactly
//! those up by external id instead of every user it does not know.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{ETag, PutMode, StateStore, StoreError, keys};
use crate::external::ObjectKind;
use crate::ids::{ExternalId, GenesysId};
use crate::mapping::PerKind;

/// The id map document (`exsync.idmap/v1`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdMap {
    /// always `exsync.idmap/v1`
    #[serde(default = "schema_tag")]
    pub schema: String,
    /// the external platform's presence source
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence_source_id: Option<String>,
    /// system presence name (`Available`, ...) → presence definition id
    #[serde(default)]
    pub system_presences: BTreeMap<String, String>,
    /// external id → Genesys id, per object type (`users`, `divisions`, `skills`, ...)
    #[serde(flatten)]
    pub tables: PerKind<BTreeMap<ExternalId, GenesysId>>,
    /// label (any locale) of each secondary status exsync manages → its presence definition id,
    /// so the agent-state function resolves the status table's labels without reading Genesys
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secondary_labels: BTreeMap<String, String>,
    /// external ids of users a run planned to create and that are not mapped yet: written before
    /// the creates start, cleared as they are mapped or known not to have happened
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub creating: BTreeSet<ExternalId>,
}

fn schema_tag() -> String {
    "exsync.idmap/v1".to_owned()
}

impl IdMap {
    /// An empty map.
    pub fn new() -> Self {
        Self {
            schema: schema_tag(),
            ..Self::default()
        }
    }

    /// The table of one object type.
    pub fn table(&self, kind: ObjectKind) -> &BTreeMap<ExternalId, GenesysId> {
        self.tables.get(kind)
    }

    /// The table of one object type, mutable.
    pub fn table_mut(&mut self, kind: ObjectKind) -> &mut BTreeMap<ExternalId, GenesysId> {
        self.tables.get_mut(kind)
    }

    /// The Genesys id mapped to an external id.
    pub fn get(&self, kind: ObjectKind, external: &str) -> Option<&str> {
        self.table(kind).get(external).map(GenesysId::as_str)
    }

    /// Records a mapping.
    pub fn set(&mut self, kind: ObjectKind, external: &str, genesys: &str) {
        self.table_mut(kind)
            .insert(ExternalId::from(external), GenesysId::from(genesys));
    }

    /// Forgets a mapping.
    pub fn remove(&mut self, kind: ObjectKind, external: &str) {
        self.table_mut(kind).remove(external);
    }

    /// Reverse index of one table: Genesys id → external id.
    pub fn reverse(&self, kind: ObjectKind) -> BTreeMap<&str, &str> {
        self.table(kind)
            .iter()
            .map(|(e, g)| (g.as_str(), e.as_str()))
            .collect()
    }
}

/// Loads the id map (empty when there is none yet) and its ETag.
///
/// # Errors
/// Store failures.
pub async fn load_idmap(store: &StateStore) -> Result<(IdMap, Option<ETag>), StoreError> {
    Ok(match store.get_json::<IdMap>(keys::IDMAP).await? {
        Some((map, etag)) => (map, Some(etag)),
        None => (IdMap::new(), None),
    })
}

/// Saves the id map with a conditional write. `loaded` is the map as this run read it (with
/// `etag`; its system presences may since have been read afresh from the org), `idmap` the map as the run leaves it. When another writer got there first, this run's
/// changes (`loaded` → `idmap`: mappings added, changed and removed, journal entries added and
/// cleared) are laid over what is stored now, and the write tried again: the other writer's
/// changes stay, and a mapping this run removed does not come back. Returns the map as written
/// and its ETag.
///
/// # Errors
/// Store failures, or [`StoreError::PreconditionFailed`] after three lost races.
pub async fn save_idmap(
    store: &StateStore,
    loaded: &IdMap,
    idmap: &IdMap,
    etag: Option<ETag>,
) -> Result<(IdMap, ETag), StoreError> {
    let mut etag = etag;
    let mut merged = idmap.clone();
    for _ in 0..3 {
        let mode = etag.clone().map_or(PutMode::IfAbsent, PutMode::IfMatch);
        let body = serde_json::to_vec_pretty(&merged).map_err(|source| StoreError::Json {
            key: keys::IDMAP.into(),
            source,
        })?;
        match store.put(keys::IDMAP, Bytes::from(body), mode).await {
            Ok(written) => return Ok((merged, written)),
            Err(StoreError::PreconditionFailed { .. }) => {
                tracing::warn!("id map changed while syncing; merging this run's changes");
                let (stored, new_etag) = load_idmap(store).await?;
                merged = merge(stored, loaded, idmap);
                etag = new_etag;
            }
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::PreconditionFailed {
        key: keys::IDMAP.into(),
    })
}

/// `stored` with the changes from `loaded` to `ours` laid over it: a mapping or journal entry this
/// run did not touch is as stored (a mapping this run removed stays if the other writer changed
/// it), and the journal of creates keeps no user that is now mapped. The system presences and the
/// secondary statuses' labels are this run's, which read the first from the org and derived the
/// second from its snapshot.
fn merge(mut stored: IdMap, loaded: &IdMap, ours: &IdMap) -> IdMap {
    for kind in ObjectKind::ALL {
        let (before, after) = (loaded.table(kind), ours.table(kind));
        let table = stored.table_mut(kind);
        table.retain(|e, g| after.contains_key(e) || before.get(e) != Some(g));
        for (e, g) in after.iter().filter(|(e, g)| before.get(*e) != Some(*g)) {
            table.insert(e.clone(), g.clone());
        }
    }
    if ours.presence_source_id != loaded.presence_source_id {
        stored
            .presence_source_id
            .clone_from(&ours.presence_source_id);
    }
    stored
        .system_presences
        .extend(ours.system_presences.clone());
    stored.secondary_labels.clone_from(&ours.secondary_labels);
    let IdMap {
        tables, creating, ..
    } = &mut stored;
    creating.retain(|e| ours.creating.contains(e) || !loaded.creating.contains(e));
    creating.extend(ours.creating.difference(&loaded.creating).cloned());
    creating.retain(|e| !tables.users.contains_key(e));
    stored
}

#[cfg(test)]
mod tests;
