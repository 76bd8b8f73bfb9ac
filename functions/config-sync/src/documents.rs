//! Reading the snapshot and mapping documents with the function's own S3 client.
//!
//! The function builds its S3 client once at cold start (tests hand in one pointed at moto) and
//! reads through `exsync::sync::read_document_from` with it.

use exsync::config::Location;
use exsync::sync::{DocumentError, read_document_from};

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
        read_document_from(&self.s3, location).await
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
