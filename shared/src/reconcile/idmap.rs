//! The id map: external id → Genesys id per object type, and the presence ids the other
//! functions need. Config sync writes it; agent-state, interactions and recordings read it.
//!
//! It is also the record of what exsync manages: an object whose Genesys id is in the map was
//! created or adopted by exsync; everything else in the org is left alone.
//!
//! It also journals the users whose creation a run has begun ([`IdMap::creating`]): a run that
//! dies between a create and the map's save leaves them there, and the next run looks exactly
//! those up by external id instead of every user it does not know.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::ids::{ExternalId, GenesysId};
use crate::mapping::{ObjectKind, PerKind};

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
