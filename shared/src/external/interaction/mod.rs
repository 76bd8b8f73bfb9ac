//! The interaction record `exsync.interaction/v1`: one voice call on the external platform.
//!
//! A record may arrive while the call is in progress and again, fuller, when it has ended, so the
//! end times are optional. Segments are in time order: IVR, queue, and agent segments with their
//! holds; transfers are listed beside them. The rules a record must follow are in [`rules`].

mod rules;
mod segment;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::decode::{parse_json, read_document};
use super::format::{Format, SchemaTag};
use super::problems::InputError;
use crate::ids::{ExternalId, ExternalInteractionId, ExternalUserId};

pub use segment::{AgentSegment, Hold, IvrSegment, QueueSegment, Segment};

/// An interaction record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InteractionRecord {
    /// `exsync.interaction/v1`.
    pub schema: SchemaTag,
    /// The external platform's id of the call.
    pub interaction_id: ExternalInteractionId,
    /// Who called whom.
    pub direction: Direction,
    /// The calling number (the customer's on an inbound call), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ani: Option<String>,
    /// The dialed number, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dnis: Option<String>,
    /// When the call started.
    pub started_at: DateTime<Utc>,
    /// When the call ended; absent while it is in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Whether the platform recorded the call (a recording will follow).
    #[serde(default)]
    pub recorded: bool,
    /// Who hung up; absent while the call is in progress or when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnected_by: Option<DisconnectedBy>,
    /// The call's segments, in time order.
    pub segments: Vec<Segment>,
    /// Transfers between agents, queues and numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<Transfer>,
}

/// The direction of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The customer called the contact centre.
    Inbound,
    /// An agent called the customer.
    Outbound,
}

/// Who ended the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisconnectedBy {
    /// The customer hung up.
    Customer,
    /// The agent hung up.
    Agent,
    /// The platform ended the call (IVR end, queue timeout, error).
    System,
}

/// A transfer of the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Transfer {
    /// Blind or consult.
    #[serde(rename = "type")]
    pub kind: TransferKind,
    /// When the transfer was completed.
    pub at: DateTime<Utc>,
    /// The agent who transferred.
    pub from: TransferParty,
    /// Where the call went.
    pub to: TransferTarget,
}

/// How a call was transferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransferKind {
    /// Without talking to the target first.
    Blind,
    /// After a consultation with the target.
    Consult,
}

/// The agent a transfer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransferParty {
    /// The transferring agent.
    pub agent: ExternalUserId,
}

/// Where a call was transferred to: `{"queue": ...}`, `{"agent": ...}` or `{"number": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TransferTarget {
    /// A queue of the external platform.
    Queue(ExternalId),
    /// Another agent.
    Agent(ExternalUserId),
    /// An outside number.
    Number(String),
}

/// Reads and validates an interaction record.
///
/// # Errors
///
/// An [`InputError`] listing every problem, on object `interaction[<interactionId>]`.
pub fn parse_interaction(json: &str) -> Result<InteractionRecord, InputError> {
    let value = parse_json(json, "interaction").map_err(InputError::single)?;
    let object = match value.get("interactionId").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("interaction[{id}]"),
        _ => "interaction".to_owned(),
    };
    let record: InteractionRecord = read_document(value, Format::Interaction, &object)?;
    InputError::check(rules::problems(&record, &object)).map(|()| record)
}

/// Checks every rule of an interaction record.
///
/// # Errors
///
/// An [`InputError`] listing every broken rule: times out of order, holds outside their segment,
/// transfers from agents the record does not have, empty ids.
pub fn validate_interaction(record: &InteractionRecord) -> Result<(), InputError> {
    let object = format!("interaction[{}]", record.interaction_id);
    InputError::check(rules::problems(record, &object))
}

#[cfg(test)]
mod tests;
