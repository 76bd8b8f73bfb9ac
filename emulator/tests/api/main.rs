//! Integration tests of the Genesys emulator over loopback HTTP, one binary: each module is
//! the specification of one area.

// Tests may unwrap (clippy.toml allows it inside #[test] fns; helpers need it too).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod auth;
mod contract_rules;
mod contract_walk;
mod events;
mod faults;
mod helpers;
mod presence;
mod routing;
mod uploads;
mod users;
