//! The Genesys values the mapping produces: routing statuses and presence targets (a system
//! presence, [`SystemPresence`], or a secondary status).
//!
//! Routing statuses use the events API's PascalCase spelling
//! (`OffQueue`); the user routing-status resource spells them `OFF_QUEUE` (api-reference §4.3).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::genesys::model::EventRoutingStatus;
use crate::presence::SystemPresence;

/// A routing status, as the events API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RoutingStatus {
    /// Not taking ACD interactions.
    OffQueue,
    /// On queue, waiting for an interaction.
    Idle,
    /// Handling an ACD interaction.
    Interacting,
    /// On a non-ACD interaction while on queue.
    Communicating,
    /// Did not answer an offered interaction.
    NotResponding,
}

impl RoutingStatus {
    /// The events API's value (`OffQueue`), for `UserRoutingStatusEvent.status`.
    pub fn as_event_value(self) -> &'static str {
        match self {
            Self::OffQueue => "OffQueue",
            Self::Idle => "Idle",
            Self::Interacting => "Interacting",
            Self::Communicating => "Communicating",
            Self::NotResponding => "NotResponding",
        }
    }

    /// The user routing-status resource's value (`OFF_QUEUE`).
    pub fn as_resource_value(self) -> &'static str {
        match self {
            Self::OffQueue => "OFF_QUEUE",
            Self::Idle => "IDLE",
            Self::Interacting => "INTERACTING",
            Self::Communicating => "COMMUNICATING",
            Self::NotResponding => "NOT_RESPONDING",
        }
    }
}

impl fmt::Display for RoutingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_event_value())
    }
}

impl From<RoutingStatus> for EventRoutingStatus {
    fn from(status: RoutingStatus) -> Self {
        match status {
            RoutingStatus::OffQueue => Self::OffQueue,
            RoutingStatus::Idle => Self::Idle,
            RoutingStatus::Interacting => Self::Interacting,
            RoutingStatus::Communicating => Self::Communicating,
            RoutingStatus::NotResponding => Self::NotResponding,
        }
    }
}

impl From<EventRoutingStatus> for RoutingStatus {
    fn from(status: EventRoutingStatus) -> Self {
        match status {
            EventRoutingStatus::OffQueue => Self::OffQueue,
            EventRoutingStatus::Idle => Self::Idle,
            EventRoutingStatus::Interacting => Self::Interacting,
            EventRoutingStatus::Communicating => Self::Communicating,
            EventRoutingStatus::NotResponding => Self::NotResponding,
        }
    }
}

/// The presence an agent state maps to: `{"system": "Meal"}` or `{"secondary": "Lunch"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PresenceTarget {
    /// A system presence; its presence definition is the system one.
    System(SystemPresence),
    /// A secondary status of the snapshot, named by one of its labels (any locale, compared
    /// exactly); config sync records the presence definition id for it.
    Secondary(String),
}

impl fmt::Display for PresenceTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::System(presence) => write!(f, "system {presence}"),
            Self::Secondary(label) => write!(f, "secondary `{label}`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing_status_has_both_genesys_spellings() {
        assert_eq!(
            RoutingStatus::NotResponding.as_event_value(),
            "NotResponding"
        );
        assert_eq!(
            RoutingStatus::NotResponding.as_resource_value(),
            "NOT_RESPONDING"
        );
        let json = serde_json::to_string(&RoutingStatus::OffQueue).unwrap();
        assert_eq!(json, "\"OffQueue\"");
    }

    #[test]
    fn routing_status_converts_to_the_events_api_and_back() {
        let event = EventRoutingStatus::from(RoutingStatus::NotResponding);

        assert_eq!(event, EventRoutingStatus::NotResponding);
        assert_eq!(RoutingStatus::from(event), RoutingStatus::NotResponding);
    }

    #[test]
    fn presence_targets_read_as_one_key_objects() {
        let system: PresenceTarget = serde_json::from_str(r#"{"system":"Meal"}"#).unwrap();
        assert_eq!(system, PresenceTarget::System(SystemPresence::Meal));
        let secondary: PresenceTarget = serde_json::from_str(r#"{"secondary":"Lunch"}"#).unwrap();
        assert_eq!(secondary, PresenceTarget::Secondary("Lunch".into()));
        assert!(serde_json::from_str::<PresenceTarget>(r#"{"system":"Lunch"}"#).is_err());
    }
}
