//! The interactions Lambda handler with real SQS event payloads, against the emulator: partial
//! batch responses, dead letters, redelivery, outages, the deadline, and cold start from the
//! environment.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod handler {
    mod batches;
    pub mod helpers;
    mod setup;
    mod stream;
}
