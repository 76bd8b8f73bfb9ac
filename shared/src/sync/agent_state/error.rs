//! `AgentStateError`: why a whole batch could not be taken (each message is retried).
//!
//! Problems of single messages never end up here: they become a dead letter or a retried message.

use crate::genesys::GenesysError;
use crate::store::StoreError;

/// A batch-wide failure.
#[derive(Debug, thiserror::Error)]
pub enum AgentStateError {
    /// The id map has no presence source yet: config sync has not run.
    #[error("the id map has no presence source id; run config sync first")]
    NotConfigured,
    /// The state store failed (reading the id map).
    #[error("state store: {0}")]
    Store(#[from] StoreError),
    /// Genesys failed (reading the presence definitions).
    #[error("genesys: {0}")]
    Genesys(#[from] GenesysError),
}

impl AgentStateError {
    /// True when the batch may succeed later. A missing presence source heals once config sync
    /// has run, so it counts as retryable.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::NotConfigured => true,
            Self::Store(e) => e.is_retryable(),
            Self::Genesys(e) => e.is_retryable(),
        }
    }
}
