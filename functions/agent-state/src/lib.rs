//! The agent-state Lambda function: SQS batches of agent-state events → Genesys presence and
//! routing status, with partial batch failures.
//!
//! | file | what |
//! |---|---|
//! | `handler.rs` | [`handle`]: the adapter (SQS event → use case → `SqsBatchResponse`) |
//! | `error.rs` | [`HandlerError`] (→ Lambda `Diagnostic`) |
//! | `setup.rs` | [`setup`]: the cold start (config → client, store, mapping → service) |
//! | `main.rs` | the binary: `exsync::lambda::serve` with [`setup`] and [`handle`] |
//!
//! The use case itself is `exsync::sync::agent_state`.

mod error;
mod handler;
mod setup;

pub use error::HandlerError;
pub use handler::{emf_line, handle, inbound_messages};
pub use setup::setup;
