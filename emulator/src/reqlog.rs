//! The request log: method, path, query, body and status of every call (admin calls excluded;
//! upload PUT bodies are never buffered, so they log without a body), kept up to a capacity. The
//! middleware that fills it is `layers::log_requests`.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bodies larger than this are not logged (and not accepted by JSON routes).
pub const MAX_LOGGED_BODY: usize = 16 * 1024 * 1024;

/// One logged request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestLogEntry {
    /// HTTP method.
    pub method: String,
    /// Path without query.
    pub path: String,
    /// Raw query string, if any.
    pub query: Option<String>,
    /// Body: JSON when it parses, else a string; `None` when empty or not buffered.
    pub body: Option<Value>,
    /// Response status.
    pub status: u16,
}

/// Bounded log.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: VecDeque<RequestLogEntry>,
    limit: usize,
}

impl RequestLog {
    /// An empty log holding up to `limit` entries.
    pub fn new(limit: usize) -> Self {
        RequestLog {
            entries: VecDeque::new(),
            limit: limit.max(1),
        }
    }

    /// Appends, dropping the oldest entry when full.
    pub fn push(&mut self, entry: RequestLogEntry) {
        if self.entries.len() >= self.limit {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> Vec<RequestLogEntry> {
        self.entries.iter().cloned().collect()
    }

    /// Empties the log.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
