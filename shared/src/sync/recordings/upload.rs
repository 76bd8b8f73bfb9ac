//! The transfer half of the use case: the MD5 (from the ETag, or a pass over the object), the
//! upload-URL request, then the object streamed into the presigned PUT (a fresh URL per attempt).
//! `steps.rs` runs these steps and records each one.

use std::future::Future;

use super::error::RecordingError;
use super::source::{ObjectMeta, ObjectSource};
use super::transfer::{ContentDigest, Uploader, digest};
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::genesys::model::{UploadUrlRequest, UploadUrlResponse};

/// How uploads are requested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSettings {
    /// `signedUrlTimeoutSeconds` (Genesys's default, 600 s, when `None`)
    pub signed_url_timeout_seconds: Option<u32>,
    /// `serverSideEncryption` (default `AES256`)
    pub server_side_encryption: Option<String>,
    /// PUT attempts within one invocation for retryable upload failures (default 3)
    pub put_attempts: u32,
}

impl Default for UploadSettings {
    fn default() -> Self {
        Self {
            signed_url_timeout_seconds: None,
            server_side_encryption: Some("AES256".to_owned()),
            put_attempts: 3,
        }
    }
}

/// One object to send.
#[derive(Debug, Clone, Copy)]
pub(super) struct Transfer<'a> {
    pub source: &'a ObjectSource,
    pub client: &'a GenesysClient,
    pub uploader: &'a Uploader,
    pub settings: &'a UploadSettings,
    pub bucket: &'a str,
    pub key: &'a str,
    pub meta: &'a ObjectMeta,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub deadline: Deadline,
}

/// Runs `work` unless the deadline passes first.
async fn in_time<T>(
    deadline: Deadline,
    during: &'static str,
    work: impl Future<Output = Result<T, RecordingError>>,
) -> Result<T, RecordingError> {
    tokio::time::timeout(deadline.remaining(), work)
        .await
        .map_err(|_| RecordingError::DeadlineExceeded { during })?
}

impl Transfer<'_> {
    /// The object's MD5: the one its ETag states when the store vouches for it (no read), else an
    /// MD5 pass over the object, pinned to its ETag. Either way the PUT sends it as `Content-MD5`,
    /// so the upload host refuses bytes that do not match it.
    pub(super) async fn digest(&self) -> Result<ContentDigest, RecordingError> {
        if let Some(md5) = self.meta.md5 {
            tracing::debug!(key = %self.key, "md5 from the etag; no md5 pass");
            return Ok(ContentDigest::of(md5, self.meta.size));
        }
        let digest = in_time(self.deadline, "computing the md5", async {
            let chunks = self
                .source
                .stream(self.bucket, self.key, &self.meta.etag)
                .await?;
            Ok(digest(chunks).await?)
        })
        .await?;
        if digest.size != self.meta.size {
            return Err(RecordingError::SizeChanged {
                expected: self.meta.size,
                streamed: digest.size,
            });
        }
        Ok(digest)
    }

    /// Asks Genesys for an upload URL for these bytes.
    pub(super) async fn request_url(
        &self,
        digest: &ContentDigest,
    ) -> Result<UploadUrlResponse, RecordingError> {
        let request = UploadUrlRequest {
            file_name: Some(self.file_name.to_owned()),
            content_md5: Some(digest.md5_base64.clone()),
            signed_url_timeout_seconds: self.settings.signed_url_timeout_seconds,
            content_type: Some(self.content_type.to_owned()),
            server_side_encryption: self.settings.server_side_encryption.clone(),
        };
        Ok(self
            .client
            .request_recording_upload(&request, self.deadline)
            .await?)
    }

    /// Streams the object into the presigned PUT.
    pub(super) async fn put(&self, response: &UploadUrlResponse) -> Result<(), RecordingError> {
        // refuse a bad host before opening the object or the connection
        self.uploader
            .hosts()
            .check(&response.url)
            .map_err(|e| RecordingError::Upload(e.into()))?;
        in_time(self.deadline, "uploading", async {
            let body = self
                .source
                .stream(self.bucket, self.key, &self.meta.etag)
                .await?;
            let receipt = self
                .uploader
                .put(&response.url, &response.headers, body, self.meta.size)
                .await?;
            tracing::debug!(key = %self.key, etag = receipt.etag.as_deref().unwrap_or("-"), "uploaded");
            Ok(())
        })
        .await
    }
}
