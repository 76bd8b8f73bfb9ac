//! Skipped events: why an event was not sent ([`SkipReason`]) and the short list of recent skips
//! an agent's record keeps ([`SkippedEvent`], at most [`RECENT_SKIPS`]) so `exsync explain agent`
//! can answer "why is this agent's presence not what the platform says".
//!
//! What a skip costs in state-store writes (a record is written at most once per agent per batch,
//! see `claim.rs`, and every write is paid for):
//! - a **duplicate** or **stale** skip is an anomaly, rare and exactly what an operator asks
//!   about: it is recorded, and the record is written for it even when nothing else changed;
//! - an **unchanged** skip is routine (repeated states, heartbeats). It never causes a write of
//!   its own: an unchanged event is *taken* (it becomes the record's last event, which is what
//!   makes a later, older event stale), so the record is written for it anyway, and its skip is
//!   recorded in that same write at no extra cost;
//! - so that routine skips never push anomalies out of the short list, a full list drops its
//!   oldest unchanged skip first, and only when it holds none its oldest skip.
//!
//! The time of a skip is the batch's processing time; a caller that has none (the pure golden
//! tests) leaves it out, which keeps records independent of the clock.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many recent skipped events a record keeps.
pub const RECENT_SKIPS: usize = 10;

/// Why an event was not sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum SkipReason {
    /// The agent's record has seen this event id (a redelivery or a duplicate message).
    Duplicate,
    /// Older than the last event taken for the agent.
    #[serde(rename_all = "camelCase")]
    Stale {
        /// `occurredAt` of the last event taken
        last_occurred_at: DateTime<Utc>,
    },
    /// Neither the presence nor the routing status changes.
    Unchanged,
}

impl SkipReason {
    /// Whether the skip is an anomaly (duplicate, stale) rather than routine (unchanged).
    pub fn is_anomaly(&self) -> bool {
        !matches!(self, Self::Unchanged)
    }
}

/// One skipped event as an agent's record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedEvent {
    /// The external event id.
    pub event_id: String,
    /// Its `occurredAt`.
    pub occurred_at: DateTime<Utc>,
    /// When the batch holding it was processed, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped_at: Option<DateTime<Utc>>,
    /// Why it was skipped (`reason`, and `lastOccurredAt` for a stale event).
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// Appends `skip` to `recent` (oldest first), keeping at most [`RECENT_SKIPS`]: the oldest
/// unchanged skip goes first, an anomaly only when no unchanged skip is left.
pub fn remember_skip(recent: &mut Vec<SkippedEvent>, skip: SkippedEvent) {
    recent.push(skip);
    while recent.len() > RECENT_SKIPS {
        let drop = recent
            .iter()
            .position(|s| !s.reason.is_anomaly())
            .unwrap_or(0);
        recent.remove(drop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(id: &str, reason: SkipReason) -> SkippedEvent {
        SkippedEvent {
            event_id: id.into(),
            occurred_at: "2026-11-24T08:00:00Z".parse().unwrap(),
            skipped_at: None,
            reason,
        }
    }

    fn ids(recent: &[SkippedEvent]) -> Vec<&str> {
        recent.iter().map(|s| s.event_id.as_str()).collect()
    }

    #[test]
    fn the_list_is_bounded_and_drops_the_oldest_first() {
        let mut recent = Vec::new();
        for i in 0..RECENT_SKIPS + 3 {
            remember_skip(&mut recent, skip(&format!("d{i}"), SkipReason::Duplicate));
        }
        assert_eq!(recent.len(), RECENT_SKIPS);
        assert_eq!(recent[0].event_id, "d3");
        assert_eq!(
            recent[RECENT_SKIPS - 1].event_id,
            format!("d{}", RECENT_SKIPS + 2)
        );
    }

    #[test]
    fn routine_unchanged_skips_never_push_an_anomaly_out() {
        let mut recent = vec![skip("stale-1", stale())];
        for i in 0..3 * RECENT_SKIPS {
            remember_skip(&mut recent, skip(&format!("u{i}"), SkipReason::Unchanged));
        }
        assert_eq!(recent.len(), RECENT_SKIPS);
        assert_eq!(recent[0].event_id, "stale-1", "{:?}", ids(&recent));
        assert_eq!(
            recent[RECENT_SKIPS - 1].event_id,
            format!("u{}", 3 * RECENT_SKIPS - 1)
        );
    }

    #[test]
    fn a_skip_is_stored_flat_with_its_reason_and_reads_back() {
        let mut stale = skip("e-7", stale());
        stale.skipped_at = Some("2026-11-24T09:00:00Z".parse().unwrap());

        let json = serde_json::to_value(&stale).unwrap();

        assert_eq!(
            json,
            serde_json::json!({
                "eventId": "e-7",
                "occurredAt": "2026-11-24T08:00:00Z",
                "skippedAt": "2026-11-24T09:00:00Z",
                "reason": "stale",
                "lastOccurredAt": "2026-11-24T08:30:00Z"
            })
        );
        assert_eq!(serde_json::from_value::<SkippedEvent>(json).unwrap(), stale);
    }

    fn stale() -> SkipReason {
        SkipReason::Stale {
            last_occurred_at: "2026-11-24T08:30:00Z".parse().unwrap(),
        }
    }
}
