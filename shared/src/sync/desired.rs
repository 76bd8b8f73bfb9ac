//! Config sync's desired state from where `EXSYNC_CONFIG_URL` (or the CLI's `--config`) points:
//! a snapshot document, read object by object, or a live Amazon Connect instance, read through
//! its API and converted under the mapping's `connect` section. Either way the result is the same
//! [`ConfigSnapshot`], so planning, applying, the guard and the scope do not know the difference.

use super::documents::{DocumentError, Documents, LoadError};
use crate::config::SnapshotSource;
use crate::connect_api::{self, ReadError};
use crate::external::{ConfigSnapshot, read_snapshot};
use crate::mapping::MappingDocument;

/// Loads the snapshot at `source`; a Connect instance is read with `connect` (a client from the
/// environment's AWS configuration when `None`).
///
/// # Errors
/// [`LoadError::Unreadable`] when the document or instance cannot be read,
/// [`LoadError::Invalid`] when it is not a snapshot at all.
pub async fn load_snapshot(
    documents: &Documents,
    connect: Option<&connect_api::Client>,
    source: &SnapshotSource,
    mapping: &MappingDocument,
) -> Result<ConfigSnapshot, LoadError> {
    let instance = match source {
        SnapshotSource::Document(location) => {
            return documents.load(location, "snapshot", read_snapshot).await;
        }
        SnapshotSource::Connect(instance) => instance,
    };
    let client = match connect {
        Some(client) => client.clone(),
        None => connect_api::client_from_env().await,
    };
    connect_api::read_snapshot(&client, instance, &mapping.connect)
        .await
        .map_err(|error| match error {
            ReadError::Connect(error) => LoadError::Unreadable {
                what: "connect instance",
                source: DocumentError::Connect {
                    retryable: error.is_retryable(),
                    message: error.to_string(),
                },
            },
            ReadError::Invalid(problems) => LoadError::Invalid {
                what: "snapshot",
                location: source.to_string(),
                source: problems,
            },
        })
}
