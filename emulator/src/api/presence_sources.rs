//! Presence sources as a [`Kind`] (the external platform registers one) and the org's presence
//! settings (`defaultPrimaryPresenceRegisteredSourceId`).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::ok;
use super::kind::{Create, Filters, Kind, Listing, View, non_blank, unique_name};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::new_id;
use crate::state::Org;
use crate::state::presence::{PresenceSettings, PresenceSource};

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
        let id = new_id();
        let name = non_blank(Some(&body.name), "name must not be empty")?;
        unique_name::<PresenceSource>(org, &name, &id, |_| true)?;
        Ok(PresenceSource {
            id,
            name,
            description: body.description,
            kind: body.kind.unwrap_or_else(|| "User".into()),
            deactivated: body.deactivated.unwrap_or(false),
        })
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
