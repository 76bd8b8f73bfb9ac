//! Configuration objects other than users: divisions, ACD skills and languages, queues,
//! and wrap-up codes. These are the emulator's own state types (it never shares the
//! exsync crate's wire models), serialized camelCase in `state_json` and seed snapshots.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::table::keyed_by_id;
use crate::ids::{new_id, now};

/// The life-cycle state shared by users, skills and languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LifeState {
    /// Visible in default listings.
    #[default]
    Active,
    /// Kept but inactive.
    Inactive,
    /// Soft-deleted.
    Deleted,
}

impl LifeState {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LifeState::Active => "active",
            LifeState::Inactive => "inactive",
            LifeState::Deleted => "deleted",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(text: &str) -> Option<LifeState> {
        match text {
            "active" => Some(LifeState::Active),
            "inactive" => Some(LifeState::Inactive),
            "deleted" => Some(LifeState::Deleted),
            _ => None,
        }
    }
}

/// An authorization division (business unit).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Division {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Description (the contract marks it required on writes).
    #[serde(default)]
    pub description: String,
    /// Whether this is the org's home division (exactly one is).
    #[serde(default)]
    pub home_division: bool,
}

/// An ACD skill. Immutable except for its division.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Skill {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Division id (empty = home, resolved when seeded).
    #[serde(default)]
    pub division_id: String,
    /// Life-cycle state.
    #[serde(default)]
    pub state: LifeState,
    /// Version counter.
    #[serde(default = "one")]
    pub version: u64,
    /// Last change.
    #[serde(default = "now")]
    pub date_modified: DateTime<Utc>,
}

/// An ACD language. Immutable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Language {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Life-cycle state.
    #[serde(default)]
    pub state: LifeState,
    /// Version counter.
    #[serde(default = "one")]
    pub version: u64,
    /// Last change.
    #[serde(default = "now")]
    pub date_modified: DateTime<Utc>,
}

/// A wrap-up code.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WrapupCode {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Division id (empty = home).
    #[serde(default)]
    pub division_id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Creation time.
    #[serde(default = "now")]
    pub date_created: DateTime<Utc>,
    /// Last change.
    #[serde(default = "now")]
    pub date_modified: DateTime<Utc>,
}

/// A queue member: a user and whether they joined.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QueueMember {
    /// The member user's id.
    pub user_id: String,
    /// Joined (active) in the queue.
    #[serde(default = "yes")]
    pub joined: bool,
}

/// An ACD queue. `settings` keeps the other request fields verbatim (PUT replaces them all).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Queue {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Division id (empty = home).
    #[serde(default)]
    pub division_id: String,
    /// Other queue settings as sent (description, mediaSettings, acwSettings, ...).
    #[serde(default)]
    pub settings: Map<String, Value>,
    /// Members in insertion order.
    #[serde(default)]
    pub members: Vec<QueueMember>,
    /// Wrap-up codes linked to the queue.
    #[serde(default)]
    pub wrapup_code_ids: Vec<String>,
    /// Creation time.
    #[serde(default = "now")]
    pub date_created: DateTime<Utc>,
    /// Last change.
    #[serde(default = "now")]
    pub date_modified: DateTime<Utc>,
}

fn one() -> u64 {
    1
}

fn yes() -> bool {
    true
}

keyed_by_id!(Division, Skill, Language, WrapupCode, Queue);
