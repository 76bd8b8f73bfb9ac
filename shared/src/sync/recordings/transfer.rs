//! Moving the bytes: the MD5 pass over the object, and the presigned PUT that streams the object
//! again to the upload host. Neither holds more than a chunk in memory.
//!
//! The PUT carries exactly the headers Genesys returned, plus `Content-Length` (S3 refuses a
//! presigned PUT without one), and no bearer token. The URL is checked against the allowed
//! hosts first, and redirects are never followed, so the bytes cannot end up anywhere else.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use futures::StreamExt;
use md5::{Digest, Md5};
use reqwest::header::{CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue};

use super::hosts::{HostRefused, UploadHosts};
use super::source::{ChunkStream, SourceError};

/// An object's MD5 and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentDigest {
    /// base64 of the 16 MD5 bytes, as `Content-MD5` and `contentMd5` want it
    pub md5_base64: String,
    /// the same, hex
    pub md5_hex: String,
    /// bytes streamed
    pub size: u64,
}

/// Streams `chunks` through MD5.
///
/// # Errors
/// The first read failure of the stream.
pub async fn digest(mut chunks: ChunkStream) -> Result<ContentDigest, SourceError> {
    let mut md5 = Md5::new();
    let mut size = 0u64;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        size += chunk.len() as u64;
        md5.update(&chunk);
    }
    Ok(ContentDigest::of(md5.finalize().into(), size))
}

impl ContentDigest {
    /// The digest of `size` bytes whose MD5 is `md5`.
    pub fn of(md5: [u8; 16], size: u64) -> Self {
        Self {
            md5_base64: base64::engine::general_purpose::STANDARD.encode(md5),
            md5_hex: md5.iter().map(|b| format!("{b:02x}")).collect(),
            size,
        }
    }
}

/// Why a presigned PUT failed.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The URL points somewhere not allowed; nothing was sent.
    #[error(transparent)]
    HostRefused(#[from] HostRefused),
    /// A returned header cannot be sent as is.
    #[error("upload header {name} cannot be sent: {reason}")]
    Header {
        /// the header
        name: String,
        /// why
        reason: String,
    },
    /// Reading the object failed mid-upload.
    #[error("reading the recording failed mid-upload: {0}")]
    Source(SourceError),
    /// The connection failed or timed out.
    #[error("upload to {host} failed: {message}")]
    Transport {
        /// the upload host
        host: String,
        /// what failed
        message: String,
    },
    /// The upload host answered with an error.
    #[error("upload to {host} answered {status} {code}: {message}")]
    Status {
        /// the upload host
        host: String,
        /// HTTP status
        status: u16,
        /// S3 error code, when the body had one
        code: String,
        /// S3 error message (shortened)
        message: String,
    },
}

impl UploadError {
    /// Whether uploading again (with a fresh URL) may succeed: transport failures, 5xx, 408,
    /// 429, and an expired URL; never a refused host or a signature mismatch.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::HostRefused(_) | Self::Header { .. } => false,
            Self::Source(e) => e.is_retryable(),
            Self::Transport { .. } => true,
            Self::Status {
                status, message, ..
            } => {
                *status >= 500
                    || matches!(*status, 408 | 429)
                    || (*status == 403 && message.contains("expired"))
            }
        }
    }
}

/// What the upload host said on success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutReceipt {
    /// the ETag the host returned, if any
    pub etag: Option<String>,
}

/// The HTTP client for presigned URLs: no default headers, no redirects, no token.
#[derive(Debug, Clone)]
pub struct Uploader {
    http: reqwest::Client,
    hosts: UploadHosts,
}

