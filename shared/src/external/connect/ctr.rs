//! [`ContactTraceRecord`]: the fields of an Amazon Connect contact trace record that exsync reads,
//! named as Connect sends them (PascalCase). Fields exsync does not need are ignored, so new
//! fields in Connect's stream do not break it.
//!
//! Timestamps stay text here and are read by the conversion, so a bad one is reported with its
//! field and contact; both whole-second (older records) and millisecond ISO-8601 are accepted.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::error::CtrError;

/// One contact trace record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContactTraceRecord {
    /// The contact.
    pub contact_id: String,
    /// The first contact of a transfer chain; absent or null on a contact that was not transferred.
    #[serde(default)]
    pub initial_contact_id: Option<String>,
    /// The contact this one was transferred from.
    #[serde(default)]
    pub previous_contact_id: Option<String>,
    /// The contact this one was transferred to.
    #[serde(default)]
    pub next_contact_id: Option<String>,
    /// `VOICE`, `CHAT`, `TASK`, ...
    #[serde(default)]
    pub channel: Option<String>,
    /// `INBOUND`, `OUTBOUND`, `TRANSFER`, `QUEUE_TRANSFER`, `CALLBACK`, `API`, ...
    #[serde(default)]
    pub initiation_method: Option<String>,
    /// When the contact began.
    #[serde(default)]
    pub initiation_timestamp: Option<String>,
    /// When the customer reached the contact flow.
    #[serde(default)]
    pub connected_to_system_timestamp: Option<String>,
    /// When the contact ended.
    #[serde(default)]
    pub disconnect_timestamp: Option<String>,
    /// `CUSTOMER_DISCONNECT`, `AGENT_DISCONNECT`, `THIRD_PARTY_DISCONNECT`, `TELECOM_PROBLEM`, ...
    #[serde(default)]
    pub disconnect_reason: Option<String>,
    /// When Connect last changed this record: the newest version wins.
    #[serde(default)]
    pub last_update_timestamp: Option<String>,
    /// When a transfer away from this contact completed.
    #[serde(default)]
    pub transfer_completed_timestamp: Option<String>,
    /// The customer's end: `{Address, Type: TELEPHONE_NUMBER}`.
    #[serde(default)]
    pub customer_endpoint: Option<CtrEndpoint>,
    /// The contact centre's number.
    #[serde(default)]
    pub system_endpoint: Option<CtrEndpoint>,
    /// The agent who took the contact; null when no agent answered.
    #[serde(default)]
    pub agent: Option<CtrAgent>,
    /// The queue the contact waited in.
    #[serde(default)]
    pub queue: Option<CtrQueue>,
    /// The recording, when there is one.
    #[serde(default)]
    pub recording: Option<Value>,
    /// The recordings, in newer records.
    #[serde(default)]
    pub recordings: Option<Vec<Value>>,
}

impl ContactTraceRecord {
    /// The id of the contact's transfer chain, and so of its interaction: the
    /// `InitialContactId`, or the contact's own id when it has none.
    pub fn chain_id(&self) -> &str {
        self.initial_contact_id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
            .unwrap_or(&self.contact_id)
    }

    /// `LastUpdateTimestamp`, which orders the versions of one contact's record.
    ///
    /// # Errors
    ///
    /// A [`CtrError::Field`] when it is missing or not a time.
    pub fn last_updated(&self) -> Result<DateTime<Utc>, CtrError> {
        let id = self.contact_id.as_str();
        timestamp(
            id,
            "LastUpdateTimestamp",
            self.last_update_timestamp.as_ref(),
        )?
        .ok_or_else(|| CtrError::field(id, "LastUpdateTimestamp", "is missing"))
    }
}

/// An endpoint: a phone number and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrEndpoint {
    /// The number (E.164 for `TELEPHONE_NUMBER`).
    #[serde(default)]
    pub address: Option<String>,
    /// `TELEPHONE_NUMBER`, `VOIP`, `CONTACT_FLOW`, ...
    #[serde(default, rename = "Type")]
    pub kind: Option<String>,
}

