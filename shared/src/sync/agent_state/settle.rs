//! The pure settlement: what Genesys answered for each planned event → a final status per event,
//! a verdict per message, and the agents' updated records.
//!
//! - A message with an event to retry (a retryable per-event error, a failed call, a lookup that
//!   failed for now) is retried, and so is every later message of the same agent (and, on a FIFO
//!   queue, of the same message group): SQS then redelivers them in order.
//! - A message with bad input, an unknown agent or an event Genesys refused for good is
//!   dead-lettered with the reasons and acknowledged, so it never blocks its agent.
//! - Everything else is acknowledged.
//!
//! An agent's record advances over its events up to the first one that will be retried; a
//! presence or routing status Genesys refused is recorded as not delivered, so the agent's next
//! event sends it again; the events skipped on the way are kept in it (see `skipped.rs`).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::inbound::{InboundMessage, ParsedBatch, QueueKind};
use super::plan::{Decision, Plan};
use super::record::{AgentRecord, Sent};
use super::retry::propagate;
use super::skipped::{SkipReason, SkippedEvent};

/// What Genesys did with one planned event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted.
    Accepted,
    /// Not accepted; may be later (retryable error, failed call).
    Retry(String),
    /// Refused for good.
    Refused(String),
}

/// The deliveries of the planned events, parallel to [`Plan::presence`] and [`Plan::routing`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deliveries {
    /// one per presence event
    pub presence: Vec<Delivery>,
    /// one per routing-status event
    pub routing: Vec<Delivery>,
}

impl Deliveries {
    /// Every planned event accepted.
    pub fn all_accepted(plan: &Plan) -> Self {
        Self {
            presence: vec![Delivery::Accepted; plan.presence.len()],
            routing: vec![Delivery::Accepted; plan.routing.len()],
        }
    }
}

/// The final status of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum EventStatus {
    /// Genesys accepted what was sent for it.
    Applied,
    /// Not sent, with the reason.
    Skipped(SkipReason),
    /// Dead-lettered, with the reason.
    DeadLettered {
        /// why
        reason: String,
    },
    /// Its message is retried.
    Retried {
        /// why
        reason: String,
    },
}

/// What happens to one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "camelCase")]
pub enum MessageVerdict {
    /// Done: delete it from the queue.
    Acknowledged,
    /// Dead letter with these reasons, then acknowledge.
    DeadLettered {
        /// every reason, naming the event
        reasons: Vec<String>,
    },
    /// Report it in `batchItemFailures` so SQS redelivers it.
    Retry {
        /// why
        reason: String,
    },
}

/// The settlement of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// final status per parsed event
    pub events: Vec<EventStatus>,
    /// verdict per message
    pub messages: Vec<MessageVerdict>,
    /// the records that changed, to be written
    pub records: Vec<AgentRecord>,
}

/// Settles a batch; pure. Messages in `forced` are retried whatever their events' fate (a dead
/// letter that could not be written), and so are the later ones of their agents.
pub fn settle(
    messages: &[InboundMessage],
    parsed: &ParsedBatch,
    plan: &Plan,
    deliveries: &Deliveries,
    records: &HashMap<String, AgentRecord>,
    kind: QueueKind,
    forced: &BTreeSet<usize>,
) -> Settlement {
    let raw: Vec<EventStatus> = plan
        .decisions
        .iter()
        .map(|d| raw_status(d.as_ref(), deliveries))
        .collect();
    let mut failed = forced.clone();
    failed.extend(
        raw.iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, EventStatus::Retried { .. }))
            .map(|(i, _)| parsed.events[i].message),
    );
    let retried = propagate(messages, parsed, plan, kind, failed);
    let events: Vec<EventStatus> = raw
        .into_iter()
        .enumerate()
        .map(|(i, status)| match status {
            EventStatus::Retried { .. } => status,
            _ if retried.contains(&parsed.events[i].message) => EventStatus::Retried {
                reason: "an earlier event of the agent is retried first".into(),
            },
            other => other,
        })
        .collect();
    let verdicts = verdicts(messages.len(), parsed, &events, &retried);
    let updated = fold_records(parsed, plan, deliveries, records, &retried);
    Settlement {
        events,
        messages: verdicts,
        records: updated,
    }
}

