//! The S3 state store (the deployed stack), also used against moto on loopback in tests.
//!
//! Conditional writes use S3's `If-Match` / `If-None-Match: *` on PutObject; S3 answers 412 (or
//! 409 for a concurrent conditional write) when the condition fails.

use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_s3::primitives::ByteStream;
use bytes::Bytes;

use super::{AccessDenied, ETag, PutMode, StoreError, Versioned, is_denied};
use crate::config::AwsSettings;

/// A state store in an S3 bucket under a key prefix.
#[derive(Debug, Clone)]
pub struct S3Store {
    client: aws_sdk_s3::Client,
    bucket: String,
    prefix: String,
}

/// An S3 client from the default AWS configuration (environment, Lambda role), with the
/// endpoint and path-style overrides of `aws`.
pub async fn client_from_env(aws: &AwsSettings) -> aws_sdk_s3::Client {
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
    if let Some(endpoint) = &aws.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    let shared = loader.load().await;
    let conf = aws_sdk_s3::config::Builder::from(&shared)
        .force_path_style(aws.s3_path_style)
        .build();
    aws_sdk_s3::Client::from_conf(conf)
}

/// The service's code and message of a failed AWS SDK call, when it said any.
pub(crate) fn said<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<String> {
    match (err.code(), err.message()) {
        (Some(code), Some(message)) => Some(format!("{code}: {message}")),
        (Some(code), None) => Some(code.to_owned()),
        _ => None,
    }
}

/// A failed AWS SDK call as one line: the service's code and message, else the whole error
/// chain.
pub fn sdk_message<E, R>(err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    said(err).unwrap_or_else(|| DisplayErrorContext(err).to_string())
}

/// Whether a failed S3 call may succeed when tried again: timeouts, transport and response
/// failures, 5xx, 429 and S3's slow-down codes.
pub(crate) fn is_retryable<E: ProvideErrorMetadata, R>(
    err: &SdkError<E, R>,
    status: Option<u16>,
) -> bool {
    match err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        _ => {
            status.is_some_and(|s| s >= 500 || s == 429)
                || matches!(err.code(), Some("SlowDown" | "RequestTimeout"))
        }
    }
}

fn s3_error<E: ProvideErrorMetadata + std::fmt::Debug, R: std::fmt::Debug>(
    operation: &'static str,
    key: &str,
    err: &SdkError<E, R>,
    status: Option<u16>,
) -> StoreError {
    StoreError::S3 {
        operation,
        key: key.to_owned(),
        message: said(err).unwrap_or_else(|| format!("{err:?}").chars().take(300).collect()),
        retryable: is_retryable(err, status),
    }
}

impl S3Store {
    /// A store in `bucket` under `prefix` (may be empty).
    pub fn new(client: aws_sdk_s3::Client, bucket: String, prefix: String) -> Self {
        Self {
            client,
            bucket,
            prefix,
        }
    }

    /// A failed call on `key`: a refusal (403) becomes [`StoreError::Denied`] naming the action
    /// and the object's ARN; anything else goes through [`s3_error`].
    fn error<E: ProvideErrorMetadata + std::fmt::Debug, R: std::fmt::Debug>(
        &self,
        operation: &'static str,
        key: &str,
        err: &SdkError<E, R>,
        status: Option<u16>,
    ) -> StoreError {
        if !is_denied(status, err.code()) {
            return s3_error(operation, key, err, status);
        }
        let said = said(err).unwrap_or_else(|| "403 Forbidden".to_owned());
        let region = self.client.config().region().map(|r| r.as_ref().to_owned());
        StoreError::Denied {
            operation,
            key: key.to_owned(),
            denied: Box::new(AccessDenied::new(
                operation,
                region.as_deref(),
                &self.bucket,
                &self.full_key(key),
                said,
            )),
        }
    }

    fn full_key(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}/{key}", self.prefix)
        }
    }

    pub(super) async fn get(&self, key: &str) -> Result<Option<Versioned>, StoreError> {
        let result = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(self.full_key(key))
            .send()
            .await;
        let output = match result {
            Ok(output) => output,
            Err(err) => {
                let status = err.raw_response().map(|r| r.status().as_u16());
                if status == Some(404) || err.code() == Some("NoSuchKey") {
                    return Ok(None);
                }
                return Err(self.error("GetObject", key, &err, status));
            }
        };
        let etag = ETag(output.e_tag.clone().unwrap_or_default());
        let body = output.body.collect().await.map_err(|e| StoreError::S3 {
            operation: "GetObject",
            key: key.to_owned(),
            message: e.to_string(),
            retryable: true,
        })?;
        Ok(Some(Versioned {
            body: body.into_bytes(),
            etag,
        }))
    }

    pub(super) async fn put(
        &self,
        key: &str,
        body: Bytes,
        mode: PutMode,
    ) -> Result<ETag, StoreError> {
        let mut request = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(self.full_key(key))
            .content_type("application/json")
            .body(ByteStream::from(body));
        request = match mode {
            PutMode::Overwrite => request,
            PutMode::IfMatch(etag) => request.if_match(etag.0),
            PutMode::IfAbsent => request.if_none_match("*"),
        };
        match request.send().await {
            Ok(output) => Ok(ETag(output.e_tag.unwrap_or_default())),
            Err(err) => {
                let status = err.raw_response().map(|r| r.status().as_u16());
                if matches!(status, Some(412 | 409))
                    || matches!(
                        err.code(),
                        Some("PreconditionFailed" | "ConditionalRequestConflict")
                    )
                {
                    return Err(StoreError::PreconditionFailed {
                        key: key.to_owned(),
                    });
                }
                Err(self.error("PutObject", key, &err, status))
            }
        }
    }

    pub(super) async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(self.full_key(key))
            .send()
            .await
            .map(|_| ())
            .map_err(|err| {
                let status = err.raw_response().map(|r| r.status().as_u16());
                self.error("DeleteObject", key, &err, status)
            })
    }

    pub(super) async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let strip = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        let mut keys = Vec::new();
        let mut pages = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(format!("{strip}{prefix}"))
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|err| {
                let status = err.raw_response().map(|r| r.status().as_u16());
                self.error("ListObjectsV2", prefix, &err, status)
            })?;
            for object in page.contents() {
                if let Some(key) = object.key().and_then(|k| k.strip_prefix(&strip)) {
                    keys.push(key.to_owned());
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}
