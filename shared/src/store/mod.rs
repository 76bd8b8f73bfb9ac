//! The state store: what exsync cannot derive (id map, reports, dead letters, per-item records).
//!
//! One type, [`StateStore`], with two backends chosen by `EXSYNC_STATE_URL`: S3
//! (`s3://bucket/prefix`, the deployed stack) and a local directory (`file:///dir`, the demo).
//! Both give the same guarantees, checked by the same contract tests:
//! - `get` returns the body and its ETag, or `None`;
//! - `put` can be conditional: [`PutMode::IfMatch`] (optimistic update) or [`PutMode::IfAbsent`]
//!   (create once); a stale condition fails with [`StoreError::PreconditionFailed`];
//! - `list` returns the keys under a prefix, sorted.
//!
//! | file | what |
//! |---|---|
//! | [`keys`] | every key the store holds (id map, statuses, reports, records, dead letters) |
//! | `idmap.rs` | [`IdMap`], what exsync manages, with [`load_idmap`] and [`save_idmap`] |
//! | `s3.rs` | [`S3Store`]: a bucket and prefix; [`sdk_message`]: what an AWS SDK error says, for every S3 and SQS caller |
//! | `dir.rs` | [`DirStore`]: a local directory |
//! | `denied.rs` | [`AccessDenied`]: an S3 403 told as the IAM permission the role lacks |

mod denied;
mod dir;
mod idmap;
pub mod keys;
mod s3;

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::{AwsSettings, Location};

pub use denied::{AccessDenied, is_denied};
pub use dir::DirStore;
pub use idmap::{IdMap, load_idmap, save_idmap};
pub(crate) use s3::is_retryable as is_retryable_s3;
pub use s3::{S3Store, client_from_env as s3_client, sdk_message};

/// An entity tag: changes whenever the stored body changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ETag(pub String);

/// A stored body and its ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    /// the bytes
    pub body: Bytes,
    /// their ETag
    pub etag: ETag,
}

/// How a write treats what is already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutMode {
    /// write whatever is there
    Overwrite,
    /// write only if the stored ETag is still this one
    IfMatch(ETag),
    /// write only if nothing is stored under the key
    IfAbsent,
}

/// A state store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A conditional write found a different version (or an existing object).
    #[error("conditional write of {key} failed: the stored version changed")]
    PreconditionFailed {
        /// the key
        key: String,
    },
    /// A key that is empty, absolute or climbs out of the store.
    #[error("invalid state key {key:?}")]
    InvalidKey {
        /// the key
        key: String,
    },
    /// The stored JSON did not parse, or a value did not serialise.
    #[error("state object {key} is not valid json: {source}")]
    Json {
        /// the key
        key: String,
        /// the parse error
        #[source]
        source: serde_json::Error,
    },
    /// A local file operation failed.
    #[error("state file {key}: {source}")]
    Io {
        /// the key
        key: String,
        /// the io error
        #[source]
        source: std::io::Error,
    },
    /// S3 refused the call (403): the role lacks a permission; trying again cannot help.
    #[error("s3 {operation} {key}: {denied}")]
    Denied {
        /// GetObject, PutObject, ...
        operation: &'static str,
        /// the key
        key: String,
        /// the action and resource refused
        denied: Box<AccessDenied>,
    },
    /// An S3 call failed.
    #[error("s3 {operation} {key}: {message}")]
    S3 {
        /// GetObject, PutObject, ...
        operation: &'static str,
        /// the key
        key: String,
        /// what S3 (or the SDK) said
        message: String,
        /// whether trying again may help
        retryable: bool,
    },
}

impl StoreError {
    /// True when trying again later may succeed (S3 throttling, 5xx, timeouts; a lost race);
    /// never for a refused permission.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::S3 { retryable, .. } => *retryable,
            Self::PreconditionFailed { .. } => true,
            Self::Denied { .. } | Self::Io { .. } | Self::InvalidKey { .. } | Self::Json { .. } => {
                false
            }
        }
    }
}

/// The state store.
#[derive(Debug, Clone)]
pub enum StateStore {
    /// S3 bucket + prefix
    S3(S3Store),
    /// local directory
    Dir(DirStore),
}

impl StateStore {
    /// Opens the store at `location`; S3 uses the default AWS configuration plus `aws` overrides.
    pub async fn open(location: &Location, aws: &AwsSettings) -> Self {
        match location {
            Location::File(root) => Self::Dir(DirStore::new(root.clone())),
            Location::S3 { bucket, prefix } => {
                let client = s3::client_from_env(aws).await;
                Self::S3(S3Store::new(client, bucket.clone(), prefix.clone()))
            }
        }
    }

    /// The body and ETag under `key`, or `None`.
    ///
    /// # Errors
    /// Backend failures and invalid keys.
    pub async fn get(&self, key: &str) -> Result<Option<Versioned>, StoreError> {
        check_key(key)?;
        match self {
            Self::S3(s) => s.get(key).await,
            Self::Dir(d) => d.get(key).await,
        }
    }

    /// Writes `body` under `key` as `mode` allows; returns the new ETag.
    ///
    /// # Errors
    /// [`StoreError::PreconditionFailed`] when the condition does not hold; backend failures.
    pub async fn put(&self, key: &str, body: Bytes, mode: PutMode) -> Result<ETag, StoreError> {
        check_key(key)?;
        match self {
            Self::S3(s) => s.put(key, body, mode).await,
            Self::Dir(d) => d.put(key, body, mode).await,
        }
    }

    /// Removes `key` (no error when it is absent).
    ///
    /// # Errors
    /// Backend failures.
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        check_key(key)?;
        match self {
            Self::S3(s) => s.delete(key).await,
            Self::Dir(d) => d.delete(key).await,
        }
    }

    /// Every key starting with `prefix`, sorted.
    ///
    /// # Errors
    /// Backend failures.
    pub async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        match self {
            Self::S3(s) => s.list(prefix).await,
            Self::Dir(d) => d.list(prefix).await,
        }
    }

    /// The JSON value under `key` and its ETag, or `None`.
    ///
    /// # Errors
    /// Backend failures; [`StoreError::Json`] when the stored body does not parse as `T`.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<(T, ETag)>, StoreError> {
        let Some(v) = self.get(key).await? else {
            return Ok(None);
        };
        let value = serde_json::from_slice(&v.body).map_err(|source| StoreError::Json {
            key: key.to_owned(),
            source,
        })?;
        Ok(Some((value, v.etag)))
    }

    /// Writes `value` as pretty JSON under `key`.
    ///
    /// # Errors
    /// As [`StateStore::put`].
    pub async fn put_json<T: Serialize>(
        &self,
        key: &str,
        value: &T,
        mode: PutMode,
    ) -> Result<ETag, StoreError> {
        let body = serde_json::to_vec_pretty(value).map_err(|source| StoreError::Json {
            key: key.to_owned(),
            source,
        })?;
        self.put(key, Bytes::from(body), mode).await
    }
}

/// Keys are relative, `/`-separated, and never climb out of the store.
fn check_key(key: &str) -> Result<(), StoreError> {
    let bad = key.is_empty()
        || key.starts_with('/')
        || key.ends_with('/')
        || key
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        || key.contains('\\');
    if bad {
        return Err(StoreError::InvalidKey {
            key: key.to_owned(),
        });
    }
    Ok(())
}
