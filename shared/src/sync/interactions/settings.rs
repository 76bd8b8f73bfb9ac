//! What the use case takes: the queue messages, the settings from the mapping document, and
//! the error that stops a whole batch.

use super::convert::ConvertOptions;
use super::refs::NoPresenceSource;
use crate::mapping::MappingDocument;
use crate::store::StoreError;

/// One queue message, as the handler hands it over (no AWS types).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMessage {
    /// The SQS message id (what `batchItemFailures` names).
    pub message_id: String,
    /// The body: one `exsync.interaction/v1` record.
    pub body: String,
}

/// How the use case sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionSettings {
    /// Conversation events per call (mapping `interactions.eventBatchSize`, default 100).
    pub event_batch_size: usize,
    /// Routing status events per call (mapping `events.batchLimit`, default 100).
    pub routing_status_batch_size: usize,
    /// Conversion options (routing status from `interactions.emitRoutingStatus`).
    pub convert: ConvertOptions,
}

impl Default for InteractionSettings {
    fn default() -> Self {
        Self {
            event_batch_size: 100,
            routing_status_batch_size: 100,
            convert: ConvertOptions::default(),
        }
    }
}

impl InteractionSettings {
    /// The settings a mapping document gives.
    pub fn from_mapping(mapping: &MappingDocument) -> Self {
        Self {
            event_batch_size: mapping.interactions.event_batch_size.value() as usize,
            routing_status_batch_size: mapping.events.batch_limit.value() as usize,
            convert: ConvertOptions {
                routing_status: mapping.interactions.emit_routing_status,
                ..ConvertOptions::default()
            },
        }
    }
}

/// Why a whole batch could not be handled (every message is retried).
#[derive(Debug, thiserror::Error)]
pub enum InteractionsError {
    /// The id map could not be read.
    #[error("cannot read the id map: {0}")]
    Store(#[from] StoreError),
    /// Config sync has not registered the presence source yet.
    #[error(transparent)]
    NoPresenceSource(#[from] NoPresenceSource),
}

impl InteractionsError {
    /// True when the same batch may succeed later (it is retried either way; a false value means
    /// an operator must act first).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Store(e) => e.is_retryable(),
            Self::NoPresenceSource(_) => false,
        }
    }
}
