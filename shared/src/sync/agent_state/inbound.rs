//! What arrives: SQS messages as the use case sees them (no AWS types), the queue kind, and the
//! events read out of the message bodies.
//!
//! A body that is not JSON, not an event or an array of events, or an event that breaks a rule of
//! `exsync.agent-state/v1` is bad input: it is kept with the reason so it can be dead-lettered,
//! while the good events of the same batch (and of the same message) go on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::external::{AgentStateEvent, split_agent_state_body};

/// One queue message, as the handler hands it to the use case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InboundMessage {
    /// The SQS message id (what `batchItemFailures` names).
    pub message_id: String,
    /// The raw body: one event or a JSON array of events.
    pub body: String,
    /// The FIFO message group id (the external agent id), when the queue is FIFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// When SQS received the message (`SentTimestamp`); dates the dead letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<DateTime<Utc>>,
}

/// The kind of queue a batch came from; it decides the order events are taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QueueKind {
    /// SQS FIFO, message group = agent: messages are taken in the order they arrived, an event
    /// older than one before it is stale.
    Fifo,
    /// SQS standard queue with a batching window: each agent's events are ordered by
    /// `occurredAt` here, since the queue does not keep order.
    Standard,
}

/// A valid event and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEvent {
    /// Index of its message in the batch.
    pub message: usize,
    /// Index within the message body (0 for a single event).
    pub index: usize,
    /// The event.
    pub event: AgentStateEvent,
}

/// A body or event that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BadInput {
    /// Index of its message in the batch.
    pub message: usize,
    /// The external event id, when the event had a readable one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// What is wrong, naming the field.
    pub reason: String,
}

/// The events of a batch, in message order, and the bad input found beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBatch {
    /// Every valid event.
    pub events: Vec<ParsedEvent>,
    /// Every unusable body or event.
    pub bad: Vec<BadInput>,
    /// When the batch was taken (set by the caller; parsing reads no clock): the time recorded
    /// with each skipped event, left out when absent.
    pub processed_at: Option<DateTime<Utc>>,
}

/// Reads every message body of a batch; pure.
pub fn parse_messages(messages: &[InboundMessage]) -> ParsedBatch {
    let mut batch = ParsedBatch::default();
    for (message, inbound) in messages.iter().enumerate() {
        match split_agent_state_body(&inbound.body) {
            Err(error) => batch.bad.push(BadInput {
                message,
                event_id: None,
                reason: error.to_string(),
            }),
            Ok(results) => {
                for (index, result) in results.into_iter().enumerate() {
                    match result {
                        Ok(event) => batch.events.push(ParsedEvent {
                            message,
                            index,
                            event,
                        }),
                        Err(error) => batch.bad.push(BadInput {
                            message,
                            event_id: error
                                .problems()
                                .first()
                                .and_then(|p| event_id_of(&p.object)),
                            reason: error.to_string(),
                        }),
                    }
                }
            }
        }
    }
    batch
}

/// `event[evt-1]` → `evt-1`; an index (`event[3]`) or a bare `event` names no id.
fn event_id_of(object: &str) -> Option<String> {
    let inner = object.strip_prefix("event[")?.strip_suffix(']')?;
    (!inner.chars().all(|c| c.is_ascii_digit())).then(|| inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(body: &str) -> InboundMessage {
        InboundMessage {
            message_id: "m".into(),
            body: body.into(),
            group_id: None,
            sent_at: None,
        }
    }

    const EVENT: &str = r#"{"schema":"exsync.agent-state/v1","eventId":"e1","agentId":"a1",
        "occurredAt":"2026-11-24T08:00:00.000Z","state":"READY"}"#;

    #[test]
    fn a_bad_event_beside_a_good_one_is_named_and_the_good_one_kept() {
        let bad = EVENT.replace("e1", "e2").replace("\"READY\"", "\"\"");
        let batch = parse_messages(&[message(&format!("[{EVENT},{bad}]")), message("{")]);
        assert_eq!(batch.events.len(), 1);
        assert_eq!(batch.bad.len(), 2);
        assert_eq!(batch.bad[0].event_id.as_deref(), Some("e2"));
        assert!(
            batch.bad[0].reason.contains("state"),
            "{}",
            batch.bad[0].reason
        );
        assert_eq!(
            (batch.bad[1].message, batch.bad[1].event_id.clone()),
            (1, None)
        );
    }
}
