//! Loading a document (snapshot, mapping) from `s3://bucket/key` or `file:///path`: read it, parse
//! it for its use, and name the document in what went wrong. Every function loads its documents
//! through [`Documents`] (at cold start through [`crate::runtime::mapping`]).

use aws_sdk_s3::error::ProvideErrorMetadata;

use crate::config::{AwsSettings, Location};
use crate::external::InputError;
use crate::mapping::{Concern, MappingDocument, parse_mapping_for};
use crate::store::s3_client;

/// Reads documents: S3 objects through a client built once, or through one built per read from
/// the AWS settings (a function that reads its mapping once, at cold start).
#[derive(Debug, Clone)]
pub enum Documents {
    /// S3 objects through this client (built at cold start, or pointed at a test server)
    Client(aws_sdk_s3::Client),
    /// S3 objects through a client built from these settings for each read
    Settings(AwsSettings),
}

impl Documents {
    /// A reader using `s3` for S3 locations.
    pub fn new(s3: aws_sdk_s3::Client) -> Self {
        Self::Client(s3)
    }

    /// The whole document at `location` as text.
    ///
    /// # Errors
    /// When the file or object cannot be read or is not UTF-8.
    pub async fn read(&self, location: &Location) -> Result<String, DocumentError> {
        let (bucket, key) = match location {
            Location::File(path) => return read_file(path).await,
            Location::S3 { bucket, prefix } => (bucket, prefix),
        };
        match self {
            Self::Client(s3) => read_object(s3, bucket, key).await,
            Self::Settings(aws) => read_object(&s3_client(aws).await, bucket, key).await,
        }
    }

    /// Reads the `what` (`mapping`, `snapshot`) at `location` and parses it with `parse`.
    ///
    /// # Errors
    /// [`LoadError::Unreadable`] or [`LoadError::Invalid`], naming the document.
    pub async fn load<T>(
        &self,
        location: &Location,
        what: &'static str,
        parse: impl FnOnce(&str) -> Result<T, InputError>,
    ) -> Result<T, LoadError> {
        let text = self
            .read(location)
            .await
            .map_err(|source| LoadError::Unreadable { what, source })?;
        parse(&text).map_err(|source| LoadError::invalid(what, location, source))
    }

    /// The mapping at `location`, checked for `concern`.
    ///
    /// # Errors
    /// When it cannot be read or is invalid for `concern`.
    pub async fn mapping(
        &self,
        location: &Location,
        concern: Concern,
    ) -> Result<MappingDocument, LoadError> {
        self.load(location, "mapping", |text| parse_mapping_for(text, concern))
            .await
    }
}

/// A document could not be loaded; names the document.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// the document could not be read
    #[error("cannot read the {what}: {source}")]
    Unreadable {
        /// `snapshot`, `mapping` or `connect instance`
        what: &'static str,
        /// the read error
        #[source]
        source: DocumentError,
    },
    /// the document is invalid
    #[error("the {what} at {location} is invalid: {source}")]
    Invalid {
        /// `snapshot`, `mapping`, or `mapping (against the snapshot)`
        what: &'static str,
        /// where it was read from
        location: String,
        /// every problem
        #[source]
        source: InputError,
    },
}

impl LoadError {
    /// The `what` at `location` is invalid.
    pub fn invalid(what: &'static str, location: &Location, source: InputError) -> Self {
        Self::Invalid {
            what,
            location: location.to_string(),
            source,
        }
    }

    /// True when loading again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Unreadable { source, .. } => source.is_retryable(),
            Self::Invalid { .. } => false,
        }
    }
}

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
    /// a live Amazon Connect instance could not be read
    #[error("{message}")]
    Connect {
        /// what failed, naming the operation and the instance
        message: String,
        /// whether trying again may help
        retryable: bool,
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
            } | Self::Connect {
                retryable: true,
                ..
            }
        )
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

/// The whole object `s3://bucket/prefix` as text.
async fn read_object(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    prefix: &str,
) -> Result<String, DocumentError> {
    let failed = |message: String, retryable: bool| DocumentError::S3 {
        bucket: bucket.to_owned(),
        key: prefix.to_owned(),
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
