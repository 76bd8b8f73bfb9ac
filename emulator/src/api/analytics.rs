//! The analytics view of injected conversations: conversation details by id and the details
//! query (interval, `externalTag` / `conversationId` dimension predicates, paging).

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::common::ok;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::{fmt_time, parse_time};
use crate::state::conversations::Conversation;

fn details_json(conversation: &Conversation) -> Value {
    let participants: Vec<Value> = conversation
        .participants
        .iter()
        .map(|p| {
            let mut out = json!({
                "participantId": p.communication_id,
                "purpose": p.purpose,
                "sessions": [{"mediaType": conversation.media, "sessionId": p.communication_id}],
            });
            if let Some(name) = &p.name {
                out["participantName"] = json!(name);
            }
            if let Some(user) = &p.user_id {
                out["userId"] = json!(user);
            }
            out
        })
        .collect();
    let inbound = conversation
        .participants
        .first()
        .and_then(|p| p.inbound)
        .unwrap_or(true);
    let mut out = json!({
        "conversationId": conversation.id,
        "conversationStart": fmt_time(&conversation.start_time),
        "originatingDirection": if inbound { "inbound" } else { "outbound" },
        "divisionIds": conversation.division_ids,
        "participants": participants,
    });
    if let Some(end) = &conversation.end_time {
        out["conversationEnd"] = json!(fmt_time(end));
    }
    if let Some(tag) = &conversation.external_tag {
        out["externalTag"] = json!(tag);
    }
    out
}

/// `GET /api/v2/analytics/conversations/{conversationId}/details`.
pub async fn details(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    let conversation = org
        .conversations
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("conversation {id} not found")))?;
    ok(details_json(conversation))
}

fn predicate_holds(conversation: &Conversation, predicate: &Value) -> bool {
    let value = predicate.get("value").and_then(Value::as_str);
    let actual = match predicate.get("dimension").and_then(Value::as_str) {
        Some("externalTag") => conversation.external_tag.clone(),
        Some("conversationId") => Some(conversation.id.clone()),
        _ => return true,
    };
    match predicate.get("operator").and_then(Value::as_str) {
        Some("exists") => actual.is_some(),
        Some("notExists") => actual.is_none(),
        _ => actual.as_deref() == value,
    }
}

fn filter_holds(conversation: &Conversation, filter: &Value) -> bool {
    let any = filter.get("type").and_then(Value::as_str) == Some("or");
    let mut results = filter
        .get("predicates")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| predicate_holds(conversation, p))
        .chain(
            filter
                .get("clauses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|c| filter_holds(conversation, c)),
        )
        .peekable();
    if results.peek().is_none() {
        return true;
    }
    if any {
        results.any(|r| r)
    } else {
        results.all(|r| r)
    }
}

/// `POST /api/v2/analytics/conversations/details/query`.
pub async fn query(
    State(app): State<App>,
    ContractBody(body): ContractBody<Value>,
) -> ApiResult<Response> {
    let interval = body
        .get("interval")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (start, end) = interval
        .split_once('/')
        .and_then(|(a, b)| Some((parse_time(a)?, parse_time(b)?)))
        .ok_or_else(|| {
            ApiError::bad_field(
                "interval",
                "interval must be \"start/end\" ISO-8601 date-times",
            )
        })?;
    let filters: Vec<Value> = body
        .get("conversationFilters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let size = body
        .pointer("/paging/pageSize")
        .and_then(Value::as_u64)
        .unwrap_or(25)
        .clamp(1, 100) as usize;
    let number = body
        .pointer("/paging/pageNumber")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1) as usize;
    let org = app.org();
    let mut hits: Vec<&Conversation> = org
        .conversations
        .values()
        .filter(|c| c.start_time >= start && c.start_time < end)
        .filter(|c| filters.iter().all(|f| filter_holds(c, f)))
        .collect();
    hits.sort_by_key(|c| c.start_time);
    if body.get("order").and_then(Value::as_str) == Some("desc") {
        hits.reverse();
    }
    let total = hits.len();
    let page: Vec<Value> = hits
        .into_iter()
        .skip((number - 1) * size)
        .take(size)
        .map(details_json)
        .collect();
    if page.is_empty() {
        return ok(json!({"totalHits": total}));
    }
    ok(json!({"conversations": page, "totalHits": total}))
}
