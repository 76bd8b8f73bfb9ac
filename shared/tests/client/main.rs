//! The Genesys client against a wiremock server on loopback: auth, pacing, retries, pagination.
//!
//! (The same client also runs against the emulator in the `integration-tests` crate.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod auth;
mod helpers;
mod paging;
mod pool;
mod rate_limit;
mod retry;
