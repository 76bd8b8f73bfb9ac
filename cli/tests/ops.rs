//! The operations commands (`replay`, `redrive`, `status`) end to end: the `exsync` binary run
//! as an operator runs it, against a private moto server (SQS, S3) and the state store.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod ops {
    pub mod helpers;
    mod redrive;
    mod replay;
    mod replay_recordings;
    mod status;
}
