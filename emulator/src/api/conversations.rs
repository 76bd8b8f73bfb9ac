//! Reading conversations built from events: `GET /conversations/{id}` and its
//! `recordingmetadata` (the uploads bound to it).

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::common::ok;
use super::render_users::division_ref;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::ids::fmt_time;
use crate::state::Org;
use crate::state::conversations::{Conversation, Participant};
use crate::state::uploads::{Upload, UploadStatus};

fn put(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        out.insert(key.into(), value);
    }
}

fn participant_json(org: &Org, conversation: &Conversation, p: &Participant) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(p.communication_id));
    out.insert("purpose".into(), json!(p.purpose));
    out.insert("startTime".into(), json!(fmt_time(&p.start_time)));
    put(
        &mut out,
        "connectedTime",
        p.connected_time.as_ref().map(|t| json!(fmt_time(t))),
    );
    put(
        &mut out,
        "endTime",
        p.end_time.as_ref().map(|t| json!(fmt_time(t))),
    );
    put(&mut out, "name", p.name.as_ref().map(|n| json!(n)));
    put(&mut out, "userId", p.user_id.as_ref().map(|u| json!(u)));
    put(
        &mut out,
        "userUri",
        p.user_id
            .as_ref()
            .map(|u| json!(format!("/api/v2/users/{u}"))),
    );
    put(&mut out, "queueId", p.queue_id.as_ref().map(|q| json!(q)));
    put(
        &mut out,
        "queueName",
        p.queue_id
            .as_ref()
            .and_then(|q| org.queues.get(q))
            .map(|q| json!(q.name)),
    );
    put(&mut out, "address", p.address.as_ref().map(|a| json!(a)));
    put(&mut out, "ani", p.ani.as_ref().map(|a| json!(a)));
    put(&mut out, "dnis", p.dnis.as_ref().map(|d| json!(d)));
    put(
        &mut out,
        "wrapupRequired",
        p.wrapup_required.map(|w| json!(w)),
    );
    out.insert("wrapupSkipped".into(), json!(p.wrapup_skipped));
    put(
        &mut out,
        "wrapup",
        p.wrapup.as_ref().map(|w| {
            json!({"code": w.code, "name": w.name, "notes": w.notes, "tags": w.tags,
                   "endTime": fmt_time(&w.applied_at)})
        }),
    );
    if !p.attributes.is_empty() {
        out.insert("attributes".into(), json!(p.attributes));
    }
    let state = if p.end_time.is_some() {
        "disconnected"
    } else if p.connected_time.is_some() {
        "connected"
    } else {
        "alerting"
    };
    let communication = json!({
        "id": p.communication_id,
        "state": state,
        "held": p.held,
        "direction": if p.inbound == Some(false) { "outbound" } else { "inbound" },
        "disconnectType": p.disconnect_type,
        "recording": p.recording_active.unwrap_or(false),
    });
    let media_key = if conversation.media == "email" {
        "emails"
    } else {
        "calls"
    };
    out.insert(media_key.into(), json!([communication]));
    Value::Object(out)
}

/// A `Conversation`.
pub fn conversation_json(org: &Org, conversation: &Conversation) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(conversation.id));
    put(
        &mut out,
        "externalTag",
        conversation.external_tag.as_ref().map(|t| json!(t)),
    );
    out.insert(
        "startTime".into(),
        json!(fmt_time(&conversation.start_time)),
    );
    put(
        &mut out,
        "endTime",
        conversation.end_time.as_ref().map(|t| json!(fmt_time(t))),
    );
    let participants: Vec<Value> = conversation
        .participants
        .iter()
        .map(|p| participant_json(org, conversation, p))
        .collect();
    out.insert("participants".into(), Value::Array(participants));
    let recorded = bound_uploads(org, &conversation.id).next().is_some();
    out.insert(
        "recordingState".into(),
        json!(if recorded { "ACTIVE" } else { "NONE" }),
    );
    out.insert("state".into(), json!(conversation.state()));
    let divisions: Vec<Value> = conversation
        .division_ids
        .iter()
        .map(|d| json!({"division": division_ref(org, d), "entities": []}))
        .collect();
    out.insert("divisions".into(), Value::Array(divisions));
    let transfers: Vec<Value> = conversation
        .transfers
        .iter()
        .map(|t| json!({"id": t.id, "state": t.state, "dateIssued": fmt_time(&t.date_issued), "transferType": t.transfer_type}))
        .collect();
    out.insert("recentTransfers".into(), Value::Array(transfers));
    out.insert(
        "selfUri".into(),
        json!(format!("/api/v2/conversations/{}", conversation.id)),
    );
    Value::Object(out)
}

/// Uploads bound to a conversation.
pub fn bound_uploads<'a>(
    org: &'a Org,
    conversation_id: &'a str,
) -> impl Iterator<Item = &'a Upload> {
    org.uploads.values().filter(move |u| {
        u.status == UploadStatus::Success && u.conversation_id.as_deref() == Some(conversation_id)
    })
}

fn conversation<'a>(org: &'a Org, id: &str) -> ApiResult<&'a Conversation> {
    org.conversations
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("conversation {id} not found")))
}

/// `GET /api/v2/conversations/{conversationId}`.
pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    ok(conversation_json(&org, conversation(&org, &id)?))
}

fn recording_fields(conversation: &Conversation, upload: &Upload) -> Map<String, Value> {
    let recording_id = upload
        .recording_id
        .clone()
        .unwrap_or_else(|| upload.id.clone());
    let leg = upload.communication_id.as_ref().and_then(|c| {
        conversation
            .participants
            .iter()
            .find(|p| &p.communication_id == c)
    });
    let start = leg.map(|p| p.start_time).unwrap_or(conversation.start_time);
    let end = leg.and_then(|p| p.end_time).or(conversation.end_time);
    let mut out = Map::new();
    out.insert("id".into(), json!(recording_id));
    out.insert("name".into(), json!(upload.file_name));
    out.insert("conversationId".into(), json!(conversation.id));
    out.insert("startTime".into(), json!(fmt_time(&start)));
    put(
        &mut out,
        "endTime",
        end.as_ref().map(|t| json!(fmt_time(t))),
    );
    out.insert("media".into(), json!("audio"));
    out.insert("fileState".into(), json!("AVAILABLE"));
    put(
        &mut out,
        "sessionId",
        upload.communication_id.as_ref().map(|c| json!(c)),
    );
    out.insert(
        "selfUri".into(),
        json!(format!(
            "/api/v2/conversations/{}/recordings/{recording_id}",
            conversation.id
        )),
    );
    out
}

/// `GET /api/v2/conversations/{conversationId}/recordingmetadata`.
pub async fn recording_metadata(
    State(app): State<App>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let org = app.org();
    let conversation = conversation(&org, &id)?;
    let list: Vec<Value> = bound_uploads(&org, &id)
        .map(|u| Value::Object(recording_fields(conversation, u)))
        .collect();
    ok(Value::Array(list))
}
