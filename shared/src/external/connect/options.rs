//! [`ConnectOptions`], the mapping document's `connect` section: how a live Amazon Connect
//! instance becomes config sync's desired state (`EXSYNC_CONFIG_URL=connect://<instance-id>`), and
//! how fast it is read. Defined here, beside the conversion that uses it
//! ([`super::snapshot_from_instance`]), so that `external/` needs nothing from `mapping/`.
//!
//! Every field has a default, so the section may be left out. The rules the values must follow
//! are in `mapping/connect_rules.rs` (config sync's concern).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::presence::SystemPresence;

/// The `connect` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectOptions {
    /// The agent-hierarchy level whose groups are the divisions: 1 (the top, the default) to 5.
    /// A user whose group sits above that level, or who has no group, gets the mapping's
    /// `defaultDivision`.
    #[serde(default)]
    pub division_level: HierarchyLevel,
    /// Predefined-attribute names whose proficiencies are ACD languages (the attribute value is
    /// the language); every other attribute's proficiencies are skills named
    /// `<attribute>: <value>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_attributes: Vec<String>,
    /// The Genesys system presence of a custom agent status, by the status's name; `Busy` for a
    /// status not listed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub status_presence: BTreeMap<String, SystemPresence>,
    /// The locale code the custom statuses' names label their secondary statuses under
    /// (default `en_US`).
    #[serde(default = "default_locale")]
    pub status_label_locale: String,
    /// How fast each Connect API is called.
    #[serde(default)]
    pub pacing: ConnectPacing,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            division_level: HierarchyLevel::default(),
            language_attributes: Vec::new(),
            status_presence: BTreeMap::new(),
            status_label_locale: default_locale(),
            pacing: ConnectPacing::default(),
        }
    }
}

impl ConnectOptions {
    /// The system presence of the custom agent status named `name`.
    pub fn presence_of(&self, name: &str) -> SystemPresence {
        self.status_presence
            .get(name)
            .copied()
            .unwrap_or(SystemPresence::Busy)
    }

    /// Whether proficiencies in `attribute` are languages.
    pub fn is_language(&self, attribute: &str) -> bool {
        self.language_attributes.iter().any(|a| a == attribute)
    }
}

fn default_locale() -> String {
    "en_US".to_owned()
}

/// An agent-hierarchy level, 1 (the top) to [`HierarchyLevel::DEEPEST`].
///
/// Any whole number deserializes so that the validator can name a value out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HierarchyLevel(u8);

impl HierarchyLevel {
    /// Connect's hierarchies have at most five levels.
    pub const DEEPEST: u8 = 5;

    /// A level, if `value` is 1 to 5.
    pub fn new(value: u8) -> Option<Self> {
        (1..=Self::DEEPEST).contains(&value).then_some(Self(value))
    }

    /// The level number.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl Default for HierarchyLevel {
    fn default() -> Self {
        Self(1)
    }
}

/// The request pacing per Connect API (each operation has its own budget, as Connect's quotas do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectPacing {
    /// Requests per second per operation (default 2, Connect's default quota for most list and
    /// describe calls); 1 to [`ConnectPacing::MAX`].
    #[serde(default = "ConnectPacing::default_rate")]
    pub requests_per_second: u32,
    /// Requests per operation that may go out back to back (default 5); 1 to
    /// [`ConnectPacing::MAX`].
    #[serde(default = "ConnectPacing::default_burst")]
    pub burst: u32,
    /// Attempts per request, the first included, when Connect throttles or fails transiently
    /// (default 10); 1 to [`ConnectPacing::MAX_ATTEMPTS`].
    #[serde(default = "ConnectPacing::default_attempts")]
    pub max_attempts: u32,
}

impl ConnectPacing {
    /// The largest rate or burst accepted.
    pub const MAX: u32 = 1000;
    /// The most attempts per request accepted.
    pub const MAX_ATTEMPTS: u32 = 20;

    fn default_rate() -> u32 {
        2
    }

    fn default_burst() -> u32 {
        5
    }

    fn default_attempts() -> u32 {
        10
    }
}

impl Default for ConnectPacing {
    fn default() -> Self {
        Self {
            requests_per_second: Self::default_rate(),
            burst: Self::default_burst(),
            max_attempts: Self::default_attempts(),
        }
    }
}
