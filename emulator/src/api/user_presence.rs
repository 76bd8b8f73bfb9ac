//! A user's presence per source and routing status through the resource APIs (not events):
//! `GET/PATCH /users/{id}/presences/{sourceId}`, bulk read and write, and
//! `GET/PUT /users/{id}/routingstatus` (UPPER_SNAKE spellings).

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, live_user_mut, ok};
use super::render_users::{presence_json, routing_status_json};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::{now, parse_time};
use crate::state::Org;
use crate::state::presence::NATIVE_SOURCE_ID;
use crate::state::users::{PresenceRecord, RoutingRecord, routing_status_to_event};

fn known_source(org: &Org, source_id: &str) -> ApiResult<()> {
    if source_id == NATIVE_SOURCE_ID || org.presence_sources.contains(source_id) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "presence source {source_id} not found"
        )))
    }
}

/// `GET /api/v2/users/{userId}/presences/{sourceId}`.
pub async fn get(
    State(app): State<App>,
    Path((user_id, source_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let org = app.org();
    known_source(&org, &source_id)?;
    ok(presence_json(&org, live_user(&org, &user_id)?, &source_id))
}

/// A presence definition reference.
#[derive(Debug, Deserialize)]
pub struct DefinitionRef {
    #[serde(default)]
    id: Option<String>,
}

/// The `UserPresence` / `MutableUserPresence` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceBody {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source_id: Option<String>,
    #[serde(default)]
    primary: Option<bool>,
    #[serde(default)]
    presence_definition: Option<DefinitionRef>,
    #[serde(default)]
    message: Option<String>,
}

fn set_presence(
    org: &mut Org,
    user_id: &str,
    source_id: &str,
    body: &PresenceBody,
    field: &str,
) -> ApiResult<()> {
    let definition_id = body
        .presence_definition
        .as_ref()
        .and_then(|d| d.id.clone())
        .ok_or_else(|| {
            ApiError::bad_field(
                &format!("{field}presenceDefinition.id"),
                "a presence definition id is required",
            )
        })?;
    let system = org
        .presence_definitions
        .get(&definition_id)
        .filter(|d| !d.deactivated)
        .map(|d| d.system_presence.clone())
        .ok_or_else(|| {
            ApiError::bad_field(
                &format!("{field}presenceDefinition.id"),
                format!("{definition_id} is not a presence definition"),
            )
        })?;
    let user = live_user_mut(org, user_id)?;
    user.record_presence(PresenceRecord {
        event_id: None,
        event_date_time: now(),
        source_id: source_id.to_owned(),
        presence_definition_id: definition_id,
        system_presence: system,
        message: body.message.clone(),
        received_at: now(),
    });
    if body.primary == Some(true) {
        user.primary_source_id = Some(source_id.to_owned());
    }
    Ok(())
}

/// `PATCH /api/v2/users/{userId}/presences/{sourceId}` (not for registered sources, as the
/// Genesys documentation says).
pub async fn patch(
    State(app): State<App>,
    Path((user_id, source_id)): Path<(String, String)>,
    ContractBody(body): ContractBody<PresenceBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    known_source(&org, &source_id)?;
    if org.presence_sources.contains(&source_id) {
        return Err(ApiError::bad_request(
            "this endpoint does not support registered presence sources",
        ));
    }
    set_presence(&mut org, &user_id, &source_id, &body, "")?;
    ok(presence_json(&org, live_user(&org, &user_id)?, &source_id))
}

/// `GET /api/v2/users/presences/{sourceId}/bulk?id=...` (at most 50 users).
pub async fn bulk_get(
    State(app): State<App>,
    Path(source_id): Path<String>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let ids = query.list("id");
    if ids.len() > 50 {
        return Err(ApiError::bad_field("id", "at most 50 user ids"));
    }
    let org = app.org();
    known_source(&org, &source_id)?;
    let list: Vec<Value> = ids
        .iter()
        .filter_map(|id| live_user(&org, id).ok())
        .map(|user| {
            let mut presence = presence_json(&org, user, &source_id);
            if let Some(object) = presence.as_object_mut() {
                object.remove("primary");
                object.insert("userId".into(), json!(user.id));
                object.insert("name".into(), json!(user.name));
            }
            presence
        })
        .collect();
    ok(Value::Array(list))
}

/// `PUT /api/v2/users/presences/bulk`.
pub async fn bulk_put(
    State(app): State<App>,
    ContractBody(items): ContractBody<Vec<PresenceBody>>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let user_id = item
            .id
            .clone()
            .ok_or_else(|| ApiError::bad_field(&format!("[{i}].id"), "the user id is required"))?;
        let source_id = item
            .source_id
            .clone()
            .unwrap_or_else(|| NATIVE_SOURCE_ID.to_owned());
        known_source(&org, &source_id)
            .map_err(|_| ApiError::bad_field(&format!("[{i}].sourceId"), "unknown source"))?;
        live_user(&org, &user_id)
            .map_err(|_| ApiError::bad_field(&format!("[{i}].id"), "unknown user"))?;
        set_presence(&mut org, &user_id, &source_id, item, &format!("[{i}]."))?;
        out.push(presence_json(&org, live_user(&org, &user_id)?, &source_id));
    }
    ok(Value::Array(out))
}

/// `GET /api/v2/users/{userId}/routingstatus`.
pub async fn get_routing_status(
    State(app): State<App>,
    Path(user_id): Path<String>,
) -> ApiResult<Response> {
    let org = app.org();
    ok(routing_status_json(live_user(&org, &user_id)?))
}

/// The `RoutingStatus` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingStatusBody {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    start_time: Option<String>,
}

/// `PUT /api/v2/users/{userId}/routingstatus` (the native ACD status).
pub async fn put_routing_status(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(body): ContractBody<RoutingStatusBody>,
) -> ApiResult<Response> {
    let status = body
        .status
        .ok_or_else(|| ApiError::bad_field("status", "status is required"))?;
    let at = body
        .start_time
        .as_deref()
        .and_then(parse_time)
        .unwrap_or_else(now);
    let mut org = app.org();
    let user = live_user_mut(&mut org, &user_id)?;
    user.record_routing_status(RoutingRecord {
        event_id: None,
        event_date_time: at,
        source_id: None,
        status: routing_status_to_event(&status).to_owned(),
        received_at: now(),
    });
    ok(routing_status_json(user))
}
