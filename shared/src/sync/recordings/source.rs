//! Where recordings are read from: the inbound S3 bucket (the deployed stack, moto in tests), or
//! a local directory (the demo, which needs no AWS).
//!
//! Three kinds of read, none of which holds a whole recording in memory: [`ObjectSource::head`]
//! (size and ETag), [`ObjectSource::range`] (a few KiB for the header prober, or a sidecar), and
//! [`ObjectSource::stream`] (the object as a stream of chunks). Reads after the first are pinned to
//! the ETag seen first (`If-Match`), so every pass sees the same version of the object.

use std::io::SeekFrom;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;

use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use bytes::Bytes;
use futures::Stream;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

/// A stream of an object's bytes.
pub type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes, SourceError>> + Send>>;

/// How big a chunk a local file is read in.
const FILE_CHUNK: usize = 64 * 1024;

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
            Self::S3(client) => {
                let result = client.head_object().bucket(bucket).key(key).send().await;
                match result {
                    Ok(out) => Ok(Some(ObjectMeta {
                        size: u64::try_from(out.content_length().unwrap_or(0)).unwrap_or(0),
                        etag: out.e_tag().unwrap_or_default().to_owned(),
                    })),
                    Err(err) => match s3_error("HeadObject", key, &err) {
                        SourceError::NotFound { .. } => Ok(None),
                        other => Err(other),
                    },
                }
            }
            Self::Dir(root) => {
                let path = local_path(root, key)?;
                match tokio::fs::metadata(&path).await {
                    Ok(meta) if meta.is_file() => Ok(Some(ObjectMeta {
                        size: meta.len(),
                        etag: file_etag(&meta),
                    })),
                    Ok(_) => Ok(None),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(io_error("metadata", key, &e)),
                }
            }
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
            Self::S3(client) => {
                let out = client
                    .get_object()
                    .bucket(bucket)
                    .key(key)
                    .if_match(etag)
                    .range(format!("bytes={}-{}", range.start, range.end - 1))
                    .send()
                    .await
                    .map_err(|e| s3_error("GetObject", key, &e))?;
                let body = out.body.collect().await.map_err(|e| SourceError::Read {
                    operation: "GetObject",
                    key: key.to_owned(),
                    message: e.to_string(),
                    retryable: true,
                })?;
                Ok(body.into_bytes())
            }
            Self::Dir(root) => {
                let mut file = open_at(root, key, etag, range.start).await?;
                let len = usize::try_from(range.end - range.start).unwrap_or(usize::MAX);
                let mut buf = Vec::with_capacity(len.min(16 * 1024 * 1024));
                (&mut file)
                    .take(range.end - range.start)
                    .read_to_end(&mut buf)
                    .await
                    .map_err(|e| io_error("read", key, &e))?;
                Ok(Bytes::from(buf))
            }
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
        let key_owned = key.to_owned();
        match self {
            Self::S3(client) => {
                let out = client
                    .get_object()
                    .bucket(bucket)
                    .key(key)
                    .if_match(etag)
                    .send()
                    .await
                    .map_err(|e| s3_error("GetObject", key, &e))?;
                let stream = futures::stream::unfold(out.body, move |mut body| {
                    let key = key_owned.clone();
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
            Self::Dir(root) => {
                let file = open_at(root, key, etag, 0).await?;
                let stream = futures::stream::unfold(Some(file), move |file| {
                    let key = key_owned.clone();
                    async move {
                        let mut file = file?;
                        let mut buf = vec![0u8; FILE_CHUNK];
                        match file.read(&mut buf).await {
                            Ok(0) => None,
                            Ok(n) => {
                                buf.truncate(n);
                                Some((Ok(Bytes::from(buf)), Some(file)))
                            }
                            Err(e) => Some((Err(io_error("read", &key, &e)), None)),
                        }
                    }
                });
                Ok(Box::pin(stream))
            }
        }
    }

    /// Every key under `prefix`, sorted (the demo lists its example recordings this way).
    ///
    /// # Errors
    /// Read failures.
    pub async fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<String>, SourceError> {
        let mut keys = Vec::new();
        match self {
            Self::S3(client) => {
                let mut pages = client
                    .list_objects_v2()
                    .bucket(bucket)
                    .prefix(prefix)
                    .into_paginator()
                    .send();
                while let Some(page) = pages.next().await {
                    let page = page.map_err(|e| s3_error("ListObjectsV2", prefix, &e))?;
                    keys.extend(
                        page.contents()
                            .iter()
                            .filter_map(|o| o.key().map(str::to_owned)),
                    );
                }
            }
            Self::Dir(root) => {
                let dir = local_path(root, prefix.trim_end_matches('/'))?;
                let mut entries = tokio::fs::read_dir(&dir)
                    .await
                    .map_err(|e| io_error("read_dir", prefix, &e))?;
                while let Some(entry) = entries
                    .next_entry()
                    .await
                    .map_err(|e| io_error("read_dir", prefix, &e))?
                {
                    let is_file = entry.file_type().await.is_ok_and(|t| t.is_file());
                    if let (true, Some(name)) = (is_file, entry.file_name().to_str()) {
                        keys.push(format!("{}/{name}", prefix.trim_end_matches('/')));
                    }
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}

/// A local path for `key`, refusing keys that climb out of the directory.
fn local_path(root: &Path, key: &str) -> Result<PathBuf, SourceError> {
    let relative = Path::new(key);
    let safe = !key.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return Err(SourceError::Read {
            operation: "open",
            key: key.to_owned(),
            message: "the key is not a relative path inside the directory".into(),
            retryable: false,
        });
    }
    Ok(root.join(relative))
}

fn file_etag(meta: &std::fs::Metadata) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{:x}-{modified:x}", meta.len())
}

async fn open_at(
    root: &Path,
    key: &str,
    etag: &str,
    offset: u64,
) -> Result<tokio::fs::File, SourceError> {
    let path = local_path(root, key)?;
    let mut file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SourceError::NotFound {
                key: key.to_owned(),
            },
            _ => io_error("open", key, &e),
        })?;
    let meta = file
        .metadata()
        .await
        .map_err(|e| io_error("metadata", key, &e))?;
    if file_etag(&meta) != etag {
        return Err(SourceError::Changed {
            key: key.to_owned(),
        });
    }
    file.seek(SeekFrom::Start(offset))
        .await
        .map_err(|e| io_error("seek", key, &e))?;
    Ok(file)
}

fn io_error(operation: &'static str, key: &str, e: &std::io::Error) -> SourceError {
    SourceError::Read {
        operation,
        key: key.to_owned(),
        message: e.to_string(),
        retryable: false,
    }
}

fn s3_error<E, R>(operation: &'static str, key: &str, err: &SdkError<E, R>) -> SourceError
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
    let retryable = match err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        _ => {
            status.is_some_and(|s| s >= 500 || s == 429)
                || matches!(err.code(), Some("SlowDown" | "RequestTimeout"))
        }
    };
    let message = match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_owned(),
        _ => aws_sdk_s3::error::DisplayErrorContext(err).to_string(),
    };
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
