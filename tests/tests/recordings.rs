//! Recordings end to end: objects in a moto S3 bucket uploaded to the emulator by the use case,
//! byte for byte and bound to the right conversation; rejections, retries and dead letters; the
//! upload-report check; streaming and the presigned host allow-list; Amazon Connect's recordings
//! found through their contact trace records.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod recordings {
    mod connect;
    mod demo;
    mod failures;
    pub mod helpers;
    mod hosts;
    mod reports;
    mod streaming;
    mod uploads;
}