impl Uploader {
    /// An uploader that sends only to `hosts`.
    ///
    /// # Errors
    /// When the HTTP client cannot be built.
    pub fn new(hosts: UploadHosts) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self { http, hosts })
    }

    /// The allowed hosts.
    pub fn hosts(&self) -> &UploadHosts {
        &self.hosts
    }

    /// PUTs `body` (`size` bytes) to `url` with exactly `headers`.
    ///
    /// # Errors
    /// [`UploadError`]; a refused host fails before any connection is made.
    pub async fn put(
        &self,
        url: &str,
        headers: &BTreeMap<String, String>,
        body: ChunkStream,
        size: u64,
    ) -> Result<PutReceipt, UploadError> {
        let url = self.hosts.check(url)?;
        let host = url.host_str().unwrap_or_default().to_owned();
        let mut header_map = HeaderMap::new();
        for (name, value) in headers {
            let header = |reason: String| UploadError::Header {
                name: name.clone(),
                reason,
            };
            let key = HeaderName::from_bytes(name.as_bytes()).map_err(|e| header(e.to_string()))?;
            let value = HeaderValue::from_str(value).map_err(|e| header(e.to_string()))?;
            header_map.insert(key, value);
        }
        header_map.insert(CONTENT_LENGTH, HeaderValue::from(size));
        let failure: Arc<Mutex<Option<SourceError>>> = Arc::default();
        let seen = Arc::clone(&failure);
        let body = body.map(move |chunk| {
            chunk.inspect_err(|e| {
                if let Ok(mut slot) = seen.lock() {
                    *slot = Some(e.clone());
                }
            })
        });
        let sent = self
            .http
            .put(url)
            .headers(header_map)
            .body(reqwest::Body::wrap_stream(body))
            .send()
            .await;
        let source_failure = failure.lock().ok().and_then(|mut f| f.take());
        if let Some(source) = source_failure {
            return Err(UploadError::Source(source));
        }
        let response = sent.map_err(|e| UploadError::Transport {
            host: host.clone(),
            message: error_chain(&e.without_url()),
        })?;
        let status = response.status();
        let etag = response
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if status.is_success() {
            return Ok(PutReceipt { etag });
        }
        let text = response.text().await.unwrap_or_default();
        Err(UploadError::Status {
            host,
            status: status.as_u16(),
            code: xml_field(&text, "Code").unwrap_or_default(),
            message: xml_field(&text, "Message")
                .unwrap_or_else(|| text.chars().take(200).collect()),
        })
    }

    /// GETs a presigned download URL (an upload report), allowed hosts only, at most `limit`
    /// bytes.
    ///
    /// # Errors
    /// As [`Uploader::put`]; a body over `limit` is a `Transport` error.
    pub async fn get(&self, url: &str, limit: usize) -> Result<Bytes, UploadError> {
        let url = self.hosts.check(url)?;
        let host = url.host_str().unwrap_or_default().to_owned();
        let transport = |message: String| UploadError::Transport {
            host: host.clone(),
            message,
        };
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| transport(error_chain(&e.without_url())))?;
        let status = response.status();
        if !status.is_success() {
            return Err(UploadError::Status {
                host: host.clone(),
                status: status.as_u16(),
                code: String::new(),
                message: format!("GET answered {status}"),
            });
        }
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| transport(error_chain(&e.without_url())))?;
            if body.len() + chunk.len() > limit {
                return Err(transport(format!("the body is larger than {limit} bytes")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(body))
    }
}

/// An error with its causes, which is where reqwest puts the useful part. Callers strip the URL
/// first (`without_url`): a presigned URL's query is a credential and must not reach a log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The text of `<field>` in an S3 XML error body.
fn xml_field(xml: &str, field: &str) -> Option<String> {
    let open = format!("<{field}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find("</")? + start;
    Some(xml[start..end].chars().take(300).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_error_fields_are_read_from_the_xml() {
        let xml = "<Error><Code>BadDigest</Code><Message>did not match</Message></Error>";
        assert_eq!(xml_field(xml, "Code").as_deref(), Some("BadDigest"));
        assert_eq!(xml_field(xml, "Message").as_deref(), Some("did not match"));
        assert_eq!(xml_field(xml, "Other"), None);
    }

    #[test]
    fn an_expired_url_is_retryable_but_a_signature_mismatch_is_not() {
        let status = |message: &str| UploadError::Status {
            host: "h".into(),
            status: 403,
            code: "AccessDenied".into(),
            message: message.into(),
        };
        assert!(status("Request has expired").is_retryable());
        assert!(!status("The request signature we calculated does not match").is_retryable());
    }
}
