//! Replaying a file of SQS message bodies through the use case, as a queue would deliver them:
//! batches of `batch_size` in order, retried messages delivered again first (up to
//! `max_receives`, as a redrive policy would). For the demo, the CLI and tests.
//!
//! The file is a JSON array; each element is one message body (an event object or an array of
//! events), in the order the platform sent them. Message ids are `replay-0001`, ...; the FIFO
//! group of a message is the `agentId` of its (first) event.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::error::AgentStateError;
use super::inbound::{InboundMessage, QueueKind};
use super::outcome::BatchOutcome;
use super::service::AgentStateService;
use crate::deadline::Deadline;

/// How to replay.
#[derive(Debug, Clone, Copy)]
pub struct ReplayOptions {
    /// Messages per batch (FIFO: at most 10).
    pub batch_size: usize,
    /// The queue kind the batches are taken as.
    pub kind: QueueKind,
    /// Deliveries of one message before it is given up on (SQS `maxReceiveCount`).
    pub max_receives: u32,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self {
            batch_size: 10,
            kind: QueueKind::Fifo,
            max_receives: 5,
        }
    }
}

/// A replay could not run.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// the file
        path: PathBuf,
        /// why
        #[source]
        source: std::io::Error,
    },
    /// The file is not a JSON array of message bodies.
    #[error("{path} is not a json array of message bodies: {message}")]
    Format {
        /// the file
        path: PathBuf,
        /// what is wrong
        message: String,
    },
    /// A batch failed as a whole.
    #[error("batch failed: {0}")]
    Batch(Box<AgentStateError>),
}

impl From<AgentStateError> for ReplayError {
    fn from(error: AgentStateError) -> Self {
        Self::Batch(Box::new(error))
    }
}

/// Reads a replay file into queue messages.
///
/// # Errors
/// When the file cannot be read or is not a JSON array.
pub fn read_replay_file(path: &Path) -> Result<Vec<InboundMessage>, ReplayError> {
    let text = std::fs::read_to_string(path).map_err(|source| ReplayError::Io {
        path: path.to_owned(),
        source,
    })?;
    let format = |message: String| ReplayError::Format {
        path: path.to_owned(),
        message,
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| format(e.to_string()))?;
    let Value::Array(bodies) = value else {
        return Err(format("the top level must be an array".into()));
    };
    Ok(bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            let first = match &body {
                Value::Array(items) => items.first(),
                other => Some(other),
            };
            InboundMessage {
                message_id: format!("replay-{:04}", i + 1),
                group_id: first
                    .and_then(|e| e.get("agentId"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                body: body.to_string(),
                sent_at: None,
            }
        })
        .collect())
}

/// Replays messages through the use case; returns every batch's outcome, in order.
///
/// # Errors
/// When a batch fails as a whole.
pub async fn replay_messages(
    service: &AgentStateService,
    messages: Vec<InboundMessage>,
    options: ReplayOptions,
    deadline: Deadline,
) -> Result<Vec<BatchOutcome>, ReplayError> {
    let mut queue: VecDeque<(InboundMessage, u32)> = messages.into_iter().map(|m| (m, 0)).collect();
    let mut outcomes = Vec::new();
    while !queue.is_empty() {
        let take = options.batch_size.max(1).min(queue.len());
        let batch: Vec<(InboundMessage, u32)> = queue.drain(..take).collect();
        let messages: Vec<InboundMessage> = batch.iter().map(|(m, _)| m.clone()).collect();
        let outcome = service
            .handle_batch(&messages, options.kind, deadline)
            .await?;
        for (message, receives) in batch.into_iter().rev() {
            if !outcome.retry_message_ids.contains(&message.message_id) {
                continue;
            }
            if receives + 1 >= options.max_receives {
                tracing::warn!(message_id = %message.message_id, "given up after max receives (a redrive policy would move it to the DLQ)");
            } else {
                queue.push_front((message, receives + 1));
            }
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Reads a replay file and replays it; see [`replay_messages`].
///
/// # Errors
/// When the file is unusable or a batch fails as a whole.
pub async fn replay_file(
    service: &AgentStateService,
    path: &Path,
    options: ReplayOptions,
    deadline: Deadline,
) -> Result<Vec<BatchOutcome>, ReplayError> {
    let messages = read_replay_file(path)?;
    replay_messages(service, messages, options, deadline).await
}
