//! Conversation and recording metadata reads (verification of what was injected).

use serde::{Deserialize, Serialize};

/// `Conversation` (the fields exsync reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    /// conversation id
    pub id: String,
    /// the external tag (`sourceConfiguration.tagId`)
    #[serde(default)]
    pub external_tag: Option<String>,
    /// start
    #[serde(default)]
    pub start_time: Option<String>,
    /// end
    #[serde(default)]
    pub end_time: Option<String>,
    /// participants
    #[serde(default)]
    pub participants: Vec<Participant>,
}

/// `Participant` (the fields exsync reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// participant id
    #[serde(default)]
    pub id: Option<String>,
    /// `customer`, `ivr`, `acd`, `agent`, `external`, ...
    #[serde(default)]
    pub purpose: Option<String>,
    /// the agent's user id
    #[serde(default)]
    pub user_id: Option<String>,
    /// the queue id
    #[serde(default)]
    pub queue_id: Option<String>,
    /// start
    #[serde(default)]
    pub start_time: Option<String>,
    /// end
    #[serde(default)]
    pub end_time: Option<String>,
    /// caller number
    #[serde(default)]
    pub ani: Option<String>,
    /// dialed number
    #[serde(default)]
    pub dnis: Option<String>,
    /// the wrap-up
    #[serde(default)]
    pub wrapup: Option<serde_json::Value>,
}

/// `RecordingMetadata` (the fields exsync reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingMetadata {
    /// recording id
    #[serde(default)]
    pub id: Option<String>,
    /// its conversation
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// `audio`, ...
    #[serde(default)]
    pub media: Option<String>,
    /// `UPLOADING`, `AVAILABLE`, ...
    #[serde(default)]
    pub file_state: Option<String>,
    /// start
    #[serde(default)]
    pub start_time: Option<String>,
    /// end
    #[serde(default)]
    pub end_time: Option<String>,
}
