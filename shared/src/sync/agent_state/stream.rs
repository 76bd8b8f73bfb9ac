//! What arrives from a Kinesis stream of Amazon Connect agent events: each record converted to an
//! [`InboundMessage`] the use case takes like a FIFO message, and the first record the stream must
//! deliver again.
//!
//! A record's message id is its sequence number and its group the partition key (the agent ARN),
//! so each agent's events keep the stream's order and a retried event holds back the later events
//! of its agent. A record that is not a readable agent event is rejected here, before the use
//! case; the handler reports it as failed, so the stream retries it and finally hands it to the
//! event source mapping's on-failure destination. Kinesis checkpoints at one sequence number:
//! [`crate::sync::first_failed`] names the earliest record that failed, and Lambda delivers it
//! and every later record of the shard again (those already applied are then skipped as
//! duplicates).

use super::inbound::InboundMessage;
use crate::external::connect::agent_state_from_connect;
use crate::external::{InputError, Problem};
use crate::sync::StreamRecord;

/// A record that is not a readable agent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRecord {
    /// Its sequence number.
    pub sequence_number: String,
    /// What is wrong with it.
    pub error: InputError,
}

/// The records of a batch as use-case messages (in record order), and those rejected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamBatch {
    /// One message per readable record, its body one `exsync.agent-state/v1` event.
    pub messages: Vec<InboundMessage>,
    /// Every record that could not be read.
    pub rejected: Vec<RejectedRecord>,
}

/// Converts every record of a batch; pure.
pub fn stream_messages(records: &[StreamRecord]) -> StreamBatch {
    let mut batch = StreamBatch::default();
    for record in records {
        let converted = agent_state_from_connect(&record.data).and_then(|event| {
            serde_json::to_string(&event).map_err(|error| {
                InputError::single(Problem::new(
                    "connect event",
                    "",
                    format!("cannot be written as an exsync event: {error}"),
                ))
            })
        });
        match converted {
            Ok(body) => batch.messages.push(InboundMessage {
                message_id: record.sequence_number.clone(),
                body,
                group_id: Some(record.partition_key.clone()),
                sent_at: record.arrived_at,
            }),
            Err(error) => batch.rejected.push(RejectedRecord {
                sequence_number: record.sequence_number.clone(),
                error,
            }),
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::sync::first_failed;

    const ARN: &str = "arn:aws:connect:eu-central-1:1:instance/i/agent/u-1";

    fn record(sequence: &str, data: &str) -> StreamRecord {
        StreamRecord {
            sequence_number: sequence.into(),
            partition_key: ARN.into(),
            data: data.as_bytes().to_vec(),
            arrived_at: None,
        }
    }

    fn login(id: &str) -> String {
        serde_json::json!({"AgentARN": ARN, "EventId": id, "EventType": "LOGIN",
            "EventTimestamp": "2026-11-24T08:00:00.000Z",
            "CurrentAgentSnapshot": {"AgentStatus": {"Type": "ROUTABLE", "Name": "Available"}, "Contacts": []}})
        .to_string()
    }

    #[test]
    fn readable_records_become_fifo_messages_grouped_by_partition_key() {
        let records = [record("101", &login("e1")), record("102", &login("e2"))];
        let batch = stream_messages(&records);
        assert!(batch.rejected.is_empty());
        let ids: Vec<_> = batch
            .messages
            .iter()
            .map(|m| m.message_id.as_str())
            .collect();
        assert_eq!(ids, ["101", "102"]);
        assert_eq!(batch.messages[0].group_id.as_deref(), Some(ARN));
        let event = crate::external::parse_agent_state_event(&batch.messages[1].body).unwrap();
        assert_eq!(
            (event.agent_id.as_str(), event.event_id.as_str()),
            ("u-1", "e2")
        );
    }

    #[test]
    fn the_first_failure_in_record_order_is_named() {
        let records = [
            record("101", &login("e1")),
            record("102", "not json"),
            record("103", &login("e3")),
        ];
        let batch = stream_messages(&records);
        assert_eq!(batch.rejected.len(), 1);
        let rejected =
            |batch: &StreamBatch, s: &str| batch.rejected.iter().any(|r| r.sequence_number == s);
        assert_eq!(first_failed(&records, |s| rejected(&batch, s)), Some("102"));
        let retried = ["103", "101"];
        assert_eq!(
            first_failed(&records, |s| retried.contains(&s)),
            Some("101")
        );
        let clean = stream_messages(&records[..1]);
        assert_eq!(first_failed(&records[..1], |s| rejected(&clean, s)), None);
    }
}
