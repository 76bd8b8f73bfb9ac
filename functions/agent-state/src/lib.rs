//! The agent-state Lambda function: SQS batches of agent-state events → Genesys presence and
//! routing status, with partial batch failures.
//!
//! | file | what |
//! |---|---|
//! | `handler.rs` | [`handle`]: the adapter (SQS event → use case → `SqsBatchResponse`) |
//! | `setup.rs` | [`setup`]: the cold start (config → client, store, mapping → service) |
//! | `main.rs` | the binary: tracing, setup once, `lambda_runtime::run` |
//!
//! The use case itself is `exsync::sync::agent_state`.

mod handler;
mod setup;

pub use handler::{HandlerError, emf_line, handle, inbound_messages};
pub use setup::{SetupError, setup};
