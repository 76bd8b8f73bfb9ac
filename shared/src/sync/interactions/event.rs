//! One conversation event of any voice type, with what ordering needs to know about it.
//!
//! The wire batch (`BatchConversationEventRequest`) groups events by type, so the order between
//! types is not in the JSON. [`ConversationEvent`] keeps each event with its type so the
//! conversion can produce one ordered list, and [`PlannedEvent`] adds the ids of the things the
//! event touches (communications, transfer commands), which decide where a new call must start
//! (see `steps.rs`).

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::genesys::model::{
    BatchConversationEventRequest, CommunicationAnsweredEvent,
    CommunicationDispositionAppliedEvent, CommunicationEndedEvent, ConsultTransferEvent,
    EndConsultTransferEvent, EndTransferEvent, EventHeader, ExternalEstablishedEvent,
    HoldUpdatedEvent, IvrEstablishedEvent, PhoneEstablishedEvent, PhoneTransferEvent,
    ProgressTransferEvent, RoutingEstablishedEvent, RoutingTransferEvent, UserEstablishedEvent,
    UserTransferEvent,
};

/// A voice conversation event of any type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is the wire event of the same name
pub enum ConversationEvent {
    ExternalEstablished(ExternalEstablishedEvent),
    IvrEstablished(IvrEstablishedEvent),
    PhoneEstablished(PhoneEstablishedEvent),
    RoutingEstablished(RoutingEstablishedEvent),
    UserEstablished(UserEstablishedEvent),
    CommunicationAnswered(CommunicationAnsweredEvent),
    HoldUpdated(HoldUpdatedEvent),
    CommunicationEnded(CommunicationEndedEvent),
    CommunicationDispositionApplied(CommunicationDispositionAppliedEvent),
    RoutingTransfer(RoutingTransferEvent),
    UserTransfer(UserTransferEvent),
    PhoneTransfer(PhoneTransferEvent),
    ProgressTransfer(ProgressTransferEvent),
    EndTransfer(EndTransferEvent),
    ConsultTransfer(ConsultTransferEvent),
    ProgressConsultTransfer(ConsultTransferEvent),
    EndConsultTransfer(EndConsultTransferEvent),
}

impl ConversationEvent {
    /// The common fields: event id, time, conversation id.
    pub fn header(&self) -> &EventHeader {
        match self {
            Self::ExternalEstablished(e) => &e.established.header,
            Self::IvrEstablished(e) => &e.established.header,
            Self::PhoneEstablished(e) => &e.established.header,
            Self::RoutingEstablished(e) => &e.established.header,
            Self::UserEstablished(e) => &e.established.header,
            Self::CommunicationAnswered(e) => &e.header,
            Self::HoldUpdated(e) => &e.header,
            Self::CommunicationEnded(e) => &e.header,
            Self::CommunicationDispositionApplied(e) => &e.header,
            Self::RoutingTransfer(e) => &e.command.header,
            Self::UserTransfer(e) => &e.command.header,
            Self::PhoneTransfer(e) => &e.command.header,
            Self::ProgressTransfer(e) => &e.header,
            Self::EndTransfer(e) => &e.header,
            Self::ConsultTransfer(e) | Self::ProgressConsultTransfer(e) => &e.header,
            Self::EndConsultTransfer(e) => &e.header,
        }
    }

    /// The event id.
    pub fn event_id(&self) -> &str {
        &self.header().event_id
    }

    /// When it happened.
    pub fn at(&self) -> DateTime<Utc> {
        self.header().event_date_time
    }

