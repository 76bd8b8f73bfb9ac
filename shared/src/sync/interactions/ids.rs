//! The ids of an injected conversation, derived without any lookup.
//!
//! Every id is a V4-shaped UUID from [`derived_uuid`] over the presence source id, the external
//! interaction id and a name for the thing:
//!
//! | id | namespace | parts |
//! |---|---|---|
//! | conversation | `Conversation` | source id, interaction id |
//! | communication (one per leg) | `Communication` | source id, interaction id, leg label |
//! | conversation event | `ConversationEvent` | source id, interaction id, leg or transfer label, step |
//! | transfer command | `Other("conversation-transfer-command")` | source id, interaction id, transfer label |
//! | routing status event | `RoutingStatusEvent` | source id, interaction id, leg label, step |
//!
//! Leg labels count legs of one kind in the order they appear in the record, starting at 1, and
//! leave the ordinal out for the first: `customer`, `ivr`, `queue`, `queue-2`, `agent`, `agent-2`,
//! `phone` (a transfer to an outside number). A record only grows at its end (segments and
//! transfers are appended in time order), so an updated record keeps every label, and with it
//! every id.
//!
//! The recordings function finds the conversation of a recording from the interaction id alone
//! with [`conversation_ids`]: the conversation id, the customer's communication and the first
//! agent's communication (the agent who answered an inbound call or placed an outbound one).

use std::fmt;

use crate::ids::{IdNamespace, derived_uuid};

/// The namespace of transfer command ids.
const COMMAND_NAMESPACE: IdNamespace = IdNamespace::Other("conversation-transfer-command");

/// A participant leg of a conversation, as the ids name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Leg {
    /// The customer (the external party).
    Customer,
    /// The n-th IVR segment (1-based).
    Ivr(usize),
    /// The n-th queue segment (1-based).
    Queue(usize),
    /// The n-th agent segment (1-based).
    Agent(usize),
    /// The n-th transfer to an outside number (1-based).
    Phone(usize),
}

impl Leg {
    /// The label the ids are derived from: `customer`, `agent`, `agent-2`, ...
    pub fn label(self) -> String {
        let (kind, n) = match self {
            Self::Customer => return "customer".to_owned(),
            Self::Ivr(n) => ("ivr", n),
            Self::Queue(n) => ("queue", n),
            Self::Agent(n) => ("agent", n),
            Self::Phone(n) => ("phone", n),
        };
        if n <= 1 {
            kind.to_owned()
        } else {
            format!("{kind}-{n}")
        }
    }
}

impl fmt::Display for Leg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The ids the recordings function needs for one interaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationIds {
    /// The Genesys conversation id.
    pub conversation_id: String,
    /// The customer leg's communication id.
    pub customer_communication_id: String,
    /// The first agent leg's communication id: the agent who answered an inbound call first, or
    /// who placed an outbound call. A call that never reached an agent has no such leg.
    pub agent_communication_id: String,
}

/// The conversation id and the customer and first-agent communication ids of an interaction.
///
/// `source_id` is the presence source id from the id map (`presenceSourceId`), `interaction_id`
/// the external interaction id exactly as in the record. The interactions function derives the
/// same ids, so a recording binds to its conversation without a lookup, whichever arrives first.
pub fn conversation_ids(source_id: &str, interaction_id: &str) -> ConversationIds {
    ConversationIds {
        conversation_id: conversation_id(source_id, interaction_id),
        customer_communication_id: communication_id(source_id, interaction_id, Leg::Customer),
        agent_communication_id: communication_id(source_id, interaction_id, Leg::Agent(1)),
    }
}

/// The conversation id of an interaction.
pub fn conversation_id(source_id: &str, interaction_id: &str) -> String {
    derived_uuid(IdNamespace::Conversation, &[source_id, interaction_id]).to_string()
}

/// The communication id of one leg of an interaction.
pub fn communication_id(source_id: &str, interaction_id: &str, leg: Leg) -> String {
    let label = leg.label();
    derived_uuid(
        IdNamespace::Communication,
        &[source_id, interaction_id, &label],
    )
    .to_string()
}

/// Derives the ids of one interaction's events.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdSource<'a> {
    pub source_id: &'a str,
    pub interaction_id: &'a str,
}

impl IdSource<'_> {
    pub(crate) fn conversation(&self) -> String {
        conversation_id(self.source_id, self.interaction_id)
    }

    pub(crate) fn communication(&self, leg: Leg) -> String {
        communication_id(self.source_id, self.interaction_id, leg)
    }

    /// A conversation event's id: `subject` is a leg or transfer label, `step` what happened.
    pub(crate) fn event(&self, subject: &str, step: &str) -> String {
        let parts = [self.source_id, self.interaction_id, subject, step];
        derived_uuid(IdNamespace::ConversationEvent, &parts).to_string()
    }

    /// A transfer's command id.
    pub(crate) fn command(&self, transfer: &str) -> String {
        derived_uuid(
            COMMAND_NAMESPACE,
            &[self.source_id, self.interaction_id, transfer],
        )
        .to_string()
    }

    /// A routing status event's id.
    pub(crate) fn routing_status(&self, leg: Leg, step: &str) -> String {
        let label = leg.label();
        let parts = [self.source_id, self.interaction_id, label.as_str(), step];
        derived_uuid(IdNamespace::RoutingStatusEvent, &parts).to_string()
    }
}

/// The label of the n-th transfer (1-based): `transfer-1`, `transfer-2`, ...
pub(crate) fn transfer_label(n: usize) -> String {
    format!("transfer-{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::is_v4_uuid;

    #[test]
    fn first_legs_have_no_ordinal_and_later_ones_do() {
        assert_eq!(Leg::Customer.label(), "customer");
        assert_eq!(Leg::Agent(1).label(), "agent");
        assert_eq!(Leg::Agent(2).label(), "agent-2");
        assert_eq!(Leg::Phone(3).label(), "phone-3");
    }

    #[test]
    fn conversation_ids_are_stable_v4_and_distinct() {
        let a = conversation_ids("src-1", "call-1");
        let b = conversation_ids("src-1", "call-1");
        assert_eq!(a, b);
        for id in [
            &a.conversation_id,
            &a.customer_communication_id,
            &a.agent_communication_id,
        ] {
            assert!(is_v4_uuid(id), "{id}");
        }
        assert_ne!(a.customer_communication_id, a.agent_communication_id);
        assert_ne!(a, conversation_ids("src-2", "call-1"));
    }

    #[test]
    fn the_agent_id_for_recordings_is_the_first_agent_leg() {
        let ids = conversation_ids("src", "call-9");
        assert_eq!(
            ids.agent_communication_id,
            communication_id("src", "call-9", Leg::Agent(1))
        );
        assert_ne!(
            ids.agent_communication_id,
            communication_id("src", "call-9", Leg::Agent(2))
        );
    }
}
