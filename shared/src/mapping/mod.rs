//! The mapping document `exsync.mapping/v1` and the pure rules it defines.
//!
//! | file | what it holds |
//! |---|---|
//! | [`document`] | [`MappingDocument`] and its sections (deletion policy, mass-change guard, scope, options) |
//! | (`external/connect/options.rs`) | [`ConnectOptions`]: the `connect` section (hierarchy level of divisions, language attributes, status presences, pacing), defined beside the conversion that follows it |
//! | [`per_kind`] | [`PerKind`]: a value per object type (the guard's limits, the id map's tables, the deletion policy) |
//! | `parse` | [`parse_mapping`], [`parse_mapping_for`]: the JSON read, then validated |
//! | [`status`] | the agent-state table and [`resolve_status`] |
//! | [`targets`] | the Genesys values mapped to: [`RoutingStatus`], [`PresenceTarget`] (a [`crate::presence::SystemPresence`] or a secondary status) |
//! | [`recordings`] | key patterns and the upload file-name template |
//! | [`quality`] | the speech-analytics quality profile and the grade of a recording |
//! | [`template`] | the `{placeholder}` syntax both recording rules use |
//! | [`concern`] | [`Concern`]: which function a rule serves; [`parse_mapping_for`] refuses a document only for its own concern's problems |
//! | `validate`, `status_rules`, `connect_rules` | [`validate_mapping`], [`mapping_problems`]: every rule of the document, by concern |
//! | `cross` | [`cross_check`]: the names the mapping takes from a snapshot (a scope division the snapshot lacks is a warning) |
//!
//! Nothing here does I/O or reads the clock: the same document and input always map the same way.

pub mod concern;
mod connect_rules;
mod cross;
pub mod document;
mod parse;
pub mod per_kind;
pub mod quality;
pub mod recordings;
pub mod status;
mod status_rules;
pub mod targets;
pub mod template;
mod validate;

pub use crate::external::connect::{ConnectOptions, ConnectPacing, HierarchyLevel};
pub use concern::Concern;
pub use cross::{CrossCheck, check_mapping_against_snapshot, cross_check};
pub use document::{
    BatchSize, DeletionPolicy, EventOptions, InteractionOptions, MAPPING_OBJECT, MappingDocument,
    MassChangeGuard, MaxPercent, Percent, Removal, Scope,
};
pub use parse::{parse_mapping, parse_mapping_for};
pub use per_kind::PerKind;
pub use quality::{AudioEncoding, AudioProperties, Grade, QualityProfile, Shortfall};
pub use recordings::{FileNameTemplate, FileNameValues, KeyMatch, KeyPattern, RecordingRules};
pub use status::{
    Matched, Pattern, StatusResolution, StatusRule, StatusTable, StatusTarget, resolve_status,
};
pub use targets::{PresenceTarget, RoutingStatus};
pub use validate::{mapping_problems, validate_mapping, validate_mapping_for};
