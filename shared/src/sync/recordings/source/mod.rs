//! Where recordings are read from: the inbound S3 bucket (the deployed stack, moto in tests), or
//! a local directory (the demo, which needs no AWS).
//!
//! Three kinds of read, none of which holds a whole recording in memory: [`ObjectSource::head`]
//! (size and ETag), [`ObjectSource::range`] (a few KiB for the header prober, or a sidecar), and
//! [`ObjectSource::stream`] (the object as a stream of chunks). Reads after the first are pinned to
//! the ETag seen first (`If-Match`), so every pass sees the same version of the object.

mod dir;
mod s3;

use std::ops::Range;
use std::path::PathBuf;
use std::pin::Pin;

use bytes::Bytes;
use futures::Stream;

/// A stream of an object's bytes.
pub type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes, SourceError>> + Send>>;

/// Why a read failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The object is gone.
    #[error("{key} does not exist")]
    NotFound {
        /// the key
        key: String,
    },
    /// The object changed since it was first seen (`If-Match` failed).
    #[error("{key} changed while it was being read")]
    Changed {
        /// the key
        key: String,
    },
    /// Any other failure.
    #[error("{operation} {key}: {message}")]
    Read {
        /// GetObject, HeadObject, read, ...
        operation: &'static str,
        /// the key
        key: String,
        /// what went wrong
        message: String,
        /// whether trying again may help
        retryable: bool,
    },
}

impl SourceError {
    /// Whether trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Read { retryable, .. } => *retryable,
            Self::NotFound { .. } | Self::Changed { .. } => false,
        }
    }
}

/// An object's size and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectMeta {
    /// bytes
    pub size: u64,
    /// the ETag (as the store returns it, quotes included for S3)
    pub etag: String,
}

/// The place recordings are read from.
#[derive(Debug, Clone)]
pub enum ObjectSource {
    /// S3 (bucket from each event).
    S3(aws_sdk_s3::Client),
    /// A local directory; the bucket is ignored and keys are paths under it.
    Dir(PathBuf),
}

impl ObjectSource {
    /// The size and ETag of an object, or `None` when it does not exist.
    ///
    /// # Errors
    /// Read failures other than "not found".
    pub async fn head(&self, bucket: &str, key: &str) -> Result<Option<ObjectMeta>, SourceError> {
        match self {
            Self::S3(client) => s3::head(client, bucket, key).await,
            Self::Dir(root) => dir::head(root, key).await,
        }
    }

    /// The bytes in `range` of the object at version `etag`.
    ///
    /// # Errors
    /// [`SourceError::Changed`] when the object is no longer at `etag`; read failures.
    pub async fn range(
        &self,
        bucket: &str,
        key: &str,
        etag: &str,
        range: Range<u64>,
    ) -> Result<Bytes, SourceError> {
        if range.is_empty() {
            return Ok(Bytes::new());
        }
        match self {
            Self::S3(client) => s3::range(client, bucket, key, etag, range).await,
            Self::Dir(root) => dir::range(root, key, etag, range).await,
        }
    }

    /// The whole object at version `etag`, as a stream of chunks.
    ///
    /// # Errors
    /// [`SourceError::Changed`] when the object is no longer at `etag`; read failures (also
    /// inside the stream).
    pub async fn stream(
        &self,
        bucket: &str,
        key: &str,
        etag: &str,
    ) -> Result<ChunkStream, SourceError> {
        match self {
            Self::S3(client) => s3::stream(client, bucket, key, etag).await,
            Self::Dir(root) => dir::stream(root, key, etag).await,
        }
    }

    /// Every key under `prefix`, sorted (the demo lists its example recordings this way).
    ///
    /// # Errors
    /// Read failures.
    pub async fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<String>, SourceError> {
        let mut keys = match self {
            Self::S3(client) => s3::list(client, bucket, prefix).await?,
            Self::Dir(root) => dir::list(root, prefix).await?,
        };
        keys.sort();
        Ok(keys)
    }
}
