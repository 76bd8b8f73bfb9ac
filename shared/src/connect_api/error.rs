//! [`ConnectError`]: a Connect API call that failed after its retries, naming the operation and
//! the instance.

use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

/// A Connect API call failed (after the SDK's retries), or answered something unusable.
#[derive(Debug, thiserror::Error)]
#[error("amazon connect {operation} on instance {instance} failed: {message}")]
pub struct ConnectError {
    /// the API operation (`DescribeUser`)
    pub operation: &'static str,
    /// the instance id
    pub instance: String,
    /// what Connect (or the connection) said
    pub message: String,
    /// whether reading again later may succeed (throttled, 5xx, unreachable)
    pub retryable: bool,
}

impl ConnectError {
    /// True when reading again later may succeed.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// `operation` answered something the reader cannot use (a page token that repeats, a missing
    /// member); not worth retrying.
    pub(crate) fn unusable(operation: &'static str, instance: &str, message: String) -> Self {
        Self {
            operation,
            instance: instance.to_owned(),
            message,
            retryable: false,
        }
    }
}

/// The Connect error code of a failed call (`ResourceNotFoundException`), if it has one.
pub(crate) fn code<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> Option<&str> {
    error.code()
}

/// A failed call as a [`ConnectError`]: retryable unless Connect refused the request itself.
pub(crate) fn failed<E, R>(
    operation: &'static str,
    instance: &str,
    error: &SdkError<E, R>,
) -> ConnectError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let refused = matches!(
        error.code(),
        Some(
            "AccessDeniedException"
                | "InvalidParameterException"
                | "InvalidRequestException"
                | "ResourceNotFoundException"
                | "UnrecognizedClientException"
                | "InvalidSignatureException"
        )
    );
    let retryable = match error {
        SdkError::ConstructionFailure(_) => false,
        SdkError::ServiceError(_) => !refused,
        _ => true,
    };
    ConnectError {
        operation,
        instance: instance.to_owned(),
        message: DisplayErrorContext(error).to_string(),
        retryable,
    }
}
