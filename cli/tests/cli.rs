//! The `exsync` binary end to end: run as a user runs it, with the emulator in the test
//! process where a command talks to Genesys.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod cli {
    mod apply;
    mod demo;
    mod explain;
    pub mod helpers;
    mod plan;
    mod progress;
    mod saved_plan;
    mod validate;
}
