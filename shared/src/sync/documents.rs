//! Reading a document (snapshot, mapping) from `s3://bucket/key` or `file:///path`.

use aws_sdk_s3::error::ProvideErrorMetadata;

use crate::config::{AwsSettings, Location};

/// A document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// the file could not be read
    #[error("cannot read {path}: {source}")]
    File {
        /// the path
        path: String,
        /// why
        #[source]
        source: std::io::Error,
    },
    /// S3 refused or failed
    #[error("cannot read s3://{bucket}/{key}: {message}")]
    S3 {
        /// bucket
        bucket: String,
        /// key
        key: String,
        /// what S3 said
        message: String,
        /// whether trying again may help
        retryable: bool,
    },
    /// the bytes are not UTF-8 text
    #[error("{location} is not utf-8 text")]
    NotText {
        /// where
        location: String,
    },
}

impl DocumentError {
    /// True when reading again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::S3 {
                retryable: true,
                ..
            }
        )
    }
}

/// Reads the whole document at `location` as text. S3 uses `aws` (endpoint, path style).
///
/// # Errors
/// When the file or object cannot be read or is not UTF-8.
pub async fn read_document(
    location: &Location,
    aws: &AwsSettings,
) -> Result<String, DocumentError> {
    match location {
        Location::File(path) => read_file(path).await,
        Location::S3 { .. } => {
            read_document_from(&crate::store::s3_client(aws).await, location).await
        }
    }
}

async fn read_file(path: &std::path::Path) -> Result<String, DocumentError> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|source| DocumentError::File {
            path: path.display().to_string(),
            source,
        })?;
    String::from_utf8(bytes).map_err(|_| DocumentError::NotText {
        location: path.display().to_string(),
    })
}

/// Reads the whole document at `location` as text, S3 objects through `s3` (a client built once
/// at cold start, or one pointed at a test server).
///
/// # Errors
/// When the file or object cannot be read or is not UTF-8.
pub async fn read_document_from(
    s3: &aws_sdk_s3::Client,
    location: &Location,
) -> Result<String, DocumentError> {
    let (bucket, prefix) = match location {
        Location::File(path) => return read_file(path).await,
        Location::S3 { bucket, prefix } => (bucket, prefix),
    };
    let failed = |message: String, retryable: bool| DocumentError::S3 {
        bucket: bucket.clone(),
        key: prefix.clone(),
        message,
        retryable,
    };
    let output = s3
        .get_object()
        .bucket(bucket)
        .key(prefix)
        .send()
        .await
        .map_err(|e| {
            let status = e.raw_response().map(|r| r.status().as_u16());
            if crate::store::is_denied(status, e.code()) {
                let said = e.code().unwrap_or("403 Forbidden");
                let region = s3.config().region().map(|r| r.as_ref().to_owned());
                let denied = crate::store::AccessDenied::new(
                    "GetObject",
                    region.as_deref(),
                    bucket,
                    prefix,
                    said,
                );
                return failed(denied.to_string(), false);
            }
            failed(
                aws_sdk_s3::error::DisplayErrorContext(&e).to_string(),
                status != Some(404),
            )
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
