//! The operations commands' work (`replay`, `redrive`, `status`): reading the state store's
//! dead letters, reports and records, and talking to SQS and the inbound bucket. The commands
//! in [`crate::commands`] parse arguments and print.
//!
//! | file | what |
//! |---|---|
//! | `aws.rs` | state store, SQS and S3 clients from the environment (no Genesys settings needed) |
//! | `dead_letters.rs` | listing, reading and moving dead letters; `--since` |
//! | `resubmit.rs` | one letter back to its queue, or its recording re-dropped |
//! | `redrive.rs` | SQS dead-letter queue → source queue |
//! | `overdue.rs` | recording uploads pending longer than the overdue age |
//! | `objects.rs` | objects the last config sync left failed, skipped, synced or not managed |
//! | `status.rs` | the status summary |

pub mod aws;
pub mod dead_letters;
pub mod objects;
pub mod overdue;
pub mod redrive;
pub mod resubmit;
pub mod status;

use exsync::store::{StateStore, StoreError};
use futures::stream::{self, StreamExt as _};
use serde::de::DeserializeOwned;

/// How many state-store documents are read at once.
const READ_CONCURRENCY: usize = 32;

/// Reads the JSON documents under `keys`, several at a time and in no particular order: `None`
/// for one that does not parse; one removed since the listing is left out.
///
/// # Errors
/// Store failures other than a document that does not parse.
pub async fn read_lenient<T: DeserializeOwned>(
    store: &StateStore,
    keys: &[String],
) -> Result<Vec<Option<T>>, StoreError> {
    let read: Vec<Result<Option<Option<T>>, StoreError>> = stream::iter(keys)
        .map(|key| async move {
            match store.get_json::<T>(key).await {
                Ok(found) => Ok(found.map(|(value, _)| Some(value))),
                Err(StoreError::Json { .. }) => Ok(Some(None)),
                Err(other) => Err(other),
            }
        })
        .buffer_unordered(READ_CONCURRENCY)
        .collect()
        .await;
    read.into_iter().filter_map(Result::transpose).collect()
}
