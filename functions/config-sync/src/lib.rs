//! The config-sync Lambda function: keeps the Genesys org's configuration in step with the
//! external platform's snapshot.
//!
//! Triggered by an EventBridge schedule (full reconcile against `EXSYNC_CONFIG_URL`) and by S3
//! `ObjectCreated` notifications for `config/*.json` in the inbound bucket (sync of that
//! snapshot). Each run calls [`exsync::sync::config_sync`], which stores the id map and a run
//! report; the response summarises the run.
//!
//! | module | what |
//! |---|---|
//! | [`handler`] | the adapter: event → use case → response |
//! | [`event`] | telling a scheduled event from S3 notifications (pure) |
//! | [`response`] | the response and the verdict on a run (pure) |
//! | [`metrics`] | the invocation's CloudWatch EMF line |
//! | [`error`] | [`HandlerError`] (→ Lambda `Diagnostic`) |
//! | [`setup`] | [`Deps`], built once at cold start from `Config` |
#![warn(missing_docs)]

pub mod error;
pub mod event;
pub mod handler;
pub mod metrics;
pub mod response;
pub mod setup;

pub use error::HandlerError;
pub use exsync::runtime::StartupError;
pub use handler::handler;
pub use lambda_runtime::{Context, Diagnostic, LambdaEvent};
pub use response::{RunStatus, RunSummary, SyncResponse};
pub use setup::{Deps, Settings};
