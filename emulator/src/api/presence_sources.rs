//! Presence sources (the external platform registers one), the org's presence settings
//! (`defaultPrimaryPresenceRegisteredSourceId`) and each user's primary source.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, live_user_mut, no_content, ok};
use super::render_users::primary_source;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::new_id;
use crate::state::Org;
use crate::state::presence::{NATIVE_SOURCE_ID, PresenceSettings, PresenceSource};

fn source_json(source: &PresenceSource) -> Value {
    let mut out = json!({
        "id": source.id,
        "name": source.name,
        "type": source.kind,
        "deactivated": source.deactivated,
        "selfUri": format!("/api/v2/presence/sources/{}", source.id),
    });
    if let Some(description) = &source.description {
        out["description"] = json!(description);
    }
    out
}

/// `GET /api/v2/presence/sources`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let deactivated = query.bool("deactivated", false);
    let org = app.org();
    let entities: Vec<Value> = org
        .presence_sources
        .values()
        .filter(|s| s.deactivated == deactivated)
        .map(source_json)
        .collect();
    ok(
        json!({"total": entities.len(), "entities": entities, "selfUri": "/api/v2/presence/sources"}),
    )
}

fn source<'a>(org: &'a Org, id: &str) -> ApiResult<&'a PresenceSource> {
    org.presence_sources
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("presence source {id} not found")))
}

/// `GET /api/v2/presence/sources/{sourceId}`.
pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    ok(source_json(source(&org, &id)?))
}

/// The `Source` body.
#[derive(Debug, Deserialize)]
pub struct SourceBody {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    deactivated: Option<bool>,
}

fn checked_name(org: &Org, body: &SourceBody, except: &str) -> ApiResult<()> {
    if body.name.trim().is_empty() {
        return Err(ApiError::bad_field("name", "name must not be empty"));
    }
    if org
        .presence_sources
        .values()
        .any(|s| s.id != except && s.name.eq_ignore_ascii_case(&body.name))
    {
        return Err(ApiError::conflict(format!(
            "a presence source named {} already exists",
            body.name
        )));
    }
    Ok(())
}

/// `POST /api/v2/presence/sources`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<SourceBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    checked_name(&org, &body, "")?;
    let source = PresenceSource {
        id: new_id(),
        name: body.name,
        description: body.description,
        kind: body.kind.unwrap_or_else(|| "User".into()),
        deactivated: body.deactivated.unwrap_or(false),
    };
    let rendered = source_json(&source);
    org.presence_sources.insert(source);
    ok(rendered)
}

/// `PUT /api/v2/presence/sources/{sourceId}`.
pub async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<SourceBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let mut updated = source(&org, &id)?.clone();
    checked_name(&org, &body, &id)?;
    updated.name = body.name;
    updated.description = body.description;
    if let Some(kind) = body.kind {
        updated.kind = kind;
    }
    updated.deactivated = body.deactivated.unwrap_or(false);
    let rendered = source_json(&updated);
    org.presence_sources.insert(updated);
    ok(rendered)
}

/// `DELETE /api/v2/presence/sources/{sourceId}`.
pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    source(&org, &id)?;
    org.presence_sources.remove(&id);
    no_content()
}

fn settings_json(settings: &PresenceSettings) -> Value {
    let mut out = json!({
        "id": "presence-settings",
        "name": "Presence settings",
        "restorePresenceSettings": settings.restore_presence_settings.clone().unwrap_or_else(
            || json!({"enabled": false, "restoreTimeMilliseconds": 0, "restoreOnQueueEnabled": false})
        ),
        "requestingOffQueueEnabled": settings.requesting_off_queue_enabled.unwrap_or(false),
        "selfUri": "/api/v2/presence/settings",
    });
    if let Some(id) = &settings.default_primary_presence_registered_source_id {
        out["defaultPrimaryPresenceRegisteredSourceId"] = json!(id);
    }
    out
}

/// `GET /api/v2/presence/settings`.
pub async fn get_settings(State(app): State<App>) -> ApiResult<Response> {
    ok(settings_json(&app.org().presence_settings))
}

/// The `PresenceSettings` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsBody {
    #[serde(default)]
    restore_presence_settings: Option<Value>,
    #[serde(default)]
    requesting_off_queue_enabled: Option<bool>,
    #[serde(default)]
    default_primary_presence_registered_source_id: Option<String>,
}

/// `PUT /api/v2/presence/settings`: the default primary source must be a registered source.
pub async fn put_settings(
    State(app): State<App>,
    ContractBody(body): ContractBody<SettingsBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    if let Some(id) = &body.default_primary_presence_registered_source_id
        && !org.presence_sources.contains(id)
    {
        return Err(ApiError::bad_field(
            "defaultPrimaryPresenceRegisteredSourceId",
            format!("{id} is not a registered presence source"),
        ));
    }
    org.presence_settings = PresenceSettings {
        restore_presence_settings: body.restore_presence_settings,
        requesting_off_queue_enabled: body.requesting_off_queue_enabled,
        default_primary_presence_registered_source_id: body
            .default_primary_presence_registered_source_id,
    };
    ok(settings_json(&org.presence_settings))
}

fn primary_json(org: &Org, user_id: &str) -> ApiResult<Value> {
    let user = live_user(org, user_id)?;
    let source_id = primary_source(org, user);
    Ok(json!({
        "id": user_id,
        "sourceId": source_id,
        "registered": org.presence_sources.contains(&source_id),
        "selfUri": format!("/api/v2/presence/users/{user_id}/primarysource"),
    }))
}

/// `GET /api/v2/presence/users/{userId}/primarysource`.
pub async fn get_primary(
    State(app): State<App>,
    Path(user_id): Path<String>,
) -> ApiResult<Response> {
    ok(primary_json(&app.org(), &user_id)?)
}

/// The `UserPrimarySource` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrimaryBody {
    #[serde(default)]
    source_id: Option<String>,
}

/// `PUT /api/v2/presence/users/{userId}/primarysource`.
pub async fn put_primary(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(body): ContractBody<PrimaryBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let source_id = body
        .source_id
        .ok_or_else(|| ApiError::bad_field("sourceId", "sourceId is required"))?;
    if source_id != NATIVE_SOURCE_ID && !org.presence_sources.contains(&source_id) {
        return Err(ApiError::bad_field(
            "sourceId",
            format!("{source_id} is not a presence source"),
        ));
    }
    live_user_mut(&mut org, &user_id)?.primary_source_id = Some(source_id);
    ok(primary_json(&org, &user_id)?)
}
