//! The operational side of an explanation (pure): what the agent-state (values sent, events
//! skipped and why), interactions and recordings functions stored about the object, and the dead
//! letters that are about it.

use exsync::external::ObjectKind;
use exsync::store::IdMap;
use exsync::store::keys;
use exsync::sync::agent_state::{AgentRecord, Sent, SkipReason, SkippedEvent};
use exsync::sync::interactions::InteractionState;
use exsync::sync::recordings::RecordingRecord;
use serde::Serialize;
use serde_json::Value;

use super::kind::Kind;
use super::model::{AgentView, InteractionView, LetterView, RecordingView, SentView, SkipView};
use crate::ops::dead_letters::Letter;

/// The agent's record as a view; the presence id named through the id map.
pub fn agent_view(
    record_key: String,
    record: Option<&AgentRecord>,
    idmap: Option<&IdMap>,
) -> AgentView {
    let Some(record) = record else {
        return AgentView {
            record_key,
            last_event_id: None,
            last_occurred_at: None,
            presence: None,
            routing_status: None,
            recent_skips: Vec::new(),
        };
    };
    AgentView {
        record_key,
        last_event_id: Some(record.last_event_id.clone()),
        last_occurred_at: Some(record.last_occurred_at.to_rfc3339()),
        presence: record.presence.as_ref().map(|p| {
            let name = idmap.and_then(|m| presence_name(m, &p.value));
            sent(p, p.value.clone(), name)
        }),
        routing_status: record
            .routing_status
            .as_ref()
            .map(|r| sent(r, as_text(&r.value), None)),
        recent_skips: record.recent_skips.iter().rev().map(skip).collect(),
    }
}

fn skip(s: &SkippedEvent) -> SkipView {
    let (reason, last_occurred_at) = match &s.reason {
        SkipReason::Duplicate => ("duplicate", None),
        SkipReason::Stale { last_occurred_at } => ("stale", Some(last_occurred_at.to_rfc3339())),
        SkipReason::Unchanged => ("unchanged", None),
    };
    SkipView {
        event_id: s.event_id.clone(),
        occurred_at: s.occurred_at.to_rfc3339(),
        skipped_at: s.skipped_at.map(|t| t.to_rfc3339()),
        reason: reason.to_owned(),
        last_occurred_at,
    }
}

fn sent<T>(s: &Sent<T>, value: String, name: Option<String>) -> SentView {
    SentView {
        value,
        name,
        occurred_at: s.occurred_at.to_rfc3339(),
        event_id: s.event_id.clone(),
        delivered: s.delivered,
    }
}

/// A presence definition id's name: the system presence, or the secondary status it maps.
fn presence_name(idmap: &IdMap, definition: &str) -> Option<String> {
    let system = idmap
        .system_presences
        .iter()
        .find(|(_, id)| id.as_str() == definition)
        .map(|(name, _)| name.clone());
    system.or_else(|| {
        idmap
            .reverse(ObjectKind::SecondaryStatuses)
            .get(definition)
            .map(|ext| format!("secondary status {ext}"))
    })
}

/// A serialisable value as plain text (`"IDLE"` → `IDLE`).
fn as_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The interaction's state record as a view.
pub fn interaction_view(
    conversation_id: Option<String>,
    state: Option<&InteractionState>,
) -> InteractionView {
    InteractionView {
        state_key: conversation_id.as_deref().map(keys::interaction_state),
        conversation_id,
        status: state.map(|s| as_text(&s.status)),
        events_sent: state
            .map(|s| s.sent_event_ids.iter().cloned().collect())
            .unwrap_or_default(),
        routing_statuses_sent: state
            .map(|s| s.sent_routing_status_ids.iter().cloned().collect())
            .unwrap_or_default(),
        updated_at: state.map(|s| s.updated_at.to_rfc3339()),
        last_error: state.and_then(|s| s.last_error.clone()),
    }
}

/// A recording's record as a view.
pub fn recording_view(record_key: &str, record: &RecordingRecord) -> RecordingView {
    RecordingView {
        record_key: record_key.to_owned(),
        object: format!("s3://{}/{}", record.bucket, record.key),
        status: serde_json::to_value(record.status).unwrap_or(Value::Null),
        reason: record.reason.clone(),
        file_name: record.file_name.clone(),
        conversation_id: record.conversation_id.clone(),
        grade: record
            .grade
            .as_ref()
            .and_then(|g| serde_json::to_value(g.level).ok()),
        report_status: record.report_status.clone(),
        updated_at: record.updated_at.to_rfc3339(),
        dead_letter: record.dead_letter.clone(),
    }
}

/// The dead letters about `kind` `id`, waiting ones first.
pub fn letters_about(kind: Kind, id: &str, letters: &[(Letter, bool)]) -> Vec<LetterView> {
    let mut found: Vec<LetterView> = letters
        .iter()
        .filter(|(letter, _)| is_about(kind, id, letter))
        .map(|(letter, replayed)| LetterView {
            key: letter.key.clone(),
            function: letter.str_field("function").unwrap_or("-").to_owned(),
            at: letter.at().map(|t| t.to_rfc3339()),
            reason: letter.reason(),
            replayed: *replayed,
        })
        .collect();
    found.sort_by(|a, b| a.replayed.cmp(&b.replayed).then_with(|| a.key.cmp(&b.key)));
    found
}

/// Whether a letter is about the object: an agent-state letter whose body has an event of the
/// agent; an interactions letter of the interaction; a recordings letter of the interaction or
/// the object key.
fn is_about(kind: Kind, id: &str, letter: &Letter) -> bool {
    let function = letter.str_field("function");
    match (kind, function) {
        (Kind::User, Some("agent-state")) => body_has(letter, "agentId", id),
        (Kind::Interaction, Some("interactions")) => {
            letter.str_field("interactionId") == Some(id) || body_has(letter, "interactionId", id)
        }
        (Kind::Interaction, Some("recordings")) => letter.str_field("interactionId") == Some(id),
        (Kind::Recording, Some("recordings")) => {
            letter.str_field("interactionId") == Some(id) || letter.str_field("key") == Some(id)
        }
        _ => false,
    }
}

/// Whether the letter's body (one JSON object, or an array of them) has `field` = `id`.
fn body_has(letter: &Letter, field: &str, id: &str) -> bool {
    let Some(body) = letter.str_field("body") else {
        return false;
    };
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return false;
    };
    let matches = |v: &Value| v.get(field).and_then(Value::as_str) == Some(id);
    match &value {
        Value::Array(items) => items.iter().any(matches),
        other => matches(other),
    }
}
