//! Config sync end to end against the emulator: initial sync, a no-change run that writes
//! nothing, ongoing changes, and the safety rails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod config_sync {
    mod connect;
    mod generated;
    pub mod helpers;
    mod initial_and_ongoing;
    mod isolation;
    mod lookups;
    mod ongoing;
    mod safety;
}
