//! The recordings Lambda function: recordings the external platform drops into the inbound
//! bucket (`recordings/`, S3 `ObjectCreated`), and those Amazon Connect writes into its own bucket
//! (S3 events through EventBridge), are uploaded into Genesys Cloud; an EventBridge schedule runs
//! the upload-report check that marks uploads confirmed or failed, and resumes Connect recordings
//! that were waiting for their contact trace record.
//!
//! | module | what |
//! |---|---|
//! | [`handler`] | the adapter: event → use case → response |
//! | [`invocation`] | [`invocation::Invocation`]: what the function was asked to do |
//! | [`event`] | S3 notifications and scheduled events, keys decoded (pure) |
//! | [`eventbridge`] | S3 Object Created events through EventBridge (Amazon Connect's recording bucket; pure) |
//! | [`setup`] | [`Deps`], built once at cold start from `Config` |
//! | [`metrics`] | the invocation's CloudWatch EMF line (pure) |
//! | [`error`] | [`HandlerError`] (→ Lambda `Diagnostic`) |
//! | [`samples`] | generated WAVs for the examples, tests and benchmark |
//!
//! The use case is `exsync::sync::recordings`.
#![warn(missing_docs)]

pub mod error;
pub mod event;
pub mod eventbridge;
pub mod handler;
pub mod invocation;
pub mod metrics;
pub mod samples;
pub mod setup;

pub use error::HandlerError;
pub use exsync::runtime::StartupError;
pub use handler::{RecordingsResponse, handler};
pub use lambda_runtime::{Context, Diagnostic, LambdaEvent};
pub use setup::{Deps, Settings};
