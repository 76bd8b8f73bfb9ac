//! The fake's state and configuration: what it serves, how it throttles, and the log of what it
//! answered, shared by the gate, the routes and the handle.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use super::instance::FakeInstance;
use super::operations::Operation;

/// How the fake behaves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectFakeConfig {
    /// port on 127.0.0.1 (0 picks a free one)
    pub port: u16,
    /// the most items a page holds whatever `maxResults` asks (Connect may return fewer than
    /// asked); `None`: `maxResults` (default 100)
    pub page_limit: Option<usize>,
    /// throttling
    pub throttle: Throttle,
}

/// Which requests are answered 429: per operation, its `every`-th, 2×`every`-th, ... request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Throttle {
    /// throttle every n-th request of each operation; `None`: never
    pub every: Option<u32>,
    /// how the 429 names itself
    pub kind: ThrottleKind,
}

/// The error a throttled request answers with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThrottleKind {
    /// `x-amzn-ErrorType: ThrottlingException` (the modeled error)
    #[default]
    ThrottlingException,
    /// `x-amzn-ErrorType: TooManyRequestsException`
    TooManyRequestsException,
    /// a bare 429 with no error type
    Bare,
}

/// One request the fake answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRequest {
    /// the operation
    pub operation: Operation,
    /// the HTTP status answered
    pub status: u16,
    /// the raw query string
    pub query: String,
}

/// The fake's state behind every handler.
#[derive(Debug)]
pub(crate) struct Fake {
    pub(crate) instance: Mutex<FakeInstance>,
    pub(crate) config: Mutex<ConnectFakeConfig>,
    pub(crate) log: Mutex<Vec<ConnectRequest>>,
    pub(crate) seen: Mutex<BTreeMap<Operation, u32>>,
}

/// Locks `mutex`, also when a panicking test poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
