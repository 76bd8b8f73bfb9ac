//! Why an invocation fails (why the function cannot start is `exsync::runtime::StartupError`).
//!
//! An invocation fails only when nothing could be applied, so that EventBridge (or S3's async
//! invocation) retries and the function's error alarm fires. Each error maps to a Lambda
//! `Diagnostic` whose `errorType` names the cause, so logs and metrics can tell a bad snapshot
//! from an unreachable Genesys.

use exsync::sync::{LoadError, SyncError};
use lambda_runtime::Diagnostic;

use crate::event::UnrecognisedEvent;

/// Why an invocation failed.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    /// the event is neither a schedule nor an S3 notification
    #[error(transparent)]
    UnrecognisedEvent(#[from] UnrecognisedEvent),
    /// a scheduled sync without `EXSYNC_CONFIG_URL`
    #[error(
        "a scheduled sync needs EXSYNC_CONFIG_URL (the snapshot to reconcile against, or connect://<instance-id>)"
    )]
    NoSnapshotLocation,
    /// the snapshot or mapping could not be read, or is invalid
    #[error(transparent)]
    Document(#[from] LoadError),
    /// the org or the state store could not be read or written
    #[error("sync of {trigger} did not run: {source}")]
    Sync {
        /// what triggered the run
        trigger: String,
        /// why (boxed: the Genesys error is large)
        #[source]
        source: Box<SyncError>,
    },
    /// the mass-change guard refused the plan
    #[error(
        "sync of {trigger} applied nothing: the mass-change guard refused the plan ({violations}); fix the snapshot or set massChangeGuard.allowMassChanges (report: {report_key})"
    )]
    MassChangeBlocked {
        /// what triggered the run
        trigger: String,
        /// the refused object types
        violations: String,
        /// where the run report is
        report_key: String,
    },
    /// every planned change failed
    #[error(
        "sync of {trigger} applied nothing: all {failed} changes failed, first: {first} (report: {report_key})"
    )]
    AllChangesFailed {
        /// what triggered the run
        trigger: String,
        /// failed changes
        failed: usize,
        /// the first failure
        first: String,
        /// where the run report is
        report_key: String,
    },
    /// the deadline came before any change could start
    #[error(
        "sync of {trigger} applied nothing: the deadline came before any of {skipped} changes could start; raise the function timeout (report: {report_key})"
    )]
    NoTimeLeft {
        /// what triggered the run
        trigger: String,
        /// skipped changes
        skipped: usize,
        /// where the run report is
        report_key: String,
    },
}

impl HandlerError {
    /// The `errorType` Lambda reports.
    pub fn error_type(&self) -> &'static str {
        match self {
            Self::UnrecognisedEvent(_) => "UnrecognisedEvent",
            Self::NoSnapshotLocation => "ConfigurationError",
            Self::Document(LoadError::Unreadable { .. }) => "DocumentUnreadable",
            Self::Document(LoadError::Invalid { .. }) => "InvalidInput",
            Self::Sync { source, .. } => match source.as_ref() {
                SyncError::Genesys(_) => "GenesysError",
                SyncError::Store(_) => "StateStoreError",
                SyncError::Input(_) => "InvalidInput",
            },
            Self::MassChangeBlocked { .. } => "MassChangeBlocked",
            Self::AllChangesFailed { .. } => "AllChangesFailed",
            Self::NoTimeLeft { .. } => "DeadlineExceeded",
        }
    }

    /// True when the same invocation may succeed later (a retry is worth it).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::UnrecognisedEvent(_)
            | Self::NoSnapshotLocation
            | Self::MassChangeBlocked { .. } => false,
            Self::Document(source) => source.is_retryable(),
            Self::Sync { source, .. } => source.is_retryable(),
            Self::AllChangesFailed { .. } | Self::NoTimeLeft { .. } => true,
        }
    }
}

impl From<HandlerError> for Diagnostic {
    fn from(error: HandlerError) -> Self {
        Diagnostic {
            error_type: error.error_type().to_owned(),
            error_message: error.to_string(),
        }
    }
}
