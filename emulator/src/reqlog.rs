//! The request log: method, path, query, body and status of every call (admin calls excluded;
//! upload PUT bodies are never buffered, so they log without a body), kept up to a capacity.

use std::collections::VecDeque;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::{App, lock};

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

fn body_value(bytes: &[u8]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    serde_json::from_slice(bytes)
        .ok()
        .or_else(|| Some(Value::String(String::from_utf8_lossy(bytes).into_owned())))
}

/// Middleware: buffers the body (except uploads), runs the request, logs the outcome.
pub async fn log_requests(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/__admin") {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let query = request.uri().query().map(str::to_owned);
    let (request, body) = if path.starts_with("/__uploads") {
        (request, None)
    } else {
        let (parts, body) = request.into_parts();
        match to_bytes(body, MAX_LOGGED_BODY).await {
            Ok(bytes) => {
                let logged = body_value(&bytes);
                (Request::from_parts(parts, Body::from(bytes)), logged)
            }
            Err(_) => {
                let response = crate::error::ApiError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    "payload.too.large",
                    "the request body is too large",
                )
                .into_response();
                lock(&app.log).push(RequestLogEntry {
                    method,
                    path,
                    query,
                    body: None,
                    status: response.status().as_u16(),
                });
                return response;
            }
        }
    };
    let response = next.run(request).await;
    lock(&app.log).push(RequestLogEntry {
        method,
        path,
        query,
        body,
        status: response.status().as_u16(),
    });
    response
}
