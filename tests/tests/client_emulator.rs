//! The Genesys client's behaviour suite, run against the emulator instead of wiremock: the same
//! rules (one token, renewals, retries, deadlines, pagination, pacing, the token pool) must hold
//! against a server that validates every request against the official contract; and every client
//! method is called once, so a wire model the contract rejects fails here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod client_emulator {
    mod behaviour;
    mod pool;
    mod walk;
}
