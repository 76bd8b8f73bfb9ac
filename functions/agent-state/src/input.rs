//! The two event shapes the function accepts, told apart by their records' `eventSource`
//! (`aws:sqs` or `aws:kinesis`), and the response each one expects.
//!
//! Both shapes hold a `Records` array, and every field of an SQS record is optional, so the shape
//! is decided before reading: a record with `eventSource` `aws:kinesis` or a `kinesis` member
//! makes a Kinesis event; anything else (an empty batch included) is read as SQS.

use aws_lambda_events::event::kinesis::KinesisEvent;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use aws_lambda_events::event::streams::KinesisEventResponse;
use exsync::sync::agent_state::AgentStateService;
use lambda_runtime::LambdaEvent;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::error::HandlerError;
use crate::handler::handle;
use crate::kinesis::handle_kinesis;

/// An invocation's event.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentStateInput {
    /// An SQS batch of `exsync.agent-state/v1` messages.
    Sqs(SqsEvent),
    /// A Kinesis batch of Amazon Connect agent events.
    Kinesis(KinesisEvent),
}

impl<'de> Deserialize<'de> for AgentStateInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if is_kinesis(&value) {
            serde_json::from_value(value)
                .map(Self::Kinesis)
                .map_err(D::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(Self::Sqs)
                .map_err(D::Error::custom)
        }
    }
}

/// Whether the first record comes from Kinesis.
fn is_kinesis(value: &Value) -> bool {
    let first = value
        .get("Records")
        .and_then(Value::as_array)
        .and_then(|records| records.first());
    first.is_some_and(|record| {
        record.get("eventSource").and_then(Value::as_str) == Some("aws:kinesis")
            || record.get("kinesis").is_some()
    })
}

/// The response to an invocation: both shapes serialise as `{"batchItemFailures": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AgentStateResponse {
    /// The SQS messages to redeliver.
    Sqs(SqsBatchResponse),
    /// The sequence number to resume the stream from.
    Kinesis(KinesisEventResponse),
}

/// Handles either shape with its adapter.
///
/// # Errors
/// Only when nothing of the batch could be taken (see [`handle`] and [`handle_kinesis`]).
pub async fn handle_event(
    service: &AgentStateService,
    event: LambdaEvent<AgentStateInput>,
) -> Result<AgentStateResponse, HandlerError> {
    let (payload, context) = event.into_parts();
    match payload {
        AgentStateInput::Sqs(sqs) => handle(service, LambdaEvent::new(sqs, context))
            .await
            .map(AgentStateResponse::Sqs),
        AgentStateInput::Kinesis(kinesis) => {
            handle_kinesis(service, LambdaEvent::new(kinesis, context))
                .await
                .map(AgentStateResponse::Kinesis)
        }
    }
}