fn raw_status(decision: Option<&Decision>, deliveries: &Deliveries) -> EventStatus {
    match decision {
        None => EventStatus::DeadLettered {
            reason: "not planned".into(),
        },
        Some(Decision::Skip(reason)) => EventStatus::Skipped(reason.clone()),
        Some(Decision::DeadLetter(reason)) => EventStatus::DeadLettered {
            reason: reason.clone(),
        },
        Some(Decision::Retry(reason)) => EventStatus::Retried {
            reason: reason.clone(),
        },
        Some(Decision::Send { presence, routing }) => {
            let parts = [
                presence
                    .and_then(|i| deliveries.presence.get(i))
                    .map(|d| ("presence", d)),
                routing
                    .and_then(|i| deliveries.routing.get(i))
                    .map(|d| ("routing status", d)),
            ];
            let mut status = EventStatus::Applied;
            for (what, delivery) in parts.into_iter().flatten() {
                match delivery {
                    Delivery::Accepted => {}
                    Delivery::Retry(why) => {
                        return EventStatus::Retried {
                            reason: format!("{what}: {why}"),
                        };
                    }
                    Delivery::Refused(why) => {
                        status = EventStatus::DeadLettered {
                            reason: format!("genesys refused the {what}: {why}"),
                        };
                    }
                }
            }
            status
        }
    }
}

fn verdicts(
    count: usize,
    parsed: &ParsedBatch,
    events: &[EventStatus],
    retried: &BTreeSet<usize>,
) -> Vec<MessageVerdict> {
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); count];
    let mut retry: Vec<Option<String>> = vec![None; count];
    for bad in &parsed.bad {
        reasons[bad.message].push(bad.reason.clone());
    }
    for (i, status) in events.iter().enumerate() {
        let (message, id) = (
            parsed.events[i].message,
            parsed.events[i].event.event_id.as_str(),
        );
        match status {
            EventStatus::DeadLettered { reason } => {
                reasons[message].push(format!("event {id}: {reason}"))
            }
            EventStatus::Retried { reason } if retry[message].is_none() => {
                retry[message] = Some(format!("event {id}: {reason}"));
            }
            _ => {}
        }
    }
    (0..count)
        .map(|m| {
            if retried.contains(&m) {
                MessageVerdict::Retry {
                    reason: retry[m]
                        .take()
                        .unwrap_or_else(|| "retried with its agent or group".into()),
                }
            } else if reasons[m].is_empty() {
                MessageVerdict::Acknowledged
            } else {
                MessageVerdict::DeadLettered {
                    reasons: std::mem::take(&mut reasons[m]),
                }
            }
        })
        .collect()
}

/// Advances each agent's record over its events up to the first retried message; returns the
/// records that changed.
pub(super) fn fold_records(
    parsed: &ParsedBatch,
    plan: &Plan,
    deliveries: &Deliveries,
    records: &HashMap<String, AgentRecord>,
    retried: &BTreeSet<usize>,
) -> Vec<AgentRecord> {
    let mut changed = Vec::new();
    for lane in &plan.lanes {
        let before = records.get(&lane.agent);
        let mut record = before.cloned();
        for &i in &lane.events {
            let parsed_event = &parsed.events[i];
            if retried.contains(&parsed_event.message) {
                break;
            }
            let event = &parsed_event.event;
            let skip = |reason: &SkipReason| SkippedEvent {
                event_id: event.event_id.to_string(),
                occurred_at: event.occurred_at,
                skipped_at: parsed.processed_at,
                reason: reason.clone(),
            };
            let (presence, routing) = match &plan.decisions[i] {
                Some(Decision::Skip(SkipReason::Unchanged)) => (None, None),
                Some(Decision::Send { presence, routing }) => (*presence, *routing),
                // duplicate or stale: kept, and the record is written for it
                Some(Decision::Skip(reason)) => {
                    if let Some(r) = record.as_mut() {
                        r.skipped(skip(reason));
                    }
                    continue;
                }
                _ => continue,
            };
            let r =
                record.get_or_insert_with(|| AgentRecord::empty(&lane.agent, event.occurred_at));
            r.take(event.event_id.as_str(), event.occurred_at);
            if let Some(Decision::Skip(unchanged)) = &plan.decisions[i] {
                // taking it changes the record already: keeping the skip costs no write
                r.skipped(skip(unchanged));
            }
            if let Some(p) = presence.and_then(|p| plan.presence.get(p).map(|e| (p, e))) {
                let (index, sent) = p;
                r.presence = Some(Sent {
                    value: sent.presence_definition_id.clone().unwrap_or_default(),
                    event_id: sent.event_id.clone(),
                    occurred_at: sent.event_date_time,
                    delivered: deliveries.presence.get(index) == Some(&Delivery::Accepted),
                });
            }
            if let Some(p) = routing.and_then(|p| plan.routing.get(p).map(|e| (p, e))) {
                let (index, sent) = p;
                r.routing_status = Some(Sent {
                    value: sent.status.into(),
                    event_id: sent.event_id.clone(),
                    occurred_at: sent.event_date_time,
                    delivered: deliveries.routing.get(index) == Some(&Delivery::Accepted),
                });
            }
        }
        if let Some(record) = record
            && Some(&record) != before
        {
            changed.push(record);
        }
    }
    changed
}
