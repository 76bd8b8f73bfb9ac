//! Conversations built from injected conversation events: one participant per communication
//! (purpose, user, queue, times, hold and audio state, disconnect type, wrap-up), the
//! conversation's external tag from `sourceConfiguration.tagId`, its start and end.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::table::keyed_by_id;

/// A conversation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conversation {
    /// Conversation id, minted by the integration.
    pub id: String,
    /// `voice` or `email`.
    #[serde(default = "voice")]
    pub media: String,
    /// `sourceConfiguration.tagId` of the first established event that had one.
    #[serde(default)]
    pub external_tag: Option<String>,
    /// `sourceConfiguration.sourceId`.
    #[serde(default)]
    pub source_id: Option<String>,
    /// `sourceConfiguration.interactionId`.
    #[serde(default)]
    pub interaction_id: Option<String>,
    /// Earliest participant start.
    pub start_time: DateTime<Utc>,
    /// Latest participant end, once every participant ended.
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
    /// Participants, one per communication, in order of appearance.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Transfers seen (by command id).
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// Division ids the conversation belongs to.
    #[serde(default)]
    pub division_ids: Vec<String>,
}

/// One participant leg (one communication).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant {
    /// Communication id (also used as the participant id).
    pub communication_id: String,
    /// `customer`, `ivr`, `external`, `acd` or `agent`.
    pub purpose: String,
    /// The agent's user id.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The queue id.
    #[serde(default)]
    pub queue_id: Option<String>,
    /// Display name (user or queue name, ANI name, IVR name).
    #[serde(default)]
    pub name: Option<String>,
    /// Calling number.
    #[serde(default)]
    pub ani: Option<String>,
    /// Called number.
    #[serde(default)]
    pub dnis: Option<String>,
    /// Phone number of the leg.
    #[serde(default)]
    pub address: Option<String>,
    /// Established.
    pub start_time: DateTime<Utc>,
    /// Answered / connected.
    #[serde(default)]
    pub connected_time: Option<DateTime<Utc>>,
    /// Ended.
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
    /// On hold now.
    #[serde(default)]
    pub held: bool,
    /// Last audio state.
    #[serde(default)]
    pub audio_state: Option<Value>,
    /// Why it ended.
    #[serde(default)]
    pub disconnect_type: Option<String>,
    /// Wrap-up applied by a disposition event.
    #[serde(default)]
    pub wrapup: Option<Wrapup>,
    /// A disposition event without a code.
    #[serde(default)]
    pub wrapup_skipped: bool,
    /// `initialConfiguration.inbound`.
    #[serde(default)]
    pub inbound: Option<bool>,
    /// `initialConfiguration.invitedBy`.
    #[serde(default)]
    pub invited_by: Option<String>,
    /// `initialConfiguration.recordingActive`.
    #[serde(default)]
    pub recording_active: Option<bool>,
    /// `afterCallWorkRequired` of a user leg.
    #[serde(default)]
    pub wrapup_required: Option<bool>,
    /// `initialConfiguration.additionalInfo`.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// A wrap-up applied to a participant.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wrapup {
    /// Wrap-up code id.
    pub code: String,
    /// Wrap-up code name at the time.
    #[serde(default)]
    pub name: Option<String>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When applied.
    pub applied_at: DateTime<Utc>,
}

/// A transfer command and its state.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Transfer {
    /// Command id (or the initiating communication for consults).
    pub id: String,
    /// `Attended`, `Unattended`, or `Consult`.
    pub transfer_type: String,
    /// `Active`, `Complete`, `Canceled`, `Failed`.
    pub state: String,
    /// Issued at.
    pub date_issued: DateTime<Utc>,
    /// Destination (queue, user, phone number or communication).
    #[serde(default)]
    pub destination: Option<String>,
}

fn voice() -> String {
    "voice".into()
}

keyed_by_id!(Conversation);

impl Conversation {
    /// A new conversation started by its first established event.
    pub fn new(id: &str, media: &str, start: DateTime<Utc>) -> Self {
        Conversation {
            id: id.to_owned(),
            media: media.to_owned(),
            external_tag: None,
            source_id: None,
            interaction_id: None,
            start_time: start,
            end_time: None,
            participants: Vec::new(),
            transfers: Vec::new(),
            division_ids: Vec::new(),
        }
    }

    /// The participant for a communication.
    pub fn participant_mut(&mut self, communication_id: &str) -> Option<&mut Participant> {
        self.participants
            .iter_mut()
            .find(|p| p.communication_id == communication_id)
    }

    /// Whether a communication exists.
    pub fn has_communication(&self, communication_id: &str) -> bool {
        self.participants
            .iter()
            .any(|p| p.communication_id == communication_id)
    }

    /// Adds (or replaces, on redelivery) a participant and widens the conversation's start.
    pub fn add_participant(&mut self, participant: Participant) {
        if participant.start_time < self.start_time {
            self.start_time = participant.start_time;
        }
        match self.participant_mut(&participant.communication_id) {
            Some(existing) => *existing = participant,
            None => self.participants.push(participant),
        }
        self.refresh_end();
    }

    /// Ends a communication and, when all have ended, the conversation.
    pub fn end_communication(&mut self, communication_id: &str, at: DateTime<Utc>, kind: &str) {
        if let Some(p) = self.participant_mut(communication_id) {
            p.end_time = Some(at);
            p.disconnect_type = Some(kind.to_owned());
            p.held = false;
        }
        self.refresh_end();
    }

    fn refresh_end(&mut self) {
        let ends: Option<Vec<DateTime<Utc>>> =
            self.participants.iter().map(|p| p.end_time).collect();
        self.end_time = ends.and_then(|e| e.into_iter().max());
    }

    /// `connected`, `disconnected` (all legs ended) or `alerting` (nobody connected yet).
    pub fn state(&self) -> &'static str {
        if self.end_time.is_some() {
            "disconnected"
        } else if self.participants.iter().any(|p| p.connected_time.is_some()) {
            "connected"
        } else {
            "alerting"
        }
    }
}
