//! [`Explanation`]: everything `exsync explain` knows about one object, as one value. It is the
//! `--json` output (field names in camelCase) and what the text renderer lays out.

use exsync::reconcile::{ItemReport, ObjectStatus, Skipped};
use serde::Serialize;
use serde_json::Value;

use super::kind::Kind;

/// One object, from the external record to what Genesys holds now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// what was asked about
    pub kind: Kind,
    /// its external id
    pub external_id: String,
    /// the state store read (URL)
    pub state: String,
    /// the external platform's record of it
    pub external: ExternalRecord,
    /// what the mapping makes of it (configuration objects, with `--config` and `--mapping`)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<MappingView>,
    /// its Genesys id (id map, object status or the last report; an interaction's conversation id)
    pub genesys_id: Option<String>,
    /// the Genesys object as it is now
    pub genesys: Live,
    /// the last config sync's plan and apply outcome for it (configuration objects)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<LastSync>,
    /// whether exsync manages it, and why
    pub management: Management,
    /// for users: what the agent-state function last sent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentView>,
    /// for interactions: what the interactions function sent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction: Option<InteractionView>,
    /// the recordings of the interaction (interactions, recordings)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recordings: Vec<RecordingView>,
    /// dead letters about it, waiting ones first
    pub dead_letters: Vec<LetterView>,
    /// what exsync does not keep, said once
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The external record, and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalRecord {
    /// the snapshot file, a dead letter's key, or what was missing
    pub source: String,
    /// the record as the external platform wrote it; `None` when the source has none
    pub record: Option<Value>,
    /// why the snapshot holds it back from a sync (its problems), when it does
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
}

/// What the mapping makes of a configuration object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingView {
    /// the name it has in Genesys (the mapping's name prefix + its name; a user's full name)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genesys_name: Option<String>,
    /// users: the external id registered on the Genesys user, `authority/id`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_external_id: Option<String>,
    /// the division it lands in (its own, else the mapping's default, else Genesys's home)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub division: Option<Reference>,
    /// every other object it refers to, each with its Genesys id when the id map has one
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// secondary statuses: the system presence it rolls up to
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_presence: Option<String>,
    /// inside the mapping's `scope.divisions`
    pub in_scope: bool,
}

/// A reference from the object to another, external id → Genesys id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// what it is (`division`, `manager`, `skill`, `queue`, ...)
    pub role: String,
    /// the external id; `None` for "the mapping's default" resolved to Genesys's home
    pub external_id: Option<String>,
    /// the Genesys id, when the id map has it
    pub genesys_id: Option<String>,
    /// e.g. `the mapping's defaultDivision`, `proficiency 4`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The current Genesys object, or why it was not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "read",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Live {
    /// read now
    Read {
        /// the object as Genesys returned it
        object: Value,
    },
    /// Genesys has no object with the id
    NotFound,
    /// not asked: no credentials, or no Genesys id to ask about
    NotRead {
        /// why
        reason: String,
    },
    /// Genesys answered with an error
    Failed {
        /// the error
        error: String,
        /// HTTP status
        status: Option<u16>,
        /// Genesys error code
        code: Option<String>,
        /// `ININ-Correlation-Id`
        correlation_id: Option<String>,
    },
}

/// The last config sync, for one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastSync {
    /// its per-object status (`status/objects.json`) and when that sync ran
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusView>,
    /// the last run report's planned changes of it with their outcomes
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportView>,
}

/// The object's status after the last sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusView {
    /// when the sync that wrote it started
    pub updated_at: String,
    /// the status
    #[serde(flatten)]
    pub status: ObjectStatus,
}

/// The last run report, narrowed to one object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportView {
    /// `reports/config-sync/latest.json`
    pub key: String,
    /// when the run started
    pub started_at: String,
    /// what triggered it
    pub trigger: String,
    /// `apply` or `dry-run`
    pub mode: String,
    /// its changes of the object, each with the outcome (a failure with Genesys's status, code
    /// and correlation id)
    pub changes: Vec<ItemReport>,
    /// the parts of it the run left out, and why
    pub skipped: Vec<Skipped>,
}

/// Whether exsync manages the object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Management {
    /// managed: exsync changes it
    pub managed: bool,
    /// why (or why not), one fact each
    pub reasons: Vec<String>,
}

/// What the agent-state function last did for an agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentView {
    /// the record's key
    pub record_key: String,
    /// the last event taken, when there is a record
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_event_id: Option<String>,
    /// its `occurredAt`; older events are skipped as stale
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_occurred_at: Option<String>,
    /// the last presence sent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence: Option<SentView>,
    /// the last routing status sent
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_status: Option<SentView>,
    /// the recent events skipped and why, newest first (the record keeps every duplicate and
    /// stale one, and unchanged ones while there is room)
    pub recent_skips: Vec<SkipView>,
}

/// One event the agent-state function skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkipView {
    /// the external event id
    pub event_id: String,
    /// its `occurredAt`
    pub occurred_at: String,
    /// when its batch was processed, when recorded
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped_at: Option<String>,
    /// `duplicate`, `stale` or `unchanged`
    pub reason: String,
    /// stale: the `occurredAt` of the last event taken, which it is older than
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_occurred_at: Option<String>,
}

/// One value sent to Genesys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentView {
    /// the presence definition id or routing status
    pub value: String,
    /// the presence's name (system presence or secondary status), when the id map knows it
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// the source time it went out with
    pub occurred_at: String,
    /// the Genesys event id
    pub event_id: String,
    /// whether Genesys accepted it
    pub delivered: bool,
}

/// What the interactions function sent for one interaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionView {
    /// the derived conversation id (needs the id map's presence source)
    pub conversation_id: Option<String>,
    /// the state record's key, when the conversation id is known
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_key: Option<String>,
    /// `inProgress`, `ended`, `complete` as sent; `None`: nothing sent yet
    pub status: Option<String>,
    /// conversation event ids Genesys accepted
    pub events_sent: Vec<String>,
    /// routing-status event ids Genesys accepted
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routing_statuses_sent: Vec<String>,
    /// when the record was last written
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// the last failure, until a later delivery succeeds
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// One recording's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingView {
    /// the record's key
    pub record_key: String,
    /// the object in the inbound bucket
    pub object: String,
    /// `uploaded`, `confirmed`, `rejected`, ...
    pub status: Value,
    /// why it was rejected or failed
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// the upload's file name
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// the conversation it binds to
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// `speechAnalytics` or `archiveOnly`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Value>,
    /// the last upload-report status
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_status: Option<String>,
    /// last change
    pub updated_at: String,
    /// its dead letter
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead_letter: Option<String>,
}

/// One dead letter about the object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterView {
    /// its key
    pub key: String,
    /// `agent-state`, `interactions` or `recordings`
    pub function: String,
    /// when it was dead-lettered
    pub at: Option<String>,
    /// why
    pub reason: String,
    /// already re-submitted by `exsync replay`
    pub replayed: bool,
}
