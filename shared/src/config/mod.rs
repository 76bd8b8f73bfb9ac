//! `Config`: everything a function or the CLI reads from the environment, read once.
//!
//! [`Config::from_env`] delegates to [`Config::from_vars`], which takes a lookup function, so tests
//! never touch process variables. A missing or malformed variable is an error that names it; a
//! secret's value never appears in an error or in `Debug`.

use std::fmt;
use std::num::NonZeroU32;
use std::path::PathBuf;

use secrecy::SecretString;
use url::Url;

use crate::genesys::{Endpoints, TokensPerClient};

mod source;

pub use source::{CONNECT_SCHEME, ConnectInstanceId, SnapshotSource};

/// A configuration problem, naming the variable.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A required variable is not set (or empty).
    #[error("{name} is not set{}", hint.map(|h| format!(" ({h})")).unwrap_or_default())]
    Missing {
        /// the variable
        name: &'static str,
        /// what to set instead or as well
        hint: Option<&'static str>,
    },
    /// A variable is set to something unusable.
    #[error("{name} is invalid: {reason}")]
    Invalid {
        /// the variable
        name: &'static str,
        /// why (never contains a secret)
        reason: String,
    },
}

impl ConfigError {
    /// Configuration errors never heal by retrying.
    pub fn is_retryable(&self) -> bool {
        false
    }
}

/// How the client authenticates.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Client id and secret given directly (local runs, tests).
    Inline {
        /// OAuth client id
        client_id: String,
        /// OAuth client secret
        client_secret: SecretString,
    },
    /// A Secrets Manager secret holding both, read at cold start (the deployed stack).
    SecretArn(String),
}

/// The Genesys side of the configuration.
#[derive(Debug, Clone)]
pub struct GenesysSettings {
    /// API and login base URLs
    pub endpoints: Endpoints,
    /// OAuth client credentials
    pub credentials: Credentials,
    /// the request budget per minute of each token
    pub rate_per_minute: NonZeroU32,
    /// requests that may go out back to back (within the budget)
    pub rate_burst: NonZeroU32,
    /// `GENESYS_TOKEN_POOL_SIZE`: tokens per OAuth client, each with its own budget (default 1)
    pub tokens_per_client: TokensPerClient,
}

/// Where a document or the state store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `s3://bucket/prefix`
    S3 {
        /// bucket
        bucket: String,
        /// key prefix (no leading or trailing `/`), may be empty
        prefix: String,
    },
    /// `file:///path`
    File(PathBuf),
}

impl Location {
    /// Parses `s3://bucket/prefix` or `file:///path`.
    ///
    /// # Errors
    /// A reason when the URL is neither.
    pub fn parse(value: &str) -> Result<Self, String> {
        if let Some(rest) = value.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err("s3 url has no bucket".into());
            }
            return Ok(Self::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
            });
        }
        if value.starts_with("file://") {
            let url = Url::parse(value).map_err(|e| e.to_string())?;
            let path = url
                .to_file_path()
                .map_err(|()| "file url must hold an absolute path".to_owned())?;
            return Ok(Self::File(path));
        }
        Err("expected s3://bucket/prefix or file:///absolute/path".into())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "file://{}", path.display()),
            Self::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}

/// How to reach S3/SQS (a loopback server in tests).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsSettings {
    /// `AWS_ENDPOINT_URL`
    pub endpoint_url: Option<String>,
    /// `EXSYNC_S3_PATH_STYLE`
    pub s3_path_style: bool,
}

/// The whole configuration of a function or CLI run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Genesys endpoints, credentials and rate budget
    pub genesys: GenesysSettings,
    /// `EXSYNC_STATE_URL`
    pub state: Option<Location>,
    /// `EXSYNC_MAPPING_URL`
    pub mapping: Option<Location>,
    /// `EXSYNC_CONFIG_URL`: a snapshot document, or `connect://<instance-id>`
    pub snapshot: Option<SnapshotSource>,
    /// `EXSYNC_CONNECT_RECORDINGS_URL`: where Amazon Connect writes its call recordings
    /// (`s3://<bucket>/<prefix>`; the recordings function only)
    pub connect_recordings: Option<Location>,
    /// `EXSYNC_UPLOAD_HOSTS`: extra hosts a presigned upload URL may point to
    pub upload_hosts: Vec<String>,
    /// `EXSYNC_PENDING_OVERDUE_HOURS`: a recording upload the reports have not settled after
    /// this many hours is overdue (metric, `exsync status`); default 24
    pub pending_overdue_hours: NonZeroU32,
    /// S3/SQS endpoint overrides
    pub aws: AwsSettings,
}

