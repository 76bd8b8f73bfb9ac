//! Where recordings are read from: the inbound S3 bucket (the deployed stack, moto in tests), or
//! a local directory (the demo, which needs no AWS).
//!
//! Three kinds of read, none of which holds a whole recording in memory: [`ObjectSource::head`]
//! (size and ETag), [`ObjectSource::range`] (a few KiB for the header prober, or a sidecar), and
//! [`ObjectSource::stream`] (the object as a stream of chunks). Reads after the first are pinned to
//! the ETag seen first (`If-Match`), so every pass sees the same version of the object. When the
//! ETag is the object's MD5 ([`etag_md5`]), the upload skips its MD5 pass and reads the object once.

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
    /// the object's MD5, when the store vouches for it without a read (see [`etag_md5`])
    pub md5: Option<[u8; 16]>,
}

/// The MD5 an S3 ETag states, if it states one. AWS documents that the ETag of an object created
/// by a single PUT, POST or copy and stored in plain text or with SSE-S3 is the MD5 of its data;
/// a multipart object's ETag ends in `-<parts>`, and SSE-KMS or SSE-C objects have ETags that are
/// not an MD5. `encryption` is the object's `x-amz-server-side-encryption`, `customer_key` its
/// `x-amz-server-side-encryption-customer-algorithm`.
pub fn etag_md5(etag: &str, encryption: Option<&str>, customer_key: bool) -> Option<[u8; 16]> {
    let plain_or_s3 = encryption.is_none_or(|e| e.eq_ignore_ascii_case("AES256"));
    if !plain_or_s3 || customer_key {
        return None;
    }
    let hex = etag.trim().trim_matches('"').as_bytes();
    if hex.len() != 32 || !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut md5 = [0u8; 16];
    for (byte, pair) in md5.iter_mut().zip(hex.chunks_exact(2)) {
        let text = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(text, 16).ok()?;
    }
    Some(md5)
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

#[cfg(test)]
mod tests {
    use super::etag_md5;

    const MD5_OF_ABC: [u8; 16] = [
        0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0, 0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f,
        0x72,
    ];

    #[test]
    fn a_single_part_etag_in_plain_text_or_sse_s3_is_the_md5() {
        let etag = "\"900150983cd24fb0d6963f7d28e17f72\"";
        assert_eq!(etag_md5(etag, None, false), Some(MD5_OF_ABC));
        assert_eq!(etag_md5(etag, Some("AES256"), false), Some(MD5_OF_ABC));
        assert_eq!(
            etag_md5("900150983CD24FB0D6963F7D28E17F72", None, false),
            Some(MD5_OF_ABC),
            "unquoted, upper case"
        );
    }

    #[test]
    fn multipart_kms_customer_key_and_malformed_etags_state_no_md5() {
        let single = "\"900150983cd24fb0d6963f7d28e17f72\"";
        assert_eq!(
            etag_md5("\"900150983cd24fb0d6963f7d28e17f72-3\"", None, false),
            None
        );
        assert_eq!(etag_md5(single, Some("aws:kms"), false), None);
        assert_eq!(etag_md5(single, Some("aws:kms:dsse"), false), None);
        assert_eq!(etag_md5(single, None, true), None);
        assert_eq!(etag_md5("", None, false), None);
        assert_eq!(
            etag_md5("\"900150983cd24fb0d6963f7d28e17fzz\"", None, false),
            None
        );
        assert_eq!(
            etag_md5("\"+00150983cd24fb0d6963f7d28e17f72\"", None, false),
            None,
            "from_str_radix takes a sign; an ETag must not"
        );
        assert_eq!(
            etag_md5("\"é0150983cd24fb0d6963f7d28e17f7\"", None, false),
            None
        );
    }
}
