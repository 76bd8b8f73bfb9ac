//! genesys-emulator: an in-memory Genesys Cloud Platform API served with axum on loopback, held
//! to the official SDK contract, for exsync's tests and demo. It does not depend on the `exsync`
//! crate: it reads `contract.json` as data and keeps its own state types.
//!
//! Module map:
//! - [`contract`]: the vendored contract, request/response validation, query parameters
//! - [`server`]: [`start`] and [`EmulatorHandle`]; [`config`]: [`EmulatorConfig`]
//! - `api`: the `/api/v2` handlers, one file per area; `auth`: `/oauth/token` and bearer checks
//! - [`state`]: the org (users, routing objects, presence, conversations, uploads)
//! - [`faults`]: rate limit, scripted failures, error rate, latency
//! - `s3`: the signed upload URLs (`/__uploads/...`) and report downloads
//! - `admin`: `/__admin/` (requests, state, faults, reset, seed)
//! - [`reqlog`]: the request log; `listing`: paging and name filters

#![warn(missing_docs)]

mod admin;
mod api;
mod app;
mod auth;
pub mod config;
pub mod contract;
mod control;
pub mod error;
mod extract;
pub mod faults;
pub mod ids;
mod layers;
mod listing;
pub mod reqlog;
mod s3;
pub mod server;
mod signing;
pub mod state;
mod tokens;

pub use config::EmulatorConfig;
pub use error::{ApiError, EmulatorError};
pub use faults::{Faults, ScriptedFault};
pub use reqlog::RequestLogEntry;
pub use server::{EmulatorHandle, start};