    /// The batch array it travels in (`userEstablishedEvents`, ...).
    pub fn array(&self) -> &'static str {
        match self {
            Self::ExternalEstablished(_) => "externalEstablishedEvents",
            Self::IvrEstablished(_) => "ivrEstablishedEvents",
            Self::PhoneEstablished(_) => "phoneEstablishedEvents",
            Self::RoutingEstablished(_) => "routingEstablishedEvents",
            Self::UserEstablished(_) => "userEstablishedEvents",
            Self::CommunicationAnswered(_) => "communicationAnsweredEvents",
            Self::HoldUpdated(_) => "holdUpdatedEvents",
            Self::CommunicationEnded(_) => "communicationEndedEvents",
            Self::CommunicationDispositionApplied(_) => "communicationDispositionAppliedEvents",
            Self::RoutingTransfer(_) => "routingTransferEvents",
            Self::UserTransfer(_) => "userTransferEvents",
            Self::PhoneTransfer(_) => "phoneTransferEvents",
            Self::ProgressTransfer(_) => "progressTransferEvents",
            Self::EndTransfer(_) => "endTransferEvents",
            Self::ConsultTransfer(_) => "consultTransferEvents",
            Self::ProgressConsultTransfer(_) => "progressConsultTransferEvents",
            Self::EndConsultTransfer(_) => "endConsultTransferEvents",
        }
    }

    /// Adds the event to its array of `batch`.
    pub fn push_into(&self, batch: &mut BatchConversationEventRequest) {
        let b = batch;
        match self.clone() {
            Self::ExternalEstablished(e) => b.external_established_events.push(e),
            Self::IvrEstablished(e) => b.ivr_established_events.push(e),
            Self::PhoneEstablished(e) => b.phone_established_events.push(e),
            Self::RoutingEstablished(e) => b.routing_established_events.push(e),
            Self::UserEstablished(e) => b.user_established_events.push(e),
            Self::CommunicationAnswered(e) => b.communication_answered_events.push(e),
            Self::HoldUpdated(e) => b.hold_updated_events.push(e),
            Self::CommunicationEnded(e) => b.communication_ended_events.push(e),
            Self::CommunicationDispositionApplied(e) => {
                b.communication_disposition_applied_events.push(e);
            }
            Self::RoutingTransfer(e) => b.routing_transfer_events.push(e),
            Self::UserTransfer(e) => b.user_transfer_events.push(e),
            Self::PhoneTransfer(e) => b.phone_transfer_events.push(e),
            Self::ProgressTransfer(e) => b.progress_transfer_events.push(e),
            Self::EndTransfer(e) => b.end_transfer_events.push(e),
            Self::ConsultTransfer(e) => b.consult_transfer_events.push(e),
            Self::ProgressConsultTransfer(e) => b.progress_consult_transfer_events.push(e),
            Self::EndConsultTransfer(e) => b.end_consult_transfer_events.push(e),
        }
    }

    /// The event as JSON, tagged with its array: `{"array": "...", "event": {...}}`.
    pub fn to_json(&self) -> Value {
        let event = match self {
            Self::ExternalEstablished(e) => serde_json::to_value(e),
            Self::IvrEstablished(e) => serde_json::to_value(e),
            Self::PhoneEstablished(e) => serde_json::to_value(e),
            Self::RoutingEstablished(e) => serde_json::to_value(e),
            Self::UserEstablished(e) => serde_json::to_value(e),
            Self::CommunicationAnswered(e) => serde_json::to_value(e),
            Self::HoldUpdated(e) => serde_json::to_value(e),
            Self::CommunicationEnded(e) => serde_json::to_value(e),
            Self::CommunicationDispositionApplied(e) => serde_json::to_value(e),
            Self::RoutingTransfer(e) => serde_json::to_value(e),
            Self::UserTransfer(e) => serde_json::to_value(e),
            Self::PhoneTransfer(e) => serde_json::to_value(e),
            Self::ProgressTransfer(e) => serde_json::to_value(e),
            Self::EndTransfer(e) => serde_json::to_value(e),
            Self::ConsultTransfer(e) | Self::ProgressConsultTransfer(e) => serde_json::to_value(e),
            Self::EndConsultTransfer(e) => serde_json::to_value(e),
        };
        json!({"array": self.array(), "event": event.unwrap_or(Value::Null)})
    }
}

/// An event in the conversion's order, with the ids of what it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEvent {
    /// The event.
    pub event: ConversationEvent,
    /// Communication ids and transfer command (or consult) ids the event creates, changes or
    /// names. Two events that touch the same thing at the same `eventDateTime` never share a call.
    pub touches: Vec<String>,
}

/// Builds the wire batch of `events`, each in its array, in the given order.
pub fn batch_of<'a>(
    events: impl IntoIterator<Item = &'a ConversationEvent>,
) -> BatchConversationEventRequest {
    let mut batch = BatchConversationEventRequest::default();
    for event in events {
        event.push_into(&mut batch);
    }
    batch
}
