//! `GenesysError`: everything that can go wrong talking to the Genesys Cloud API.
//!
//! It keeps what an operator needs to act: the HTTP status, Genesys's error `code` and `message`,
//! the `ININ-Correlation-Id` Genesys support asks for, and the call it belongs to. It never holds a
//! token or a secret.

use std::time::Duration;

use serde::Deserialize;

/// An error from the Genesys Cloud client.
#[derive(Debug, thiserror::Error)]
pub enum GenesysError {
    /// Genesys answered with an error status.
    #[error("{method} {path} failed with {status}{}: {message}{}", code_suffix(.code), correlation_suffix(.correlation_id))]
    Api {
        /// HTTP method of the call
        method: String,
        /// path of the call (no query, no host)
        path: String,
        /// HTTP status
        status: u16,
        /// Genesys error code, e.g. `general.conflict`
        code: Option<String>,
        /// Genesys error message
        message: String,
        /// the `ININ-Correlation-Id` response header
        correlation_id: Option<String>,
    },
    /// The token endpoint refused the client credentials.
    #[error("oauth token request failed with {status}: {message}")]
    Auth {
        /// HTTP status of the token response
        status: u16,
        /// what the login host said
        message: String,
    },
    /// The call could not be completed before the caller's deadline (rate limit, `Retry-After` or
    /// backoff would have slept past it).
    #[error(
        "{method} {path} not completed before the deadline after waiting {waited:?} ({reason})"
    )]
    DeadlineExceeded {
        /// HTTP method of the call
        method: String,
        /// path of the call
        path: String,
        /// how long this call waited in total (rate limit, Retry-After, backoff)
        waited: Duration,
        /// what it was waiting for
        reason: String,
    },
    /// The request never got an HTTP answer (connection refused, reset, timeout).
    #[error("{method} {path}: transport error: {source}")]
    Transport {
        /// HTTP method of the call
        method: String,
        /// path of the call
        path: String,
        /// the underlying error
        #[source]
        source: reqwest::Error,
    },
    /// The response body did not have the expected shape.
    #[error("{method} {path}: unexpected response body: {source}")]
    Decode {
        /// HTTP method of the call
        method: String,
        /// path of the call
        path: String,
        /// the underlying error
        #[source]
        source: serde_json::Error,
    },
    /// A paged listing ended before it delivered `total` entities.
    #[error("listing {path} ended after {got} of {total} entities")]
    TruncatedListing {
        /// path of the listing
        path: String,
        /// entities announced by `total`
        total: u64,
        /// entities actually received
        got: u64,
    },
    /// A URL could not be built (bad base URL or path).
    #[error("cannot build a url for {path}: {message}")]
    Url {
        /// the path that was being joined
        path: String,
        /// what was wrong
        message: String,
    },
}

fn code_suffix(code: &Option<String>) -> String {
    code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
}

fn correlation_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|c| format!(" [correlation id {c}]"))
        .unwrap_or_default()
}

/// HTTP statuses worth retrying: request timeout, rate limit and the transient 5xx.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

impl GenesysError {
    /// True when trying the same call again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api { status, .. } => is_retryable_status(*status),
            Self::Auth { status, .. } => is_retryable_status(*status),
            Self::DeadlineExceeded { .. } | Self::Transport { .. } => true,
            Self::TruncatedListing { .. } => true,
            Self::Decode { .. } | Self::Url { .. } => false,
        }
    }

    /// True for a user PATCH whose `version` was stale: 409, or 400 saying "does not match the
    /// current version". The caller re-reads the user and retries with the fresh version.
    pub fn is_version_conflict(&self) -> bool {
        match self {
            Self::Api {
                status, message, ..
            } => {
                *status == 409 && !matches!(self.code(), Some("general.conflict"))
                    || (*status == 400 || *status == 409)
                        && message.contains("does not match the current version")
            }
            _ => false,
        }
    }

    /// True for `general.conflict` (e.g. creating a user whose email exists, even soft-deleted).
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Api { status: 409, .. }) && self.code() == Some("general.conflict")
    }

    /// True for 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Api { status: 404, .. })
    }

    /// The HTTP status, when Genesys answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } | Self::Auth { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Genesys's error code, when it sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    /// The `ININ-Correlation-Id` of the failed call, when there was one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Self::Api { correlation_id, .. } => correlation_id.as_deref(),
            _ => None,
        }
    }
}

/// The part of Genesys's `ErrorBody` the client keeps.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ErrorBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: Option<&str>, message: &str) -> GenesysError {
        GenesysError::Api {
            method: "PATCH".into(),
            path: "/api/v2/users/u1".into(),
            status,
            code: code.map(str::to_owned),
            message: message.into(),
            correlation_id: Some("corr-1".into()),
        }
    }

    #[test]
    fn transient_statuses_are_retryable_and_client_errors_are_not() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(api(s, None, "x").is_retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert!(!api(s, None, "x").is_retryable(), "{s}");
        }
    }

    #[test]
    fn version_mismatch_is_recognised_as_409_or_400_with_message() {
        assert!(api(409, Some("conflict"), "version conflict").is_version_conflict());
        assert!(
            api(
                400,
                Some("bad.request"),
                "The version 3 does not match the current version 4"
            )
            .is_version_conflict()
        );
        assert!(!api(409, Some("general.conflict"), "email exists").is_version_conflict());
        assert!(!api(400, Some("bad.request"), "name is required").is_version_conflict());
    }

    #[test]
    fn display_names_call_status_code_and_correlation_id() {
        let text = api(409, Some("general.conflict"), "email exists").to_string();
        assert_eq!(
            text,
            "PATCH /api/v2/users/u1 failed with 409 (general.conflict): email exists [correlation id corr-1]"
        );
        assert!(api(409, Some("general.conflict"), "x").is_conflict());
    }
}
