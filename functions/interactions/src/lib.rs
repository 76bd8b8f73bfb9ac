//! The interactions Lambda function: SQS messages holding `exsync.interaction/v1` records, or
//! Amazon Connect contact trace records from Kinesis, become Genesys conversation events, with
//! partial batch failures (`ReportBatchItemFailures`).
//!
//! | file | what |
//! |---|---|
//! | `main.rs` | entry point: `exsync::lambda::serve` with [`Deps`] and [`any_handler`] |
//! | [`handler`] | the adapter: `SqsEvent` → [`exsync::sync::interactions::sync_interactions`] → `SqsBatchResponse` |
//! | [`stream`] | the Kinesis adapter (Amazon Connect CTRs) and [`any_handler`], which picks the adapter by event shape |
//! | [`metrics`] | the batch's CloudWatch EMF line |
//! | [`setup`] | [`Deps`]: the Genesys client, state store and settings, built from the environment |
//! | [`error`] | [`HandlerError`] (with the runtime's `Diagnostic`) |
//!
//! All logic lives in `exsync::sync::interactions`; this crate only adapts AWS types.
#![warn(missing_docs)]

pub mod error;
pub mod handler;
pub mod metrics;
pub mod setup;
pub mod stream;

pub use error::HandlerError;
pub use exsync::runtime::StartupError;
pub use handler::{handler, messages};
pub use setup::Deps;
pub use stream::{any_handler, stream_handler};
