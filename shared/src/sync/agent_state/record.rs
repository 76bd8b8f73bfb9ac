//! The per-agent record kept in the state store (`agent-state/last/<agent>.json`): the last event
//! taken for the agent, the last presence and routing status sent, with whether Genesys
//! accepted them, and the recent events skipped with their reasons (see `skipped.rs` for which
//! skips are kept and what they cost in writes).
//!
//! It is what makes the function skip duplicates and stale events, send a presence or routing
//! status only when it changes, and re-send a state Genesys did not accept with the agent's next
//! event. It is read once per agent per batch and written once per agent per batch, only when it
//! changed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::skipped::{SkippedEvent, remember_skip};
use crate::mapping::RoutingStatus;

/// How many recent external event ids a record remembers for duplicate detection.
pub const RECENT_EVENT_IDS: usize = 16;

/// `exsync.agent-state-record/v1`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentRecord {
    /// always `exsync.agent-state-record/v1`
    pub schema: String,
    /// The external agent id.
    pub agent_id: String,
    /// The last event taken (sent, unchanged or dead-lettered after Genesys refused it).
    pub last_event_id: String,
    /// Its `occurredAt`; an event older than this is stale.
    pub last_occurred_at: DateTime<Utc>,
    /// The most recent external event ids taken, oldest first, at most [`RECENT_EVENT_IDS`].
    #[serde(default)]
    pub recent_event_ids: Vec<String>,
    /// The last presence sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Sent<String>>,
    /// The last routing status sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_status: Option<Sent<RoutingStatus>>,
    /// The most recent events skipped, oldest first, at most
    /// [`RECENT_SKIPS`](super::skipped::RECENT_SKIPS).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recent_skips: Vec<SkippedEvent>,
}

/// A value sent to Genesys and whether it was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent<T> {
    /// The presence definition id or the routing status.
    pub value: T,
    /// The Genesys event id it went out with.
    pub event_id: String,
    /// The source time it went out with.
    pub occurred_at: DateTime<Utc>,
    /// False when Genesys refused it: the next event of the agent sends it again.
    pub delivered: bool,
}

impl<T: PartialEq> Sent<T> {
    /// Whether `value` must go out: it differs, or the last one was not delivered.
    pub fn needs(&self, value: &T) -> bool {
        !self.delivered || self.value != *value
    }
}

impl AgentRecord {
    /// A record that has seen nothing yet.
    pub fn empty(agent_id: &str, first_at: DateTime<Utc>) -> Self {
        Self {
            schema: "exsync.agent-state-record/v1".into(),
            agent_id: agent_id.to_owned(),
            last_event_id: String::new(),
            last_occurred_at: first_at,
            recent_event_ids: Vec::new(),
            presence: None,
            routing_status: None,
            recent_skips: Vec::new(),
        }
    }

    /// Whether the record has seen this external event.
    pub fn has_seen(&self, event_id: &str) -> bool {
        self.last_event_id == event_id || self.recent_event_ids.iter().any(|id| id == event_id)
    }

    /// Takes an event: it becomes the last one.
    pub fn take(&mut self, event_id: &str, occurred_at: DateTime<Utc>) {
        self.last_event_id = event_id.to_owned();
        self.last_occurred_at = occurred_at;
        self.recent_event_ids.push(event_id.to_owned());
        let excess = self.recent_event_ids.len().saturating_sub(RECENT_EVENT_IDS);
        self.recent_event_ids.drain(..excess);
    }

    /// Keeps a skipped event in [`AgentRecord::recent_skips`] (bounded, see `skipped.rs`).
    pub fn skipped(&mut self, skip: SkippedEvent) {
        remember_skip(&mut self.recent_skips, skip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_remembers_only_the_recent_ids() {
        let at: DateTime<Utc> = "2026-11-24T08:00:00Z".parse().unwrap();
        let mut record = AgentRecord::empty("a", at);
        for i in 0..20 {
            record.take(&format!("e{i}"), at);
        }
        assert_eq!(record.recent_event_ids.len(), RECENT_EVENT_IDS);
        assert!(record.has_seen("e19") && record.has_seen("e4") && !record.has_seen("e3"));
    }

    #[test]
    fn an_undelivered_value_is_needed_again_even_when_equal() {
        let at: DateTime<Utc> = "2026-11-24T08:00:00Z".parse().unwrap();
        let mut sent = Sent {
            value: RoutingStatus::Idle,
            event_id: "x".into(),
            occurred_at: at,
            delivered: true,
        };
        assert!(!sent.needs(&RoutingStatus::Idle));
        assert!(sent.needs(&RoutingStatus::OffQueue));
        sent.delivered = false;
        assert!(sent.needs(&RoutingStatus::Idle));
    }
}
