//! The S3 side of [`super::ObjectSource`]: HeadObject, ranged and streamed GetObject pinned with
//! `If-Match`, ListObjectsV2; SDK errors mapped to [`SourceError`].

use std::ops::Range;

use aws_sdk_s3::Client;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use bytes::Bytes;

use super::{ChunkStream, ObjectMeta, SourceError};
use crate::store::{AccessDenied, is_denied, is_retryable_s3, sdk_message};

pub(super) async fn head(
    client: &Client,
    bucket: &str,
    key: &str,
) -> Result<Option<ObjectMeta>, SourceError> {
    match client.head_object().bucket(bucket).key(key).send().await {
        Ok(out) => {
            let etag = out.e_tag().unwrap_or_default().to_owned();
            let md5 = super::etag_md5(
                &etag,
                out.server_side_encryption().map(|e| e.as_str()),
                out.sse_customer_algorithm().is_some(),
            );
            Ok(Some(ObjectMeta {
                size: u64::try_from(out.content_length().unwrap_or(0)).unwrap_or(0),
                etag,
                md5,
            }))
        }
        Err(err) => match s3_error(client, bucket, "HeadObject", key, &err) {
            SourceError::NotFound { .. } => Ok(None),
            other => Err(other),
        },
    }
}

pub(super) async fn range(
    client: &Client,
    bucket: &str,
    key: &str,
    etag: &str,
    range: Range<u64>,
) -> Result<Bytes, SourceError> {
    let out = client
        .get_object()
        .bucket(bucket)
        .key(key)
        .if_match(etag)
        .range(format!("bytes={}-{}", range.start, range.end - 1))
        .send()
        .await
        .map_err(|e| s3_error(client, bucket, "GetObject", key, &e))?;
    let body = out.body.collect().await.map_err(|e| SourceError::Read {
        operation: "GetObject",
        key: key.to_owned(),
        message: e.to_string(),
        retryable: true,
    })?;
    Ok(body.into_bytes())
}

pub(super) async fn stream(
    client: &Client,
    bucket: &str,
    key: &str,
    etag: &str,
) -> Result<ChunkStream, SourceError> {
    let out = client
        .get_object()
        .bucket(bucket)
        .key(key)
        .if_match(etag)
        .send()
        .await
        .map_err(|e| s3_error(client, bucket, "GetObject", key, &e))?;
    let key = key.to_owned();
    let stream = futures::stream::unfold(out.body, move |mut body| {
        let key = key.clone();
        async move {
            let next = body.next().await?;
            let item = next.map_err(|e| SourceError::Read {
                operation: "GetObject body",
                key,
                message: e.to_string(),
                retryable: true,
            });
            Some((item, body))
        }
    });
    Ok(Box::pin(stream))
}

pub(super) async fn list(
    client: &Client,
    bucket: &str,
    prefix: &str,
) -> Result<Vec<String>, SourceError> {
    let mut keys = Vec::new();
    let mut pages = client
        .list_objects_v2()
        .bucket(bucket)
        .prefix(prefix)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| s3_error(client, bucket, "ListObjectsV2", prefix, &e))?;
        keys.extend(
            page.contents()
                .iter()
                .filter_map(|o| o.key().map(str::to_owned)),
        );
    }
    Ok(keys)
}

/// Not found (404), changed (412), refused (403: a permission the role lacks, never retryable)
/// or another failure, retryable for throttling, 5xx and transport errors.
fn s3_error<E, R>(
    client: &Client,
    bucket: &str,
    operation: &'static str,
    key: &str,
    err: &SdkError<E, R>,
) -> SourceError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + HasStatus,
{
    let status = err.raw_response().map(HasStatus::http_status);
    let key_owned = key.to_owned();
    match (status, err.code()) {
        (Some(404), _) | (_, Some("NoSuchKey" | "NotFound")) => {
            return SourceError::NotFound { key: key_owned };
        }
        (Some(412), _) | (_, Some("PreconditionFailed")) => {
            return SourceError::Changed { key: key_owned };
        }
        _ => {}
    }
    let retryable = is_retryable_s3(err, status);
    let mut message = sdk_message(err);
    if is_denied(status, err.code()) {
        // without s3:ListBucket, S3 answers a missing key (a sidecar not dropped) with 403 too
        let region = client.config().region().map(|r| r.as_ref().to_owned());
        message = AccessDenied::new(operation, region.as_deref(), bucket, key, message).to_string();
        return SourceError::Read {
            operation,
            key: key_owned,
            message,
            retryable: false,
        };
    }
    SourceError::Read {
        operation,
        key: key_owned,
        message,
        retryable,
    }
}

/// The HTTP status of a raw response (the S3 SDK's response type).
trait HasStatus {
    fn http_status(&self) -> u16;
}

impl HasStatus for aws_sdk_s3::config::http::HttpResponse {
    fn http_status(&self) -> u16 {
        self.status().as_u16()
    }
}
