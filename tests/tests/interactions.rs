//! Interactions end to end against the emulator (and a moto SQS queue): the example calls become
//! conversations with the right participants, tag, times and wrap-up; updated records send only
//! their new events; redeliveries send nothing; per-event errors retry or dead-letter.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod interactions {
    mod batching;
    mod connect_ctr;
    mod conversations;
    mod denied;
    mod failures;
    pub mod helpers;
    mod routing;
    mod sqs;
    mod updates;
}
