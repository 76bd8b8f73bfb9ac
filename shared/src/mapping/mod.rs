//! The mapping document `exsync.mapping/v1` and the pure rules it defines.
//!
//! | file | what it holds |
//! |---|---|
//! | [`document`] | [`MappingDocument`] and its sections (deletion policy, mass-change guard, scope, options); [`parse_mapping`] |
//! | [`status`] | the agent-state table and [`resolve_status`] |
//! | [`targets`] | the Genesys values mapped to: [`SystemPresence`], [`RoutingStatus`], [`PresenceTarget`] |
//! | [`recordings`] | key patterns and the upload file-name template |
//! | [`quality`] | the speech-analytics quality profile and the grade of a recording |
//! | [`template`] | the `{placeholder}` syntax both recording rules use |
//! | `validate`, `status_rules` | [`validate_mapping`]: every rule of the document |
//! | `cross` | [`check_mapping_against_snapshot`]: the names the mapping takes from a snapshot |
//!
//! Nothing here does I/O or reads the clock: the same document and input always map the same way.

mod cross;
pub mod document;
pub mod quality;
pub mod recordings;
pub mod status;
mod status_rules;
pub mod targets;
pub mod template;
mod validate;

pub use cross::check_mapping_against_snapshot;
pub use document::{
    BatchSize, DeletionPolicy, EventOptions, InteractionOptions, MAPPING_OBJECT, MappingDocument,
    MassChangeGuard, MaxPercent, ObjectDeletion, ObjectKind, Percent, Scope, UserDeletion,
    parse_mapping,
};
pub use quality::{AudioEncoding, AudioProperties, Grade, QualityProfile, Shortfall};
pub use recordings::{FileNameTemplate, FileNameValues, KeyMatch, KeyPattern, RecordingRules};
pub use status::{
    Matched, Pattern, StatusResolution, StatusRule, StatusTable, StatusTarget, resolve_status,
};
pub use targets::{PresenceTarget, RoutingStatus, SystemPresence};
pub use validate::validate_mapping;
