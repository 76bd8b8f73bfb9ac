//! Presence sources as a [`Kind`] (the external platform registers one), the org's presence
//! settings (`defaultPrimaryPresenceRegisteredSourceId`) and each user's primary source.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, live_user_mut, ok};
use super::kind::{Create, Filters, Kind, Listing, Replace, View, non_blank, unique_name};
use super::render_users::primary_source;
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::new_id;
use crate::state::Org;
use crate::state::presence::{NATIVE_SOURCE_ID, PresenceSettings, PresenceSource};

impl Kind for PresenceSource {
    const NOUN: &'static str = "presence source";
    const PATH: &'static str = "/api/v2/presence/sources";
    const LISTING: Listing = Listing::Whole;

    fn name(&self) -> &str {
        &self.name
    }

    fn render(&self, _view: &View) -> Value {
        let mut out = json!({
            "id": self.id,
            "name": self.name,
            "type": self.kind,
            "deactivated": self.deactivated,
            "selfUri": format!("/api/v2/presence/sources/{}", self.id),
        });
        if let Some(description) = &self.description {
            out["description"] = json!(description);
        }
        out
    }

    fn listed(&self, filters: &Filters) -> bool {
        filters.deactivated(self.deactivated)
    }
    /// In id order.
    fn sort(_items: &mut [&Self], _query: &QueryParams) {}
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

impl Create for PresenceSource {
    type Body = SourceBody;

    fn create(org: &Org, body: SourceBody) -> ApiResult<Self> {
        let fresh = PresenceSource {
            id: new_id(),
            kind: "User".into(),
            ..Default::default()
        };
        PresenceSource::replace(org, fresh, body)
    }
}

impl Replace for PresenceSource {
    fn replace(org: &Org, mut current: Self, body: SourceBody) -> ApiResult<Self> {
        let name = non_blank(Some(&body.name), "name must not be empty")?;
        unique_name::<PresenceSource>(org, &name, &current.id, |_| true)?;
        current.name = name;
        current.description = body.description;
        if let Some(kind) = body.kind {
            current.kind = kind;
        }
        current.deactivated = body.deactivated.unwrap_or(false);
        Ok(current)
    }
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
