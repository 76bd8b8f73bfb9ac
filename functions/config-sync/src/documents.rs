//! Reading the snapshot and mapping documents with the function's own S3 client.
//!
//! `exsync::sync::read_document` builds an S3 client from the environment on every call; the
//! function builds one at cold start instead (and tests hand in one pointed at moto), so S3
//! reads go through the client held here. Files go through the shared reader.

use exsync::config::{AwsSettings, Location};
use exsync::sync::{DocumentError, read_document};

/// Reads documents from `file://` paths or `s3://bucket/key` objects.
#[derive(Debug, Clone)]
pub struct Documents {
    s3: aws_sdk_s3::Client,
}

impl Documents {
    /// A reader using `s3` for S3 locations.
    pub fn new(s3: aws_sdk_s3::Client) -> Self {
        Self { s3 }
    }

    /// The whole document as text.
    ///
    /// # Errors
    /// When the file or object cannot be read or is not UTF-8.
    pub async fn read(&self, location: &Location) -> Result<String, DocumentError> {
        let Location::S3 { bucket, prefix } = location else {
            return read_document(location, &AwsSettings::default()).await;
        };
        let failed = |message: String, retryable: bool| DocumentError::S3 {
            bucket: bucket.clone(),
            key: prefix.clone(),
            message,
            retryable,
        };
        let output = self
            .s3
            .get_object()
            .bucket(bucket)
            .key(prefix)
            .send()
            .await
            .map_err(|e| {
                let status = e.raw_response().map(|r| r.status().as_u16());
                let message = aws_sdk_s3::error::DisplayErrorContext(&e).to_string();
                failed(message, !matches!(status, Some(403 | 404)))
            })?;
        let body = output
            .body
            .collect()
            .await
            .map_err(|e| failed(e.to_string(), true))?;
        String::from_utf8(body.into_bytes().to_vec()).map_err(|_| DocumentError::NotText {
            location: format!("s3://{bucket}/{prefix}"),
        })
    }
}

/// The location of `s3://bucket/key` (keys keep their inner slashes and spaces).
pub fn s3_location(bucket: &str, key: &str) -> Location {
    Location::S3 {
        bucket: bucket.to_owned(),
        prefix: key.to_owned(),
    }
}

/// `file:///path` or `s3://bucket/key`, for messages.
pub fn describe(location: &Location) -> String {
    match location {
        Location::File(path) => format!("file://{}", path.display()),
        Location::S3 { bucket, prefix } => format!("s3://{bucket}/{prefix}"),
    }
}
