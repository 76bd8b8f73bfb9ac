//! The external platform's canonical formats, read and validated at the boundary.
//!
//! | file | format | entry point |
//! |---|---|---|
//! | [`snapshot`] | `exsync.config/v1` configuration snapshot: the types | [`ConfigSnapshot`] |
//! | `intake.rs` | reading a snapshot, the objects that cannot sync held back | [`read_snapshot`] (per object), [`parse_snapshot`] (all or nothing) |
//! | `snapshot_rules/` | the rules a snapshot must follow | [`validate_snapshot`] |
//! | `kind.rs` | the seven object types, which are also the snapshot's collections | [`ObjectKind`] |
//! | [`held`] | the snapshot objects held back from a sync, and why | [`Held`] |
//! | [`agent_state`] | `exsync.agent-state/v1` agent-state event(s) | [`parse_agent_state_event`], [`split_agent_state_body`], [`parse_agent_state_body`] |
//! | [`interaction`] | `exsync.interaction/v1` interaction record | [`parse_interaction`], [`validate_interaction`] |
//! | [`connect`] | Amazon Connect's agent events → [`AgentStateEvent`]; contact trace records → interaction records | [`connect::agent_state_from_connect`], [`connect::interaction_from_contacts`] |
//! | [`recording`] | `exsync.recording/v1` recording sidecar | [`parse_recording_sidecar`] |
//! | [`problems`] | [`Problem`] and [`InputError`], what every parser returns on bad input | |
//! | [`format`] | the `schema` field: [`Format`] and [`SchemaTag`] | |
//! | `decode.rs` | JSON into typed values, every serde error named by its field | |
//!
//! Every parser rejects unknown fields, checks the `schema` field first, and reports every problem
//! it finds with the object and field it is about. Adapters for other external formats belong
//! beside these files and should produce these types.

pub mod agent_state;
pub mod connect;
pub(crate) mod decode;
pub mod format;
pub mod held;
mod intake;
pub mod interaction;
mod kind;
pub mod problems;
pub mod recording;
pub mod snapshot;
mod snapshot_rules;

pub use agent_state::{
    AgentStateEvent, parse_agent_state_body, parse_agent_state_event, split_agent_state_body,
};
pub use format::{Format, SchemaTag, json_type};
pub use held::{Held, HeldObject, HeldWhy};
pub(crate) use intake::settle;
pub use intake::{parse_snapshot, read_snapshot};
pub use interaction::{
    AgentSegment, Direction, DisconnectedBy, Hold, InteractionRecord, IvrSegment, QueueSegment,
    Segment, Transfer, TransferKind, TransferParty, TransferTarget, parse_interaction,
    validate_interaction,
};
pub use kind::ObjectKind;
pub use problems::{InputError, Problem};
pub use recording::{Channel, ChannelLayout, RecordingSidecar, parse_recording_sidecar};
pub use snapshot::{
    ConfigSnapshot, Division, Language, LanguageAssignment, Placement, Proficiency, Queue,
    SecondaryStatus, Skill, SkillAssignment, User, WrapupCode,
};
pub use snapshot_rules::validate_snapshot;
pub(crate) use snapshot_rules::{is_locale, takes_secondary};
