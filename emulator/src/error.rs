//! Errors: [`EmulatorError`] for starting and driving the emulator in-process, and [`ApiError`],
//! the Genesys-shaped error body (`message`, `code`, `status`, `details[{fieldName}]`) every
//! failing API call answers with.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::contract::{ContractError, Violation};

/// Failures of the in-process interface ([`crate::start`], [`crate::EmulatorHandle`]).
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The loopback listener could not be bound.
    #[error("cannot bind the emulator listener on 127.0.0.1:{port}")]
    Bind {
        /// Requested port (0 = any).
        port: u16,
        /// The bind error.
        #[source]
        source: std::io::Error,
    },
    /// The vendored contract is unreadable.
    #[error(transparent)]
    Contract(#[from] ContractError),
    /// A seed snapshot does not have the expected shape or refers to unknown objects.
    #[error("invalid seed snapshot: {0}")]
    Seed(String),
}

/// A Genesys-shaped API error.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Genesys error code, e.g. `bad.request`, `general.conflict`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Field paths named in `details[].fieldName`.
    pub fields: Vec<String>,
    /// Seconds for a `Retry-After` header (429).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// Any status and code.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_owned(),
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// 400 `bad.request` naming one field.
    pub fn bad_field(field: &str, message: impl Into<String>) -> Self {
        let mut error = Self::new(StatusCode::BAD_REQUEST, "bad.request", message);
        error.fields.push(field.to_owned());
        error
    }

    /// 400 `bad.request` without a field.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad.request", message)
    }

    /// 400 `bad.request` listing contract violations.
    pub fn from_violations(violations: &[Violation]) -> Self {
        let message = violations
            .iter()
            .map(|v| v.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let mut error = Self::bad_request(message);
        error.fields = violations.iter().map(|v| v.field.clone()).collect();
        error
    }

    /// 404 `not.found`.
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not.found", what)
    }

    /// 409 `general.conflict`.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "general.conflict", message)
    }

    /// 401 with a code.
    pub fn unauthorized(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// 429 `too.many.requests.retry.after` with `Retry-After`.
    pub fn too_many_requests(retry_after: u64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too.many.requests.retry.after",
            format!(
                "Rate limit exceeded the maximum. Retry the request in [{retry_after}] seconds"
            ),
        );
        error.retry_after = Some(retry_after);
        error
    }

    /// 500 with an emulator-specific code.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal.server.error",
            message,
        )
    }

    /// The JSON error body.
    pub fn body(&self) -> serde_json::Value {
        let details: Vec<_> = self
            .fields
            .iter()
            .map(|f| json!({"fieldName": f}))
            .collect();
        json!({
            "message": self.message,
            "code": self.code,
            "status": self.status.as_u16(),
            "contextId": uuid::Uuid::new_v4().to_string(),
            "details": details,
            "errors": [],
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Result alias for handlers.
pub type ApiResult<T> = Result<T, ApiError>;
