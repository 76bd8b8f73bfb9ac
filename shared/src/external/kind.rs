//! [`ObjectKind`]: the seven object types exsync synchronises, which are also the collections of a
//! configuration snapshot, the keys of the mapping's per-type settings and the id map's tables.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The object types exsync synchronises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ObjectKind {
    /// Users.
    Users,
    /// Divisions.
    Divisions,
    /// ACD skills.
    Skills,
    /// ACD languages.
    Languages,
    /// Wrap-up codes.
    WrapupCodes,
    /// Secondary statuses.
    SecondaryStatuses,
    /// Queues.
    Queues,
}

impl ObjectKind {
    /// Every object type.
    pub const ALL: [Self; 7] = [
        Self::Users,
        Self::Divisions,
        Self::Skills,
        Self::Languages,
        Self::WrapupCodes,
        Self::SecondaryStatuses,
        Self::Queues,
    ];

    /// The type's collection name in the snapshot, the mapping and the id map (`wrapupCodes`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Users => "users",
            Self::Divisions => "divisions",
            Self::Skills => "skills",
            Self::Languages => "languages",
            Self::WrapupCodes => "wrapupCodes",
            Self::SecondaryStatuses => "secondaryStatuses",
            Self::Queues => "queues",
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
