//! genesys-emulator: an in-memory Genesys Cloud Platform API served with axum on loopback, held
//! to the official SDK contract, for exsync's tests and demo. It does not depend on the `exsync`
//! crate: it reads `contract.json` (vendored, `include_str!`) as data and keeps its own state
//! types.
//!
//! Module map:
//! - [`contract`]: the vendored contract, request/response validation, query parameters
//! - [`server`]: [`start`] and [`EmulatorHandle`]; [`config`]: [`EmulatorConfig`]
//! - `app`: the shared state behind every handler (config, contract, org, tokens, faults, log)
//! - `api`: the `/api/v2` handlers, one file per area; `auth`: `/oauth/token` and bearer checks;
//!   `tokens`: the bearer tokens issued (a distinct one per token request), their expiry and the
//!   calls made with each ([`TokenUsage`])
//! - `extract`: the extractors that validate every body and query against the contract
//! - [`state`]: the org (users, routing objects, presence, conversations, uploads)
//! - [`faults`]: rate limit, scripted failures, error rate, latency; `layers`: the middleware
//!   (request log, faults, the response contract check)
//! - `s3`, `signing`: the signed upload URLs (`/__uploads/...`) and report downloads
//! - `admin`, `control`: `/__admin/` (requests, tokens, state, faults, reset, seed)
//! - [`reqlog`]: the request log; `listing`: paging and name filters; [`ids`]: ids and times
//! - [`error`]: [`EmulatorError`] (starting, driving) and [`ApiError`] (the Genesys error body)
//! - [`connect`]: a separate loopback fake of the Amazon Connect API (users, queues, routing
//!   profiles, agent statuses, hierarchy groups) with paging and throttling, and a deterministic
//!   instance generator, for the Connect configuration reader's tests and the demo
//!
//! Decisions where Genesys is not documented (see api-reference §7.2, §9):
//! - a recording binds to its conversation by file name: the first UUID in the name is the
//!   conversation id, the second (if any) the communication id; an upload whose conversation
//!   does not exist yet is `WaitForConversation` and binds when the conversation appears; a name
//!   without a UUID is `Failure`;
//! - event batches answer 200 with `BatchEventResponse`; unknown ids are permanent errors, a
//!   conversation or communication not known yet is `retryable: true`; `sourceConfiguration.sourceId`
//!   and event `sourceId`s must be registered presence sources;
//! - a created user without `state` is `active`; a PATCH carrying `state` changes only the state;
//!   duplicate names of skills, languages, queues, wrap-up codes, divisions and sources are 409
//!   `general.conflict`; queue members are added `joined: true`;
//! - an upload report is `InProgress` when created and `Completed` (with `signedUrl`) once polled.

#![warn(missing_docs)]

mod admin;
mod api;
mod app;
mod auth;
pub mod config;
pub mod connect;
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
pub use tokens::TokenUsage;
