//! The event-injection batches: user presence, user routing status, conversations.
//!
//! Every event carries a V4 UUID `eventId` (exsync derives it from the external event id) and the
//! source timestamp `eventDateTime`. Genesys answers each batch with `BatchEventResponse`, listing
//! per-event errors with a `retryable` flag.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `UserPresenceEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPresenceEvent {
    /// V4 UUID, the dedupe key
    pub event_id: String,
    /// when it happened at the source
    pub event_date_time: DateTime<Utc>,
    /// Genesys user id
    pub user_id: String,
    /// the presence source id
    pub source_id: String,
    /// system or secondary presence definition id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence_definition_id: Option<String>,
    /// status message
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Routing status values of the events API (PascalCase, unlike the native `OFF_QUEUE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventRoutingStatus {
    /// not taking ACD work
    OffQueue,
    /// on queue, waiting
    Idle,
    /// handling an interaction
    Interacting,
    /// on a non-ACD communication
    Communicating,
    /// did not answer an alert
    NotResponding,
}

/// `UserRoutingStatusEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRoutingStatusEvent {
    /// V4 UUID, the dedupe key
    pub event_id: String,
    /// when it happened at the source
    pub event_date_time: DateTime<Utc>,
    /// Genesys user id (named `agentId` by the API)
    pub agent_id: String,
    /// the routing status
    pub status: EventRoutingStatus,
    /// the source platform id
    pub source_id: String,
}

/// `BatchUserPresenceEventRequest`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchUserPresenceEventRequest {
    /// the events, in time order
    pub user_presence_events: Vec<UserPresenceEvent>,
}

/// `BatchUserRoutingStatusEventRequest`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchUserRoutingStatusEventRequest {
    /// the events, in time order
    pub user_routing_status_events: Vec<UserRoutingStatusEvent>,
}

/// `BatchEventResponse`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchEventResponse {
    /// per-event errors; empty when every event was accepted
    #[serde(default)]
    pub errors: Vec<EventError>,
}

/// `EventError`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventError {
    /// the failed event
    #[serde(default)]
    pub event_id: Option<String>,
    /// why
    #[serde(default)]
    pub message: Option<String>,
    /// whether sending it again may succeed
    #[serde(default)]
    pub retryable: bool,
}
