//! Conversation events (`POST /api/v2/events/conversations`), voice only.
//!
//! Established events create a participant leg (a communication) and carry
//! `initialConfiguration` and `sourceConfiguration {sourceId, interactionId, tagId}`; the others
//! move a communication along (answered, hold, ended, disposition, transfers).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The fields every conversation event has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventHeader {
    /// V4 UUID, the dedupe key
    pub event_id: String,
    /// when it happened at the source
    pub event_date_time: DateTime<Utc>,
    /// V4 UUID of the conversation
    pub conversation_id: String,
}

/// `SourceConfiguration`: names the external platform and the interaction there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceConfiguration {
    /// the external platform (the presence source id)
    pub source_id: String,
    /// the external interaction id
    pub interaction_id: String,
    /// tag shown as the conversation's `externalTag`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_id: Option<String>,
}

/// `InitialConfiguration`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InitialConfiguration {
    /// false: started connected
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alerting: Option<bool>,
    /// inbound for the contact centre
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound: Option<bool>,
    /// communication id of the inviting peer
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<String>,
    /// recording active
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_active: Option<bool>,
    /// diagnostic key/values
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<BTreeMap<String, String>>,
}

/// What every established event has beside its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Established {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the new communication (leg)
    pub communication_id: String,
    /// initial configuration
    pub initial_configuration: InitialConfiguration,
    /// the external source
    pub source_configuration: SourceConfiguration,
}

/// `ExternalEstablishedEvent` (the customer leg)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalEstablishedEvent {
    /// common fields
    #[serde(flatten)]
    pub established: Established,
    /// caller
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ani: Option<String>,
    /// dialed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
}

/// `IvrEstablishedEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrEstablishedEvent {
    /// common fields
    #[serde(flatten)]
    pub established: Established,
    /// IVR name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ivr_name: Option<String>,
    /// caller
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ani: Option<String>,
    /// dialed
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
}

/// `PhoneEstablishedEvent` (a non-user phone, e.g. a transfer to a number)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneEstablishedEvent {
    /// common fields
    #[serde(flatten)]
    pub established: Established,
    /// the phone number
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

/// `RoutingEstablishedEvent` (the ACD queue leg)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingEstablishedEvent {
    /// common fields
    #[serde(flatten)]
    pub established: Established,
    /// the queue
    pub queue_id: String,
}

/// `UserEstablishedEvent` (the agent leg)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEstablishedEvent {
    /// common fields
    #[serde(flatten)]
    pub established: Established,
    /// the agent's user id
    pub user_id: String,
    /// the queue, for outbound calls
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
    /// after-call work expected
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_call_work_required: Option<bool>,
}

/// `CommunicationAnsweredEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationAnsweredEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the answered leg
    pub communication_id: String,
}

/// `HoldUpdatedEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoldUpdatedEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the leg
    pub communication_id: String,
    /// on hold
    pub held: bool,
}

/// `CommunicationEndedEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationEndedEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the leg
    pub communication_id: String,
    /// `Peer`, `Self`, `Transfer`, `TransferACD`, `TransferConsult`, ...
    pub disconnect_type: String,
}

/// `CommunicationDispositionAppliedEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationDispositionAppliedEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the agent's leg
    pub communication_id: String,
    /// wrap-up code id (absent: skipped)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// notes
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The transfer fields `RoutingTransferEvent`, `UserTransferEvent` and `PhoneTransferEvent` share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferCommand {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// `Attended` or `Unattended`
    pub transfer_type: String,
    /// the transfer command id (V4 UUID)
    pub command_id: String,
    /// who transfers
    pub initiating_communication_id: String,
    /// the leg that is replaced
    pub target_communication_id: String,
    /// the leg being transferred (the customer)
    pub object_communication_id: String,
}

/// `RoutingTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingTransferEvent {
    /// common transfer fields
    #[serde(flatten)]
    pub command: TransferCommand,
    /// destination queue
    pub destination_queue_id: String,
}

/// `UserTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserTransferEvent {
    /// common transfer fields
    #[serde(flatten)]
    pub command: TransferCommand,
    /// destination user
    pub destination_user_id: String,
}

/// `PhoneTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneTransferEvent {
    /// common transfer fields
    #[serde(flatten)]
    pub command: TransferCommand,
    /// destination number
    pub destination_phone_number: String,
}

/// `ProgressTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressTransferEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the transfer command
    pub command_id: String,
    /// the leg being transferred
    pub object_communication_id: String,
    /// the new leg
    pub destination_communication_id: String,
}

/// `EndTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndTransferEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// the transfer command
    pub command_id: String,
    /// `Completed`, `Canceled` or `Failed`
    pub final_state: String,
    /// the leg being transferred
    pub object_communication_id: String,
}

/// `ConsultTransferEvent` / `ProgressConsultTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsultTransferEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
    /// who consults
    pub initiating_communication_id: String,
    /// the consulted leg
    pub destination_communication_id: String,
    /// the customer leg
    pub object_communication_id: String,
}

/// `EndConsultTransferEvent`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndConsultTransferEvent {
    /// header
    #[serde(flatten)]
    pub header: EventHeader,
}

/// `BatchConversationEventRequest` (voice arrays; empty ones are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchConversationEventRequest {
    /// customer legs
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_established_events: Vec<ExternalEstablishedEvent>,
    /// IVR legs
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ivr_established_events: Vec<IvrEstablishedEvent>,
    /// phone legs
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phone_established_events: Vec<PhoneEstablishedEvent>,
    /// queue legs
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routing_established_events: Vec<RoutingEstablishedEvent>,
    /// agent legs
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_established_events: Vec<UserEstablishedEvent>,
    /// answers
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communication_answered_events: Vec<CommunicationAnsweredEvent>,
    /// holds
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hold_updated_events: Vec<HoldUpdatedEvent>,
    /// ends
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communication_ended_events: Vec<CommunicationEndedEvent>,
    /// wrap-ups
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communication_disposition_applied_events: Vec<CommunicationDispositionAppliedEvent>,
    /// transfers to a queue
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routing_transfer_events: Vec<RoutingTransferEvent>,
    /// transfers to a user
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_transfer_events: Vec<UserTransferEvent>,
    /// transfers to a number
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phone_transfer_events: Vec<PhoneTransferEvent>,
    /// transfer progress
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub progress_transfer_events: Vec<ProgressTransferEvent>,
    /// transfer end
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub end_transfer_events: Vec<EndTransferEvent>,
    /// consult start
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consult_transfer_events: Vec<ConsultTransferEvent>,
    /// consult progress
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub progress_consult_transfer_events: Vec<ConsultTransferEvent>,
    /// consult end
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub end_consult_transfer_events: Vec<EndConsultTransferEvent>,
}

impl BatchConversationEventRequest {
    /// Events in the batch, over all arrays.
    pub fn len(&self) -> usize {
        self.external_established_events.len()
            + self.ivr_established_events.len()
            + self.phone_established_events.len()
            + self.routing_established_events.len()
            + self.user_established_events.len()
            + self.communication_answered_events.len()
            + self.hold_updated_events.len()
            + self.communication_ended_events.len()
            + self.communication_disposition_applied_events.len()
            + self.routing_transfer_events.len()
            + self.user_transfer_events.len()
            + self.phone_transfer_events.len()
            + self.progress_transfer_events.len()
            + self.end_transfer_events.len()
            + self.consult_transfer_events.len()
            + self.progress_consult_transfer_events.len()
            + self.end_consult_transfer_events.len()
    }

    /// True when the batch holds no event.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
