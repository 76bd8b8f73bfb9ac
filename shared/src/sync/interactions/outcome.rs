//! What one batch of interaction messages came to: per message and in counts (the counts are
//! what the function will publish as metrics).

use serde::Serialize;

use super::convert::InteractionStatus;
use crate::genesys::ClientStats;

/// The result of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "result")]
pub enum MessageResult {
    /// New events were accepted.
    Applied {
        /// conversation events sent and accepted
        events: usize,
        /// routing status events sent and accepted
        routing_status_events: usize,
        /// how far the call has got
        status: InteractionStatus,
    },
    /// Nothing new to send (a redelivery, or nothing final yet).
    Skipped {
        /// why
        reason: String,
    },
    /// A failure that may clear up: the message goes back to the queue (batch item failure).
    Retry {
        /// why
        reason: String,
    },
    /// A failure that will not clear up: the message is kept in the state store and acknowledged.
    DeadLettered {
        /// why
        reason: String,
        /// the dead letter's key
        key: String,
    },
}

/// One message's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageOutcome {
    /// The SQS message id.
    pub message_id: String,
    /// The external interaction id, when the body had a readable one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<String>,
    /// The conversation id, when the record converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// What happened.
    #[serde(flatten)]
    pub result: MessageResult,
}

/// The outcome of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionsOutcome {
    /// Messages received.
    pub received: usize,
    /// Messages whose new events were accepted.
    pub applied: usize,
    /// Messages with nothing new.
    pub skipped: usize,
    /// Messages dead-lettered.
    pub dead_lettered: usize,
    /// Messages handed back for a retry.
    pub retried: usize,
    /// Conversation events accepted (also those of messages that failed later).
    pub events_sent: usize,
    /// Routing status events accepted (likewise).
    pub routing_status_events_sent: usize,
    /// `POST /api/v2/events/conversations` calls made.
    pub conversation_calls: usize,
    /// `POST /api/v2/events/users/routingstatus` calls made.
    pub routing_status_calls: usize,
    /// The Genesys client's counters over the batch (HTTP attempts, retries, 429s, waits).
    pub genesys: ClientStats,
    /// Per message, in the order received.
    pub messages: Vec<MessageOutcome>,
}

impl InteractionsOutcome {
    /// The ids of the messages to hand back to the queue (`batchItemFailures`).
    pub fn batch_item_failures(&self) -> impl Iterator<Item = &str> {
        self.messages
            .iter()
            .filter(|m| matches!(m.result, MessageResult::Retry { .. }))
            .map(|m| m.message_id.as_str())
    }

    /// Adds one message's outcome and counts it (events are counted where they are sent).
    pub(super) fn record(&mut self, outcome: MessageOutcome) {
        match &outcome.result {
            MessageResult::Applied { .. } => self.applied += 1,
            MessageResult::Skipped { .. } => self.skipped += 1,
            MessageResult::Retry { .. } => self.retried += 1,
            MessageResult::DeadLettered { .. } => self.dead_lettered += 1,
        }
        self.messages.push(outcome);
    }
}
