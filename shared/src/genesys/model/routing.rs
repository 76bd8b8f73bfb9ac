//! Skills, languages, queues, queue members and wrap-up codes.

use serde::{Deserialize, Serialize};

use super::common::EntityRef;

/// `RoutingSkill`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingSkill {
    /// id
    pub id: String,
    /// name (immutable in Genesys)
    pub name: String,
    /// division
    #[serde(default)]
    pub division: Option<EntityRef>,
    /// `active`, `inactive` or `deleted`
    #[serde(default)]
    pub state: Option<String>,
}

/// `CreateRoutingSkill`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRoutingSkill {
    /// name
    pub name: String,
    /// division id
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
}

/// `Language` (request and response)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Language {
    /// id, absent on create
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// name (immutable in Genesys)
    pub name: String,
    /// `active`, `inactive` or `deleted` (read-only)
    #[serde(default, skip_serializing)]
    pub state: Option<String>,
}

/// `Queue` as returned (the fields exsync reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Queue {
    /// id
    pub id: String,
    /// name
    #[serde(default)]
    pub name: Option<String>,
    /// division
    #[serde(default)]
    pub division: Option<EntityRef>,
    /// description
    #[serde(default)]
    pub description: Option<String>,
}

/// `CreateQueueRequest` / `QueueRequest` (a PUT replaces the whole queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueWrite {
    /// name
    pub name: String,
    /// division
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<EntityRef>,
    /// description
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `QueueMember`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueMember {
    /// the member's user id
    pub id: String,
    /// the member's name
    #[serde(default)]
    pub name: Option<String>,
    /// joined the queue (on queue)
    #[serde(default)]
    pub joined: Option<bool>,
}

/// `WrapupCode`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WrapupCode {
    /// id
    pub id: String,
    /// name
    pub name: String,
    /// division
    #[serde(default)]
    pub division: Option<EntityRef>,
    /// description
    #[serde(default)]
    pub description: Option<String>,
}

/// `WrapupCodeRequest`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WrapupCodeWrite {
    /// name
    pub name: String,
    /// division
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<EntityRef>,
    /// description
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
