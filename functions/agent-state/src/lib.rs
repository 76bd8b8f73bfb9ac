//! The agent-state Lambda function: SQS batches of agent-state events, or Kinesis batches of
//! Amazon Connect agent events → Genesys presence and routing status, with partial batch failures.
//!
//! | file | what |
//! |---|---|
//! | `input.rs` | [`handle_event`]: the event's shape (SQS or Kinesis) → its adapter |
//! | `handler.rs` | [`handle`]: the SQS adapter (SQS event → use case → `SqsBatchResponse`) |
//! | `kinesis.rs` | [`handle_kinesis`]: the Kinesis adapter (Connect agent events → use case → `KinesisEventResponse`) |
//! | `error.rs` | [`HandlerError`] (→ Lambda `Diagnostic`) |
//! | `setup.rs` | [`setup`]: the cold start (config → client, store, mapping → service) |
//! | `main.rs` | the binary: `exsync::lambda::serve` with [`setup`] and [`handle_event`] |
//!
//! The use case itself is `exsync::sync::agent_state`.

mod error;
mod handler;
mod input;
mod kinesis;
mod setup;

pub use error::HandlerError;
pub use handler::{emf_line, handle, inbound_messages};
pub use input::{AgentStateInput, AgentStateResponse, handle_event};
pub use kinesis::handle_kinesis;
pub use setup::setup;
