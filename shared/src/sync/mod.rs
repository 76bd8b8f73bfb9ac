//! The use cases the Lambda handlers and the CLI call: one function per sync concern.
//!
//! | file | use case |
//! |---|---|
//! | `documents.rs` | [`Documents`]: loading the snapshot and mapping from S3 or a file, checked |
//! | `desired.rs` | [`load_snapshot`]: config sync's desired state from a snapshot document or a live Connect instance (feature `connect-api`) |
//! | `config_sync.rs` | [`config_sync`]: read, plan, guard, apply, save id map and report |
//! | `agent_state/` | presence and routing status from agent-state events |
//! | `connect_links.rs` | [`connect_links`]: Connect contact and recording → transfer chain, written by interactions, read by recordings |
//! | `interactions/` | interaction records as Genesys conversation events |
//! | `stream.rs` | [`StreamRecord`]: one Kinesis record as the use cases take it; [`first_failed`]: where the shard resumes |
//! | `recordings/` | recordings dropped in the inbound bucket uploaded into Genesys and bound to their conversation |

pub mod agent_state;
mod config_sync;
pub mod connect_links;
#[cfg(feature = "connect-api")]
mod desired;
mod documents;
pub mod interactions;
pub mod recordings;
mod stream;

pub use config_sync::{
    ConfigSyncOutcome, Mode, Prepared, SyncError, check_saved, config_sync, dry_run, execute,
    prepare,
};
#[cfg(feature = "connect-api")]
pub use desired::load_snapshot;
pub use documents::{DocumentError, Documents, LoadError};
pub use stream::{StreamRecord, first_failed};
