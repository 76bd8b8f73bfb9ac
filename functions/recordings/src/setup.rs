//! Cold start: the handler's dependencies, built once from [`Config`].

use std::time::Duration;

use exsync::config::{Config, Location};
use exsync::genesys::GenesysClient;
use exsync::lambda::Budget;
use exsync::mapping::{Concern, RecordingRules};
use exsync::runtime::{StartupError, genesys_client_one_token, mapping, state_store};
use exsync::store::StateStore;
use exsync::sync::recordings::{
    CheckOptions, ConnectRecordings, ObjectSource, RecordingsContext, UploadHosts, UploadSettings,
    Uploader,
};

/// Time kept back from the Lambda deadline for writing records and answering the runtime; 15
/// minutes when the invocation carries no deadline (a local run).
pub const BUDGET: Budget = Budget {
    margin: Duration::from_secs(5),
    fallback: Duration::from_secs(15 * 60),
};

/// How invocations behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// upload request options
    pub upload: UploadSettings,
    /// report polling
    pub check: CheckOptions,
    /// how much of an invocation a run may take
    pub budget: Budget,
    /// where Amazon Connect writes its call recordings (`EXSYNC_CONNECT_RECORDINGS_URL`)
    pub connect: Option<ConnectRecordings>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            upload: UploadSettings::default(),
            check: CheckOptions::default(),
            budget: BUDGET,
            connect: None,
        }
    }
}

/// Everything the handler uses, built once per cold start.
#[derive(Debug, Clone)]
pub struct Deps {
    /// the Genesys client (one token bucket for the process)
    pub client: GenesysClient,
    /// the state store (id map, records, dead letters)
    pub store: StateStore,
    /// the inbound bucket
    pub source: ObjectSource,
    /// the presigned-URL client, limited to the allowed hosts
    pub uploader: Uploader,
    /// the mapping's recording rules
    pub rules: RecordingRules,
    /// options
    pub settings: Settings,
}

impl Deps {
    /// Builds everything from `config`: client, store, S3 client, allowed hosts, mapping.
    ///
    /// # Errors
    /// A missing or malformed variable, unreadable credentials or mapping, an invalid mapping or
    /// `EXSYNC_UPLOAD_HOSTS` entry.
    pub async fn from_config(config: &Config) -> Result<Self, StartupError> {
        let client = genesys_client_one_token(config).await?;
        let store = state_store(config).await?;
        let mapping = mapping(config, Concern::Recordings).await?;
        let hosts =
            UploadHosts::new(&config.upload_hosts).map_err(|reason| StartupError::Setting {
                what: "EXSYNC_UPLOAD_HOSTS",
                reason,
            })?;
        let uploader = Uploader::new(hosts).map_err(|e| StartupError::Setting {
            what: "upload http client",
            reason: e.to_string(),
        })?;
        let s3 = exsync::store::s3_client(&config.aws).await;
        Ok(Self {
            client,
            store,
            source: ObjectSource::S3(s3),
            uploader,
            rules: mapping.recordings,
            settings: Settings {
                check: CheckOptions {
                    overdue_after: Duration::from_secs(
                        u64::from(config.pending_overdue_hours.get()) * 3600,
                    ),
                    ..CheckOptions::default()
                },
                connect: connect_recordings(config).map_err(|reason| StartupError::Setting {
                    what: "EXSYNC_CONNECT_RECORDINGS_URL",
                    reason,
                })?,
                ..Settings::default()
            },
        })
    }

    /// The use case's view of these dependencies.
    pub fn context(&self) -> RecordingsContext<'_> {
        RecordingsContext {
            client: &self.client,
            store: &self.store,
            source: &self.source,
            uploader: &self.uploader,
            rules: &self.rules,
            settings: &self.settings.upload,
            connect: self.settings.connect.as_ref(),
        }
    }
}

/// `EXSYNC_CONNECT_RECORDINGS_URL` (`s3://<recording bucket>/<prefix>`), when set.
fn connect_recordings(config: &Config) -> Result<Option<ConnectRecordings>, String> {
    match &config.connect_recordings {
        None => Ok(None),
        Some(Location::S3 { bucket, prefix }) => Ok(Some(ConnectRecordings {
            bucket: bucket.clone(),
            prefix: prefix.clone(),
        })),
        Some(Location::File(_)) => {
            Err("Connect writes recordings to S3: expected s3://bucket/prefix".into())
        }
    }
}
