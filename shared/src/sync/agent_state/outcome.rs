//! The outcome of one batch: the counts (one serialisable struct, what the metrics are made of)
//! and the message ids to report back to SQS.

use std::collections::BTreeMap;

use std::fmt;

use serde::Serialize;

use super::inbound::{BadInput, QueueKind};
use super::plan::Plan;
use super::settle::{EventStatus, MessageVerdict, Settlement};
use super::skipped::SkipReason;
use crate::genesys::ClientStats;

/// Every count of a batch. Each event ends in exactly one of applied, skipped, dead-lettered or
/// retried (bad input that is not a readable event counts as one dead-lettered event).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentStateCounts {
    /// messages in the batch
    pub messages_received: u64,
    /// messages acknowledged (dead-lettered ones included)
    pub messages_acknowledged: u64,
    /// messages reported in `batchItemFailures`
    pub messages_retried: u64,
    /// messages with at least one dead-lettered event or bad body
    pub messages_dead_lettered: u64,
    /// events read (plus unreadable bodies and events)
    pub events_received: u64,
    /// events whose presence and routing status Genesys accepted
    pub events_applied: u64,
    /// events skipped (duplicate, stale, unchanged)
    pub events_skipped: u64,
    /// of which duplicates
    pub skipped_duplicate: u64,
    /// of which older than the last event taken
    pub skipped_stale: u64,
    /// of which changed nothing
    pub skipped_unchanged: u64,
    /// events dead-lettered
    pub events_dead_lettered: u64,
    /// events whose message is retried
    pub events_retried: u64,
    /// presence events sent
    pub presence_events_sent: u64,
    /// routing-status events sent
    pub routing_status_events_sent: u64,
    /// `POST /api/v2/events/users/presence` calls
    pub presence_calls: u64,
    /// `POST /api/v2/events/users/routingstatus` calls
    pub routing_status_calls: u64,
    /// `GET /api/v2/users/externalid/...` lookups for agents missing from the id map
    pub user_lookups: u64,
    /// values sent again because the last one was not delivered
    pub reasserted: u64,
    /// unmapped (state, reason, activity) values that took the fallback, with counts
    pub unmapped: BTreeMap<String, u64>,
    /// presence targets without a definition id, with counts
    pub unresolved_presences: BTreeMap<String, u64>,
    /// the Genesys client's counters during the batch (calls incl. retries, 429s, time waited)
    pub genesys: ClientStats,
}

/// One event's result, for logs, tests and the demo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventResult {
    /// the SQS message id
    pub message_id: String,
    /// the external event id
    pub event_id: String,
    /// the external agent id
    pub agent_id: String,
    /// what happened
    #[serde(flatten)]
    pub status: EventStatus,
}

/// The outcome of one batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchOutcome {
    /// the queue kind the batch was taken as
    pub queue: QueueKind,
    /// the counts
    pub counts: AgentStateCounts,
    /// message ids for `batchItemFailures`, in batch order
    pub retry_message_ids: Vec<String>,
    /// state-store keys of the dead letters written
    pub dead_letters: Vec<String>,
    /// every event's result, in batch order
    pub events: Vec<EventResult>,
}

impl AgentStateCounts {
    /// The counts of a settled batch (the call counts and client stats are added by the caller).
    pub fn tally(bad: &[BadInput], plan: &Plan, settlement: &Settlement) -> Self {
        let mut counts = Self {
            messages_received: settlement.messages.len() as u64,
            events_received: (settlement.events.len() + bad.len()) as u64,
            presence_events_sent: plan.presence.len() as u64,
            routing_status_events_sent: plan.routing.len() as u64,
            reasserted: plan.reasserted,
            unmapped: plan.unmapped.clone(),
            unresolved_presences: plan.unresolved.clone(),
            ..Self::default()
        };
        for input in bad {
            match settlement.messages.get(input.message) {
                Some(MessageVerdict::Retry { .. }) => counts.events_retried += 1,
                _ => counts.events_dead_lettered += 1,
            }
        }
        for verdict in &settlement.messages {
            match verdict {
                MessageVerdict::Acknowledged => counts.messages_acknowledged += 1,
                MessageVerdict::DeadLettered { .. } => {
                    counts.messages_acknowledged += 1;
                    counts.messages_dead_lettered += 1;
                }
                MessageVerdict::Retry { .. } => counts.messages_retried += 1,
            }
        }
        for status in &settlement.events {
            match status {
                EventStatus::Applied => counts.events_applied += 1,
                EventStatus::Skipped(reason) => {
                    counts.events_skipped += 1;
                    match reason {
                        SkipReason::Duplicate => counts.skipped_duplicate += 1,
                        SkipReason::Stale { .. } => counts.skipped_stale += 1,
                        SkipReason::Unchanged => counts.skipped_unchanged += 1,
                    }
                }
                EventStatus::DeadLettered { .. } => counts.events_dead_lettered += 1,
                EventStatus::Retried { .. } => counts.events_retried += 1,
            }
        }
        counts
    }
}

impl fmt::Display for EventResult {
    /// `agent-1002 shift-016: skipped, stale (older than 08:20:03.000)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.agent_id, self.event_id)?;
        match &self.status {
            EventStatus::Applied => f.write_str("applied"),
            EventStatus::Skipped(SkipReason::Duplicate) => f.write_str("skipped, duplicate"),
            EventStatus::Skipped(SkipReason::Unchanged) => f.write_str("skipped, unchanged"),
            EventStatus::Skipped(SkipReason::Stale { last_occurred_at }) => write!(
                f,
                "skipped, stale (older than {})",
                last_occurred_at.format("%H:%M:%S%.3f")
            ),
            EventStatus::DeadLettered { reason } => write!(f, "dead-lettered: {reason}"),
            EventStatus::Retried { reason } => write!(f, "retried: {reason}"),
        }
    }
}
