//! The agent-state function end to end: the handler with recorded SQS payloads, against the
//! Genesys emulator (example org synced by config sync) and a moto SQS FIFO queue; Kinesis batches
//! of Amazon Connect agent events through the same handler.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod agent_state {
    mod calls;
    mod concurrency;
    mod failed_save;
    mod faults;
    mod handler;
    pub mod helpers;
    mod idmap;
    mod kinesis;
    mod replay;
    mod sqs;
}
