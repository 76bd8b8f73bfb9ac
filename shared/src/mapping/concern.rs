//! Which part of exsync a mapping rule serves, so that each concern checks only what it uses.
//!
//! One mapping document configures all four functions. A broken agent-state rule must not stop the
//! configuration sync, nor a broken recording rule the agent-state pushes: each function reads the
//! mapping with [`super::parse_mapping_for`] and refuses it only for problems of its own concern.
//! `exsync validate` shows every problem with the concern it affects.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A part of exsync that uses the mapping document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Concern {
    /// configuration sync: user authority, presence source, deletion, guard, scope, names, default
    /// division
    ConfigSync,
    /// agent presence and routing status: the status table, event batch limits
    AgentState,
    /// interactions: conversation event options
    Interactions,
    /// recordings: key patterns, file names, the quality profile
    Recordings,
}

impl Concern {
    /// Every concern.
    pub const ALL: [Self; 4] = [
        Self::ConfigSync,
        Self::AgentState,
        Self::Interactions,
        Self::Recordings,
    ];

    /// The concern in words (`agent state`).
    pub fn label(self) -> &'static str {
        match self {
            Self::ConfigSync => "config sync",
            Self::AgentState => "agent state",
            Self::Interactions => "interactions",
            Self::Recordings => "recordings",
        }
    }
}

impl fmt::Display for Concern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
