//! The presence catalog: which Genesys presence definition id a [`PresenceTarget`] of the status
//! table stands for.
//!
//! System presences come from the id map (config sync records them), and so do the labels of the
//! secondary statuses exsync manages (`secondaryLabels`), so a cold start reads nothing from
//! Genesys for them. Only a label the id map lacks (a status exsync does not manage) makes the
//! catalog read the labels from Genesys itself: `GET /api/v2/presence/definitions` (one call,
//! cached while the id map's ETag stays the same), matching the
//! label against every locale's `languageLabels` value, exactly. Definitions exsync manages (their
//! id is in the id map) win over others with the same label; deactivated and system definitions
//! never match a secondary label.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::genesys::model::PresenceDefinition;
use crate::mapping::{PresenceTarget, StatusTable};
use crate::presence::SystemPresence;
use crate::store::IdMap;

/// Presence targets → presence definition ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceCatalog {
    /// system presence → definition id
    pub system: BTreeMap<SystemPresence, String>,
    /// secondary-status label (any locale) → definition id
    pub secondary: BTreeMap<String, String>,
    /// whether the presence definitions were read from Genesys (labels known)
    pub labels_loaded: bool,
}

impl PresenceCatalog {
    /// The system presences the id map holds; no labels.
    pub fn from_idmap(idmap: &IdMap) -> Self {
        let system = idmap
            .system_presences
            .iter()
            .filter_map(|(name, id)| Some((system_presence(name)?, id.clone())))
            .collect();
        Self {
            system,
            secondary: idmap.secondary_labels.clone(),
            labels_loaded: false,
        }
    }

    /// The id map's system presences completed by, and the secondary labels taken from, the org's
    /// presence definitions; see the module docs for the matching rules.
    pub fn from_definitions(idmap: &IdMap, definitions: &[PresenceDefinition]) -> Self {
        let mut catalog = Self::from_idmap(idmap);
        catalog.labels_loaded = true;
        let managed: BTreeSet<&str> = idmap
            .tables
            .secondary_statuses
            .values()
            .map(crate::ids::GenesysId::as_str)
            .collect();
        let mut sorted: Vec<&PresenceDefinition> = definitions
            .iter()
            .filter(|d| d.id.is_some() && d.deactivated != Some(true))
            .collect();
        // managed first, then by id, so the first definition to claim a label is the right one
        sorted.sort_by_key(|d| {
            let id = d.id.as_deref().unwrap_or_default();
            (!managed.contains(id), id.to_owned())
        });
        for definition in sorted {
            let Some(id) = definition.id.clone() else {
                continue;
            };
            if is_system(definition) {
                if let Some(presence) = definition
                    .system_presence
                    .as_deref()
                    .and_then(system_presence)
                {
                    catalog.system.entry(presence).or_insert(id);
                }
                continue;
            }
            for label in definition.language_labels.values() {
                catalog
                    .secondary
                    .entry(label.clone())
                    .or_insert_with(|| id.clone());
            }
        }
        catalog
    }

    /// The definition id of a target, if known.
    pub fn resolve(&self, target: &PresenceTarget) -> Option<&str> {
        match target {
            PresenceTarget::System(presence) => self.system.get(presence),
            PresenceTarget::Secondary(label) => self.secondary.get(label),
        }
        .map(String::as_str)
    }

    /// Whether some target of the table is not resolvable yet but could be once the definitions
    /// are read (a secondary label, or a system presence missing from the id map).
    pub fn wants_definitions(&self, table: &StatusTable) -> bool {
        !self.labels_loaded && targets(table).any(|target| self.resolve(target).is_none())
    }
}

/// Every presence target of a table, the fallback included.
fn targets(table: &StatusTable) -> impl Iterator<Item = &PresenceTarget> {
    table
        .rules
        .iter()
        .map(|rule| &rule.presence)
        .chain(std::iter::once(&table.fallback.presence))
}

fn is_system(definition: &PresenceDefinition) -> bool {
    definition
        .r#type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("system"))
}

fn system_presence(name: &str) -> Option<SystemPresence> {
    SystemPresence::ALL
        .into_iter()
        .find(|p| p.as_str().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(id: &str, kind: &str, system: &str, label: &str) -> PresenceDefinition {
        PresenceDefinition {
            id: Some(id.into()),
            language_labels: [("en_US".to_owned(), label.to_owned())].into(),
            system_presence: Some(system.into()),
            r#type: Some(kind.into()),
            ..PresenceDefinition::default()
        }
    }

    #[test]
    fn a_managed_definition_wins_a_shared_label_and_system_ones_never_match_a_label() {
        let mut idmap = IdMap::new();
        idmap
            .tables
            .secondary_statuses
            .insert("nr-lunch".into(), "z-managed".into());
        let definitions = [
            definition("a-foreign", "User", "Meal", "Lunch"),
            definition("z-managed", "User", "Meal", "Lunch"),
            definition("sys-busy", "System", "Busy", "Busy"),
        ];
        let catalog = PresenceCatalog::from_definitions(&idmap, &definitions);
        let lunch = PresenceTarget::Secondary("Lunch".into());
        assert_eq!(catalog.resolve(&lunch), Some("z-managed"));
        assert_eq!(
            catalog.resolve(&PresenceTarget::Secondary("Busy".into())),
            None
        );
        assert_eq!(
            catalog.resolve(&PresenceTarget::System(SystemPresence::Busy)),
            Some("sys-busy")
        );
    }

    #[test]
    fn the_id_map_system_presences_are_kept_over_the_listing() {
        let mut idmap = IdMap::new();
        idmap
            .system_presences
            .insert("Busy".into(), "from-idmap".into());
        let catalog = PresenceCatalog::from_definitions(
            &idmap,
            &[definition("other", "System", "Busy", "Busy")],
        );
        assert_eq!(
            catalog.resolve(&PresenceTarget::System(SystemPresence::Busy)),
            Some("from-idmap")
        );
    }
}
