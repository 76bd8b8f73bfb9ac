//! Applying one conversation event: established events create participants (and the
//! conversation), the others update the participant of their communication; transfers are
//! recorded; email events map onto the same steps.

use serde_json::Value;

use super::{BatchItem, EventError};
use crate::api::common::live_user;
use crate::ids::{now, parse_time};
use crate::state::Org;
use crate::state::conversations::{Conversation, Participant, Transfer, Wrapup};

fn text(event: &Value, key: &str) -> Option<String> {
    event.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The array name without its `email` prefix, with a lower-case first letter.
fn kind(array: &str) -> String {
    let base = array.strip_prefix("email").unwrap_or(array);
    let mut chars = base.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Applies one valid event.
pub fn apply(org: &mut Org, item: &BatchItem) -> Result<(), EventError> {
    let event = &item.event;
    let at = text(event, "eventDateTime")
        .as_deref()
        .and_then(parse_time)
        .unwrap_or_else(now);
    let kind = kind(&item.array);
    if kind.ends_with("EstablishedEvents") {
        let media = if item.array.starts_with("email") {
            "email"
        } else {
            "voice"
        };
        return establish(org, event, &kind, media, at);
    }
    let conversation_id = text(event, "conversationId").unwrap_or_default();
    if !org.conversations.contains(&conversation_id) {
        return Err(EventError::retryable(
            event,
            format!("conversation {conversation_id} is not known (yet)"),
        ));
    }
    if let Some(communication) = text(event, "communicationId") {
        let known = org
            .conversations
            .get(&conversation_id)
            .is_some_and(|c| c.has_communication(&communication));
        if !known {
            return Err(EventError::retryable(
                event,
                format!("communication {communication} is not known (yet)"),
            ));
        }
    }
    check_destination(org, event)?;
    let code = text(event, "code");
    let code_name = match &code {
        Some(id) => match org.wrapup_codes.get(id) {
            Some(c) => Some(c.name.clone()),
            None => {
                return Err(EventError::permanent(
                    event,
                    format!("code {id} is not a wrap-up code"),
                ));
            }
        },
        None => None,
    };
    let Some(conversation) = org.conversations.get_mut(&conversation_id) else {
        return Ok(());
    };
    update(conversation, event, &kind, at, code.zip(code_name));
    Ok(())
}

fn check_destination(org: &Org, event: &Value) -> Result<(), EventError> {
    if let Some(queue) = text(event, "destinationQueueId")
        && !org.queues.contains(&queue)
    {
        return Err(EventError::permanent(
            event,
            format!("destinationQueueId {queue} is not a queue"),
        ));
    }
    if let Some(user) = text(event, "destinationUserId")
        && live_user(org, &user).is_err()
    {
        return Err(EventError::permanent(
            event,
            format!("destinationUserId {user} is not a user"),
        ));
    }
    Ok(())
}

fn update(
    conversation: &mut Conversation,
    event: &Value,
    kind: &str,
    at: chrono::DateTime<chrono::Utc>,
    code: Option<(String, String)>,
) {
    let communication = text(event, "communicationId").unwrap_or_default();
    match kind {
        "communicationAnsweredEvents" => {
            if let Some(p) = conversation.participant_mut(&communication) {
                p.connected_time.get_or_insert(at);
            }
        }
        "holdUpdatedEvents" => {
            if let Some(p) = conversation.participant_mut(&communication) {
                p.held = event.get("held").and_then(Value::as_bool).unwrap_or(false);
            }
        }
        "audioUpdatedEvents" => {
            if let Some(p) = conversation.participant_mut(&communication) {
                p.audio_state = event.get("audioState").cloned();
            }
        }
        "communicationEndedEvents" => {
            let disconnect = text(event, "disconnectType").unwrap_or_else(|| "Peer".into());
            conversation.end_communication(&communication, at, &disconnect);
        }
        "communicationDispositionAppliedEvents" => {
            if let Some(p) = conversation.participant_mut(&communication) {
                p.wrapup_skipped = code.is_none();
                p.wrapup = code.map(|(code, name)| Wrapup {
                    code,
                    name: Some(name),
                    notes: text(event, "notes"),
                    tags: event
                        .get("tags")
                        .and_then(Value::as_array)
                        .map(|t| {
                            t.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                    applied_at: at,
                });
            }
        }
        "routingTransferEvents" | "userTransferEvents" | "phoneTransferEvents" => {
            let destination = text(event, "destinationQueueId")
                .or_else(|| text(event, "destinationUserId"))
                .or_else(|| text(event, "destinationPhoneNumber"));
            conversation.transfers.push(Transfer {
                id: text(event, "commandId").unwrap_or_default(),
                transfer_type: text(event, "transferType").unwrap_or_else(|| "Unattended".into()),
                state: "Active".into(),
                date_issued: at,
                destination,
            });
        }
        "consultTransferEvents" => conversation.transfers.push(Transfer {
            id: text(event, "initiatingCommunicationId").unwrap_or_default(),
            transfer_type: "Attended".into(),
            state: "Active".into(),
            date_issued: at,
            destination: text(event, "destinationCommunicationId"),
        }),
        "endTransferEvents" => {
            let command = text(event, "commandId").unwrap_or_default();
            let state = match text(event, "finalState").as_deref() {
                Some("Completed") => "Complete",
                Some("Canceled") => "Canceled",
                _ => "Failed",
            };
            if let Some(t) = conversation.transfers.iter_mut().find(|t| t.id == command) {
                t.state = state.into();
            }
        }
        _ => {}
    }
}

fn establish(
    org: &mut Org,
    event: &Value,
    kind: &str,
    media: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), EventError> {
    let source = event
        .get("sourceConfiguration")
        .cloned()
        .unwrap_or(Value::Null);
    let source_id = text(&source, "sourceId").unwrap_or_default();
    if !org.presence_sources.contains(&source_id) {
        return Err(EventError::permanent(
            event,
            format!("sourceConfiguration.sourceId {source_id} is not a registered source"),
        ));
    }
    let user_id = text(event, "userId");
    if let Some(user) = &user_id
        && live_user(org, user).is_err()
    {
        return Err(EventError::permanent(
            event,
            format!("userId {user} is not a user"),
        ));
    }
    let queue_id = text(event, "queueId");
    if let Some(queue) = &queue_id
        && !org.queues.contains(queue)
    {
        return Err(EventError::permanent(
            event,
            format!("queueId {queue} is not a queue"),
        ));
    }
    let config = event
        .get("initialConfiguration")
        .cloned()
        .unwrap_or(Value::Null);
    let alerting = config
        .get("alerting")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (purpose, name, address) = match kind {
        "externalEstablishedEvents" => (
            "customer",
            text(event, "aniName").or_else(|| text(event, "displayName")),
            text(event, "ani"),
        ),
        "ivrEstablishedEvents" => ("ivr", text(event, "ivrName"), text(event, "ivrPhoneNumber")),
        "phoneEstablishedEvents" => ("external", None, text(event, "phoneNumber")),
        "routingEstablishedEvents" => (
            "acd",
            queue_id
                .as_ref()
                .and_then(|q| org.queues.get(q))
                .map(|q| q.name.clone()),
            None,
        ),
        "flowEstablishedEvents" => ("workflow", None, None),
        _ => (
            "agent",
            user_id
                .as_ref()
                .and_then(|u| org.users.get(u))
                .map(|u| u.name.clone()),
            text(event, "phoneNumber"),
        ),
    };
    let participant = Participant {
        communication_id: text(event, "communicationId").unwrap_or_default(),
        purpose: purpose.into(),
        user_id,
        queue_id,
        name,
        ani: text(event, "ani"),
        dnis: text(event, "dnis"),
        address,
        start_time: at,
        connected_time: (!alerting).then_some(at),
        inbound: config.get("inbound").and_then(Value::as_bool),
        invited_by: text(&config, "invitedBy"),
        recording_active: config.get("recordingActive").and_then(Value::as_bool),
        wrapup_required: event.get("afterCallWorkRequired").and_then(Value::as_bool),
        attributes: config
            .get("additionalInfo")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
        ..Participant::default()
    };
    let conversation_id = text(event, "conversationId").unwrap_or_default();
    let home = org.home_division_id();
    let is_new = !org.conversations.contains(&conversation_id);
    if is_new {
        let mut conversation = Conversation::new(&conversation_id, media, at);
        conversation.division_ids.push(home);
        org.conversations.insert(conversation);
    }
    if let Some(conversation) = org.conversations.get_mut(&conversation_id) {
        if conversation.external_tag.is_none() {
            conversation.external_tag = text(&source, "tagId");
        }
        conversation.source_id.get_or_insert(source_id);
        if conversation.interaction_id.is_none() {
            conversation.interaction_id = text(&source, "interactionId");
        }
        conversation.add_participant(participant);
    }
    if is_new {
        org.bind_waiting_uploads(&conversation_id);
    }
    Ok(())
}
