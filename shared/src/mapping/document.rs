//! The mapping document `exsync.mapping/v1`: how the external platform's data becomes Genesys data.
//!
//! Only `schema`, `userAuthority`, `presenceSourceName` and `agentState.fallback` are required;
//! every other section has defaults, so a minimal document is a few lines. `examples/mapping.json`
//! shows every field, `schemas/mapping.v1.schema.json` describes them.

use serde::{Deserialize, Serialize};

use super::per_kind::PerKind;
use super::recordings::RecordingRules;
use super::status::StatusTable;
use crate::external::ObjectKind;
use crate::external::SchemaTag;
use crate::external::connect::ConnectOptions;
use crate::ids::ExternalId;

/// The name problems about the mapping document use as their object.
pub const MAPPING_OBJECT: &str = "mapping";

/// The mapping document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MappingDocument {
    /// `exsync.mapping/v1`.
    pub schema: SchemaTag,
    /// The external id authority exsync registers on users (`/users/externalid/{authority}/{key}`);
    /// users carrying it are the users exsync manages. Letters, digits, `.`, `_` and `-`.
    pub user_authority: String,
    /// The name of the Genesys presence source exsync ensures and sends presence under.
    pub presence_source_name: String,
    /// What happens to managed objects the snapshot no longer has.
    #[serde(default)]
    pub deletion: DeletionPolicy,
    /// Refuses plans that would remove too much at once.
    #[serde(default)]
    pub mass_change_guard: MassChangeGuard,
    /// Narrows the set of objects exsync manages.
    #[serde(default)]
    pub scope: Scope,
    /// Prepended to the Genesys name of every queue, skill, language, wrap-up code and division
    /// exsync creates (for example `EXT `); none by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<String>,
    /// The external division (snapshot id) of queues and users that name none; Genesys's home
    /// division when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_division: Option<ExternalId>,
    /// The agent-state table.
    pub agent_state: StatusTable,
    /// Interaction options.
    #[serde(default)]
    pub interactions: InteractionOptions,
    /// Recording rules.
    #[serde(default)]
    pub recordings: RecordingRules,
    /// Presence and routing-status event options.
    #[serde(default)]
    pub events: EventOptions,
    /// How a live Amazon Connect instance becomes the desired state (`connect://` sources only).
    #[serde(default)]
    pub connect: ConnectOptions,
}

/// What to do with a managed object the snapshot no longer has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Removal {
    /// Not set: the type's default ([`DeletionPolicy::removal`]). Never read nor written.
    #[default]
    #[serde(skip)]
    Unset,
    /// Leave it in Genesys as it is.
    Keep,
    /// Users only: leave the user as it is (the same as `keep`).
    Ignore,
    /// Users only: deactivate the user (restorable).
    Deactivate,
    /// Delete it (Genesys keeps a deleted user soft-deleted for a while).
    Delete,
}

/// The deletion policy: a [`Removal`] per object type, each left out getting its type's default.
/// `ignore` and `deactivate` for any type but users are refused by validation.
pub type DeletionPolicy = PerKind<Removal>;

impl DeletionPolicy {
    /// What happens to an object of `kind` the snapshot no longer has: `keep`, `deactivate` or
    /// `delete` (an unset type: `deactivate` for users, `keep` for every other; `ignore`: `keep`).
    pub fn removal(&self, kind: ObjectKind) -> Removal {
        match (*self.get(kind), kind) {
            (Removal::Unset, ObjectKind::Users) => Removal::Deactivate,
            (Removal::Unset | Removal::Ignore, _) => Removal::Keep,
            (set, _) => set,
        }
    }
}

/// A whole percentage, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(u8);

impl Percent {
    /// A percentage, if `value` is at most 100.
    pub fn new(value: u8) -> Option<Self> {
        (value <= 100).then_some(Self(value))
    }

    /// The value.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl Default for Percent {
    fn default() -> Self {
        Self(20)
    }
}

/// The mass-change guard: a plan may deactivate or delete at most this share of each type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MassChangeGuard {
    /// The largest share, per object type, a plan may deactivate or delete (default 20 each).
    #[serde(default)]
    pub max_percent: MaxPercent,
    /// Apply such a plan anyway (an explicit, deliberate override; default false).
    #[serde(default)]
    pub allow_mass_changes: bool,
}

/// A [`Percent`] per object type, 20 for any left out.
pub type MaxPercent = PerKind<Percent>;

impl MassChangeGuard {
    /// Whether a plan may deactivate or delete `removing` of the `managed` objects of `kind`.
    pub fn permits(&self, kind: ObjectKind, managed: usize, removing: usize) -> bool {
        let limit = usize::from(self.max_percent.get(kind).value());
        self.allow_mass_changes
            || removing == 0
            || removing.saturating_mul(100) <= limit.saturating_mul(managed)
    }
}

/// Narrows what exsync manages; an object outside the scope is never created, changed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scope {
    /// Only these external divisions (snapshot ids) and the objects and users in them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divisions: Option<Vec<ExternalId>>,
    /// Only Genesys objects (not users) whose name starts with this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<String>,
}

/// A batch size for the events API, 1 to [`BatchSize::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BatchSize(u32);

impl BatchSize {
    /// The largest size accepted; Genesys's material documents 100 per call.
    pub const MAX: u32 = 1000;

    /// A batch size, if `value` is in range.
    pub fn new(value: u32) -> Option<Self> {
        (1..=Self::MAX).contains(&value).then_some(Self(value))
    }

    /// The value.
    pub fn value(self) -> u32 {
        self.0
    }
}

impl Default for BatchSize {
    fn default() -> Self {
        Self(100)
    }
}

/// The `interactions` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InteractionOptions {
    /// Send the routing statuses a call implies; only when the agent-state feed does not send
    /// them (default false).
    #[serde(default)]
    pub emit_routing_status: bool,
    /// Conversation events per `POST /api/v2/events/conversations` (default 100).
    #[serde(default)]
    pub event_batch_size: BatchSize,
}

/// The `events` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventOptions {
    /// Presence or routing-status events per call (default 100).
    #[serde(default)]
    pub batch_limit: BatchSize,
}
