//! The Genesys system presences every org has (api-reference §3.6), named by both the snapshot (a
//! secondary status rolls up to one) and the mapping (an agent state maps to one), so here.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Genesys system (primary) presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SystemPresence {
    /// `Available`
    Available,
    /// `Away`
    Away,
    /// `Busy`
    Busy,
    /// `Offline`
    Offline,
    /// `Idle`
    Idle,
    /// `OnQueue`
    OnQueue,
    /// `Meal`
    Meal,
    /// `Training`
    Training,
    /// `Meeting`
    Meeting,
    /// `Break`
    Break,
}

impl SystemPresence {
    /// Every system presence.
    pub const ALL: [Self; 10] = [
        Self::Available,
        Self::Away,
        Self::Busy,
        Self::Offline,
        Self::Idle,
        Self::OnQueue,
        Self::Meal,
        Self::Training,
        Self::Meeting,
        Self::Break,
    ];

    /// The name Genesys uses (`OnQueue`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Available => "Available",
            Self::Away => "Away",
            Self::Busy => "Busy",
            Self::Offline => "Offline",
            Self::Idle => "Idle",
            Self::OnQueue => "OnQueue",
            Self::Meal => "Meal",
            Self::Training => "Training",
            Self::Meeting => "Meeting",
            Self::Break => "Break",
        }
    }
}

impl fmt::Display for SystemPresence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_presence_names_round_trip() {
        for presence in SystemPresence::ALL {
            let json = serde_json::to_string(&presence).unwrap();
            assert_eq!(json, format!("\"{}\"", presence.as_str()));
        }
    }
}
