//! The agent-state function end to end: the handler with recorded SQS payloads, against the
//! Genesys emulator (example org synced by config sync) and a moto SQS FIFO queue.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod agent_state {
    mod calls;
    mod concurrency;
    mod failed_save;
    mod faults;
    mod handler;
    pub mod helpers;
    mod idmap;
    mod replay;
    mod sqs;
}
