//! The local-directory side of [`super::ObjectSource`] (the demo): keys are relative paths, the
//! ETag is the file's size and modification time.

use std::io::SeekFrom;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{ChunkStream, ObjectMeta, SourceError};

/// How big a chunk a local file is read in.
const FILE_CHUNK: usize = 64 * 1024;

pub(super) async fn head(root: &Path, key: &str) -> Result<Option<ObjectMeta>, SourceError> {
    let path = local_path(root, key)?;
    match tokio::fs::metadata(&path).await {
        Ok(meta) if meta.is_file() => Ok(Some(ObjectMeta {
            size: meta.len(),
            etag: file_etag(&meta),
            md5: None,
        })),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("metadata", key, &e)),
    }
}

pub(super) async fn range(
    root: &Path,
    key: &str,
    etag: &str,
    range: Range<u64>,
) -> Result<Bytes, SourceError> {
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

pub(super) async fn stream(root: &Path, key: &str, etag: &str) -> Result<ChunkStream, SourceError> {
    let file = open_at(root, key, etag, 0).await?;
    let key = key.to_owned();
    let stream = futures::stream::unfold(Some(file), move |file| {
        let key = key.clone();
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

pub(super) async fn list(root: &Path, prefix: &str) -> Result<Vec<String>, SourceError> {
    let folder = prefix.trim_end_matches('/');
    let dir = local_path(root, folder)?;
    let mut entries = tokio::fs::read_dir(&dir)
        .await
        .map_err(|e| io_error("read_dir", prefix, &e))?;
    let mut keys = Vec::new();
    while let Some(entry) = entries
        .next_entry()
        .await
        .map_err(|e| io_error("read_dir", prefix, &e))?
    {
        let is_file = entry.file_type().await.is_ok_and(|t| t.is_file());
        if let (true, Some(name)) = (is_file, entry.file_name().to_str()) {
            keys.push(format!("{folder}/{name}"));
        }
    }
    Ok(keys)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_climb_out_are_refused() {
        let root = Path::new("/srv/examples");
        assert!(local_path(root, "../etc/passwd").is_err());
        assert!(local_path(root, "/etc/passwd").is_err());
        assert!(local_path(root, "").is_err());
        assert_eq!(
            local_path(root, "recordings/a.wav").unwrap(),
            root.join("recordings/a.wav")
        );
    }
}
