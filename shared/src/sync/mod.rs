//! The use cases the Lambda handlers and the CLI call: one function per sync concern.
//!
//! | file | use case |
//! |---|---|
//! | `documents.rs` | reading the snapshot and mapping documents from S3 or a file |
//! | `config_sync.rs` | [`config_sync`]: read, plan, guard, apply, save id map and report |

mod config_sync;
mod documents;

pub use config_sync::{ConfigSyncOutcome, Mode, SyncError, config_sync, load_idmap, report_key};
pub use documents::{DocumentError, read_document};
