//! Presence definitions (system and secondary statuses), sources and settings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `OrganizationPresenceDefinition` (request and response).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceDefinition {
    /// id, absent on create
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// label per locale, e.g. `{"en_US": "Lunch"}` (required)
    pub language_labels: BTreeMap<String, String>,
    /// the system presence it rolls up to (`Available`, `Meal`, ...)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_presence: Option<String>,
    /// `System` or `User` (read-only for exsync)
    #[serde(default, skip_serializing)]
    pub r#type: Option<String>,
    /// division id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
    /// deactivated
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deactivated: Option<bool>,
}

/// `SystemPresence`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemPresence {
    /// id
    #[serde(default)]
    pub id: Option<String>,
    /// name, e.g. `Available`
    #[serde(default)]
    pub name: Option<String>,
}

/// `Source`: a registered presence source (the external platform).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceSource {
    /// id, absent on create
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// name
    pub name: String,
    /// description
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// deactivated
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deactivated: Option<bool>,
}

/// `PresenceSettings`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceSettings {
    /// the org-wide default primary presence source
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_primary_presence_registered_source_id: Option<String>,
    /// restore settings (kept as received, sent back unchanged)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_presence_settings: Option<serde_json::Value>,
    /// whether agents may request off-queue
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requesting_off_queue_enabled: Option<bool>,
}
