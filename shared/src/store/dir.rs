//! The local-directory state store (the demo's default, and the CLI's without AWS).
//!
//! A key is a relative path below the root. ETags are the hex MD5 of the content, as S3 gives for
//! single-part objects. Writes go to a temporary file and are renamed into place; conditional
//! writes are serialised by a lock held across check and write (one process; the demo and the CLI
//! are single processes, the deployed stack uses S3).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use md5::{Digest, Md5};
use tokio::sync::Mutex;

use super::{ETag, PutMode, StoreError, Versioned};

/// A state store in a local directory.
#[derive(Debug, Clone)]
pub struct DirStore {
    root: PathBuf,
    write_lock: Arc<Mutex<()>>,
}

fn etag_of(body: &[u8]) -> ETag {
    let digest = Md5::digest(body);
    ETag(format!(
        "\"{}\"",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ))
}

fn io(key: &str) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        key: key.to_owned(),
        source,
    }
}

impl DirStore {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: PathBuf) -> Self {
        Self {
            root,
            write_lock: Arc::new(Mutex::new(())),
        }
    }

    /// The directory this store writes to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(super) async fn get(&self, key: &str) -> Result<Option<Versioned>, StoreError> {
        match tokio::fs::read(self.root.join(key)).await {
            Ok(body) => {
                let etag = etag_of(&body);
                Ok(Some(Versioned {
                    body: Bytes::from(body),
                    etag,
                }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(key)(e)),
        }
    }

    pub(super) async fn put(
        &self,
        key: &str,
        body: Bytes,
        mode: PutMode,
    ) -> Result<ETag, StoreError> {
        let _guard = self.write_lock.lock().await;
        let current = self.get(key).await?.map(|v| v.etag);
        let allowed = match (&mode, &current) {
            (PutMode::Overwrite, _) => true,
            (PutMode::IfAbsent, current) => current.is_none(),
            (PutMode::IfMatch(expected), Some(current)) => expected == current,
            (PutMode::IfMatch(_), None) => false,
        };
        if !allowed {
            return Err(StoreError::PreconditionFailed {
                key: key.to_owned(),
            });
        }
        let path = self.root.join(key);
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(io(key))?;
        }
        let tmp = path.with_extension(format!("tmp-{}", fastrand::u64(..)));
        tokio::fs::write(&tmp, &body).await.map_err(io(key))?;
        tokio::fs::rename(&tmp, &path).await.map_err(io(key))?;
        Ok(etag_of(&body))
    }

    pub(super) async fn delete(&self, key: &str) -> Result<(), StoreError> {
        let _guard = self.write_lock.lock().await;
        match tokio::fs::remove_file(self.root.join(key)).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(key)(e)),
        }
    }

    pub(super) async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut keys = Vec::new();
        let mut pending = vec![self.root.clone()];
        while let Some(dir) = pending.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io(prefix)(e)),
            };
            while let Some(entry) = entries.next_entry().await.map_err(io(prefix))? {
                let path = entry.path();
                if entry.file_type().await.map_err(io(prefix))?.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(rel) = path.strip_prefix(&self.root) else {
                    continue;
                };
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if key.starts_with(prefix) && !key.contains(".tmp-") {
                    keys.push(key);
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}
