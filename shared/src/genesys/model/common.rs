//! Small shapes shared by several API areas: entity references and divisions.

use serde::{Deserialize, Serialize};

/// A reference to another entity: `{id, name?, selfUri?}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityRef {
    /// the entity's id
    pub id: String,
    /// its name, in responses
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl EntityRef {
    /// A reference by id only, as request bodies carry it.
    pub fn id(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: None,
        }
    }
}

/// `AuthzDivision`: a division (business unit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Division {
    /// id, absent on create
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// display name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// description (the contract marks it required on writes)
    #[serde(default)]
    pub description: String,
    /// true for the org's home division (read-only)
    #[serde(default, skip_serializing)]
    pub home_division: Option<bool>,
}
