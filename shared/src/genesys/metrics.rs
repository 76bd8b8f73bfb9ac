//! Counters every client keeps: what the functions report as metrics and the tests assert on.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;

/// The live counters (atomics, shared by all clones of a client).
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    calls: AtomicU64,
    retries: AtomicU64,
    throttled: AtomicU64,
    waited_micros: AtomicU64,
}

impl Metrics {
    pub(crate) fn call(&self) {
        self.calls.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn retry(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn throttled(&self) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn waited(&self, d: Duration) {
        let micros = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
        self.waited_micros.fetch_add(micros, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self, token_requests: u64) -> ClientStats {
        ClientStats {
            calls: self.calls.load(Ordering::Relaxed),
            retries: self.retries.load(Ordering::Relaxed),
            throttled: self.throttled.load(Ordering::Relaxed),
            waited: Duration::from_micros(self.waited_micros.load(Ordering::Relaxed)),
            token_requests,
        }
    }
}

/// A snapshot of a client's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientStats {
    /// API requests sent (every attempt counts)
    pub calls: u64,
    /// attempts that were repeated (401 renewal, 429, backoff)
    pub retries: u64,
    /// 429 answers received
    pub throttled: u64,
    /// time spent waiting (rate budget, Retry-After, backoff)
    pub waited: Duration,
    /// OAuth token requests sent
    pub token_requests: u64,
}

impl ClientStats {
    /// The counters accumulated since `earlier`.
    pub fn since(&self, earlier: &Self) -> Self {
        Self {
            calls: self.calls.saturating_sub(earlier.calls),
            retries: self.retries.saturating_sub(earlier.retries),
            throttled: self.throttled.saturating_sub(earlier.throttled),
            waited: self.waited.saturating_sub(earlier.waited),
            token_requests: self.token_requests.saturating_sub(earlier.token_requests),
        }
    }
}