impl Config {
    /// Reads the process environment.
    ///
    /// # Errors
    /// The first missing or malformed variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (a variable name to its value).
    ///
    /// # Errors
    /// The first missing or malformed variable.
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Ok(Self {
            genesys: GenesysSettings::from_vars(&get)?,
            state: location(&get, "EXSYNC_STATE_URL")?,
            mapping: location(&get, "EXSYNC_MAPPING_URL")?,
            snapshot: get("EXSYNC_CONFIG_URL")
                .map(|v| {
                    SnapshotSource::parse(&v).map_err(|reason| ConfigError::Invalid {
                        name: "EXSYNC_CONFIG_URL",
                        reason,
                    })
                })
                .transpose()?,
            connect_recordings: location(&get, "EXSYNC_CONNECT_RECORDINGS_URL")?,
            upload_hosts: get("EXSYNC_UPLOAD_HOSTS")
                .map(|v| {
                    v.split(',')
                        .map(|h| h.trim().to_owned())
                        .filter(|h| !h.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            pending_overdue_hours: match get("EXSYNC_PENDING_OVERDUE_HOURS") {
                None => NonZeroU32::new(24).unwrap_or(NonZeroU32::MIN),
                Some(v) => v.parse().map_err(|_| ConfigError::Invalid {
                    name: "EXSYNC_PENDING_OVERDUE_HOURS",
                    reason: format!("{v:?} is not a whole number of hours above zero"),
                })?,
            },
            aws: AwsSettings {
                endpoint_url: get("AWS_ENDPOINT_URL"),
                s3_path_style: flag(&get, "EXSYNC_S3_PATH_STYLE")?,
            },
        })
    }
}

impl GenesysSettings {
    /// Reads the `GENESYS_*` variables through `get`.
    ///
    /// # Errors
    /// The first missing or malformed variable.
    pub fn from_vars(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let endpoints = match (get("GENESYS_REGION"), get("GENESYS_API_BASE"), get("GENESYS_LOGIN_BASE")) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(ConfigError::Invalid {
                    name: "GENESYS_REGION",
                    reason: "set either GENESYS_REGION or GENESYS_API_BASE + GENESYS_LOGIN_BASE, not both".into(),
                });
            }
            (Some(region), None, None) => Endpoints::for_region(&region).ok_or_else(|| ConfigError::Invalid {
                name: "GENESYS_REGION",
                reason: format!("unknown region {region:?} (use an SDK key such as eu_central_1 or a domain such as mypurecloud.de)"),
            })?,
            (None, Some(api), Some(login)) => Endpoints::explicit(base_url("GENESYS_API_BASE", &api)?, base_url("GENESYS_LOGIN_BASE", &login)?),
            (None, Some(_), None) => {
                return Err(ConfigError::Missing {
                    name: "GENESYS_LOGIN_BASE",
                    hint: Some("GENESYS_API_BASE needs it"),
                });
            }
            (None, None, Some(_)) => {
                return Err(ConfigError::Missing {
                    name: "GENESYS_API_BASE",
                    hint: Some("GENESYS_LOGIN_BASE needs it"),
                });
            }
            (None, None, None) => {
                return Err(ConfigError::Missing {
                    name: "GENESYS_REGION",
                    hint: Some("or GENESYS_API_BASE and GENESYS_LOGIN_BASE"),
                });
            }
        };
        let credentials = match (
            get("GENESYS_CLIENT_ID"),
            get("GENESYS_CLIENT_SECRET"),
            get("GENESYS_CLIENT_SECRET_ARN"),
        ) {
            (Some(client_id), Some(secret), _) => Credentials::Inline {
                client_id,
                client_secret: SecretString::from(secret),
            },
            (_, None, Some(arn)) => Credentials::SecretArn(arn),
            (None, Some(_), _) => {
                return Err(ConfigError::Missing {
                    name: "GENESYS_CLIENT_ID",
                    hint: Some("GENESYS_CLIENT_SECRET needs it"),
                });
            }
            (_, None, None) => {
                return Err(ConfigError::Missing {
                    name: "GENESYS_CLIENT_SECRET",
                    hint: Some("or GENESYS_CLIENT_SECRET_ARN"),
                });
            }
        };
        let rate_per_minute = match get("GENESYS_RATE_PER_MINUTE") {
            None => NonZeroU32::new(300).unwrap_or(NonZeroU32::MIN),
            Some(v) => v.parse::<NonZeroU32>().map_err(|_| ConfigError::Invalid {
                name: "GENESYS_RATE_PER_MINUTE",
                reason: format!("{v:?} is not a whole number above zero"),
            })?,
        };
        let rate_burst = match get("GENESYS_RATE_BURST") {
            None => NonZeroU32::new(crate::genesys::DEFAULT_BURST)
                .unwrap_or(NonZeroU32::MIN)
                .min(rate_per_minute),
            Some(v) => v
                .parse::<NonZeroU32>()
                .ok()
                .filter(|b| *b <= rate_per_minute)
                .ok_or_else(|| ConfigError::Invalid {
                    name: "GENESYS_RATE_BURST",
                    reason: format!(
                        "{v:?} is not a whole number from 1 to GENESYS_RATE_PER_MINUTE ({rate_per_minute})"
                    ),
                })?,
        };
        let tokens_per_client = match get("GENESYS_TOKEN_POOL_SIZE") {
            None => TokensPerClient::ONE,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .and_then(TokensPerClient::new)
                .ok_or_else(|| ConfigError::Invalid {
                    name: "GENESYS_TOKEN_POOL_SIZE",
                    reason: format!(
                        "{v:?} is not a whole number from 1 to {}",
                        TokensPerClient::MAX
                    ),
                })?,
        };
        Ok(Self {
            endpoints,
            credentials,
            rate_per_minute,
            rate_burst,
            tokens_per_client,
        })
    }
}

fn base_url(name: &'static str, value: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(value).map_err(|e| ConfigError::Invalid {
        name,
        reason: format!("{value:?} is not a url: {e}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(ConfigError::Invalid {
            name,
            reason: format!("{value:?} must be an http(s) url with a host"),
        });
    }
    Ok(url)
}

fn location(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<Option<Location>, ConfigError> {
    get(name)
        .map(|v| Location::parse(&v).map_err(|reason| ConfigError::Invalid { name, reason }))
        .transpose()
}

fn flag(get: &impl Fn(&str) -> Option<String>, name: &'static str) -> Result<bool, ConfigError> {
    match get(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(ConfigError::Invalid {
            name,
            reason: format!("{other:?} is not true or false"),
        }),
    }
}

#[cfg(test)]
mod tests;
