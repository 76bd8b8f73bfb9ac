//! Hostile input: every decoder of bytes from outside (audio headers, S3 event keys, agent-state
//! bodies, interaction records, recording sidecars, configuration snapshots, mapping documents)
//! fed random and mutated input. Each answers a value or a typed error, never a panic.
//!
//! Tests build with overflow checks on (the `dev` profile), so an arithmetic overflow is a
//! panic here rather than a silently wrapped value. Every property runs a bounded number of
//! cases (`mutate::config`), each fast; a failure prints the shrunk input, which belongs in a
//! deterministic regression test beside the property.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod audio;
mod builders;
mod documents;
mod keys;
mod mutate;
mod nulls;
