//! Presence configuration: organization presence definitions (the ten system presences are
//! pre-seeded with fixed ids), presence sources, and the org's presence settings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::table::keyed_by_id;
use crate::ids::{derived_id, new_id};

/// The ten system presences, in Genesys's order.
pub const SYSTEM_PRESENCES: [&str; 10] = [
    "Available",
    "Away",
    "Busy",
    "Offline",
    "Idle",
    "OnQueue",
    "Meal",
    "Training",
    "Meeting",
    "Break",
];

/// The native presence source id (Genesys Cloud's own presence).
pub const NATIVE_SOURCE_ID: &str = "PURECLOUD";

/// The fixed id of the system presence definition for `name` (e.g. `Available`).
pub fn system_definition_id(name: &str) -> String {
    derived_id(&format!("presence-definition:{name}"))
}

/// The `/api/v2/systempresences` id of a system presence (`ON_QUEUE` for `OnQueue`).
pub fn system_presence_key(name: &str) -> String {
    let mut key = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            key.push('_');
        }
        key.push(c.to_ascii_uppercase());
    }
    key
}

/// A presence definition: system (`type: System`) or a custom secondary status (`User`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceDefinition {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// `System` or `User`.
    #[serde(rename = "type", default = "user_type")]
    pub kind: String,
    /// Locale → label.
    pub language_labels: BTreeMap<String, String>,
    /// The system presence it rolls up to.
    pub system_presence: String,
    /// Division id.
    #[serde(default)]
    pub division_id: Option<String>,
    /// Deactivated definitions are hidden from default listings.
    #[serde(default)]
    pub deactivated: bool,
}

impl PresenceDefinition {
    /// The system definition for one of [`SYSTEM_PRESENCES`].
    pub fn system(name: &str) -> Self {
        PresenceDefinition {
            id: system_definition_id(name),
            kind: "System".into(),
            language_labels: BTreeMap::from([("en_US".to_owned(), display_label(name))]),
            system_presence: name.to_owned(),
            division_id: None,
            deactivated: false,
        }
    }
}

fn display_label(name: &str) -> String {
    if name == "OnQueue" {
        "On Queue".to_owned()
    } else {
        name.to_owned()
    }
}

fn user_type() -> String {
    "User".into()
}

/// A registered presence source (the external platform).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceSource {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name, unique.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `System` or `User`.
    #[serde(rename = "type", default = "user_type")]
    pub kind: String,
    /// Deactivated sources are hidden from default listings.
    #[serde(default)]
    pub deactivated: bool,
}

/// The org's presence settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceSettings {
    /// `restorePresenceSettings` as last PUT.
    #[serde(default)]
    pub restore_presence_settings: Option<Value>,
    /// `requestingOffQueueEnabled`.
    #[serde(default)]
    pub requesting_off_queue_enabled: Option<bool>,
    /// The org-wide default primary source.
    #[serde(default)]
    pub default_primary_presence_registered_source_id: Option<String>,
}

keyed_by_id!(PresenceDefinition, PresenceSource);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_presence_keys_are_upper_snake_case() {
        assert_eq!(system_presence_key("OnQueue"), "ON_QUEUE");
        assert_eq!(system_presence_key("Available"), "AVAILABLE");
    }

    #[test]
    fn system_definitions_have_fixed_ids() {
        assert_eq!(
            PresenceDefinition::system("Break").id,
            system_definition_id("Break")
        );
        assert_ne!(system_definition_id("Break"), system_definition_id("Meal"));
    }
}