/// The agent part of a CTR.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrAgent {
    /// The agent's ARN; its last part is the Connect user id.
    #[serde(default, rename = "ARN")]
    pub arn: Option<String>,
    /// The agent's user name.
    #[serde(default)]
    pub username: Option<String>,
    /// When the agent was connected to the customer.
    #[serde(default)]
    pub connected_to_agent_timestamp: Option<String>,
    /// When after-contact work began.
    #[serde(default)]
    pub after_contact_work_start_timestamp: Option<String>,
    /// When after-contact work ended.
    #[serde(default)]
    pub after_contact_work_end_timestamp: Option<String>,
    /// How often the customer was put on hold (no times: see `legs.rs`).
    #[serde(default)]
    pub number_of_holds: Option<u32>,
    /// Seconds the customer spent on hold in all.
    #[serde(default)]
    pub customer_hold_duration: Option<u64>,
}

/// The queue part of a CTR.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrQueue {
    /// The queue's ARN; an agent's own queue ends in `queue/agent/<user id>`.
    #[serde(default, rename = "ARN")]
    pub arn: Option<String>,
    /// The queue's name; null for an agent's own queue and in some records.
    #[serde(default)]
    pub name: Option<String>,
    /// When the contact entered the queue.
    #[serde(default)]
    pub enqueue_timestamp: Option<String>,
    /// When the contact left the queue; null if the customer hung up while waiting.
    #[serde(default)]
    pub dequeue_timestamp: Option<String>,
}

/// Reads one CTR.
///
/// # Errors
///
/// [`CtrError::NoContactId`] when the text is not a JSON object with a `ContactId`,
/// [`CtrError::Malformed`] when a documented field has the wrong type.
pub fn parse_ctr(json: &str) -> Result<ContactTraceRecord, CtrError> {
    let value: Value = serde_json::from_str(json).map_err(|e| CtrError::NoContactId {
        reason: format!("not JSON ({e})"),
    })?;
    let contact_id = value
        .get("ContactId")
        .and_then(Value::as_str)
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| CtrError::NoContactId {
            reason: "ContactId is missing or empty".to_owned(),
        })?
        .to_owned();
    serde_json::from_value(value).map_err(|source| CtrError::Malformed { contact_id, source })
}

/// Reads an optional ISO-8601 timestamp (whole seconds or with a fraction) named `field`.
pub(super) fn timestamp(
    contact_id: &str,
    field: &'static str,
    text: Option<&String>,
) -> Result<Option<DateTime<Utc>>, CtrError> {
    text.map(|t| {
        DateTime::parse_from_rfc3339(t)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                CtrError::field(
                    contact_id,
                    field,
                    format!("is not an ISO-8601 time ({e}): `{t}`"),
                )
            })
    })
    .transpose()
}

/// The newest version of every contact: Connect delivers a CTR at least once and again when it
/// changes, and the one with the highest `LastUpdateTimestamp` is the one to trust. The result is
/// in `ContactId` order.
///
/// # Errors
///
/// A [`CtrError::Field`] for a `LastUpdateTimestamp` that is missing or not a time.
pub fn keep_latest(
    records: impl IntoIterator<Item = ContactTraceRecord>,
) -> Result<Vec<ContactTraceRecord>, CtrError> {
    let mut newest: BTreeMap<String, (DateTime<Utc>, ContactTraceRecord)> = BTreeMap::new();
    for record in records {
        let id = record.contact_id.clone();
        let updated = record.last_updated()?;
        match newest.get(&id) {
            Some((kept, _)) if *kept >= updated => {}
            _ => {
                newest.insert(id, (updated, record));
            }
        }
    }
    Ok(newest.into_values().map(|(_, r)| r).collect())
}
