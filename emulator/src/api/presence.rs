//! Presence definitions (secondary statuses) as a [`Kind`]: unpaged list (`deactivated`,
//! `divisionId` filters), get, create and update (`languageLabels` required, a valid
//! `systemPresence`; system definitions are read-only), delete; and `/api/v2/systempresences`.

use std::collections::BTreeMap;

use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::ok;
use super::kind::{Create, Filters, Kind, Listing, Replace, View};
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::state::Org;
use crate::state::presence::{PresenceDefinition, SYSTEM_PRESENCES, system_presence_key};

impl Kind for PresenceDefinition {
    const NOUN: &'static str = "presence definition";
    const PATH: &'static str = "/api/v2/presence/definitions";
    const LISTING: Listing = Listing::Whole;

    /// The `en_US` label.
    fn name(&self) -> &str {
        self.language_labels.get("en_US").map_or("", String::as_str)
    }

    fn render(&self, _view: &View) -> Value {
        let mut out = json!({
            "id": self.id,
            "type": self.kind,
            "languageLabels": self.language_labels,
            "systemPresence": self.system_presence,
            "deactivated": self.deactivated,
            "selfUri": format!("/api/v2/presence/definitions/{}", self.id),
        });
        if let Some(label) = self.language_labels.get("en_US") {
            out["name"] = json!(label);
        }
        if let Some(division) = &self.division_id {
            out["divisionId"] = json!(division);
        }
        out
    }

    fn listed(&self, filters: &Filters) -> bool {
        filters.deactivated(self.deactivated)
            && self
                .division_id
                .as_deref()
                .is_none_or(|id| filters.division(id))
    }
    /// System definitions first, then by system presence and id.
    fn sort(items: &mut [&Self], _query: &QueryParams) {
        items.sort_by_key(|d| (d.kind != "System", d.system_presence.clone(), d.id.clone()));
    }

    fn check_write(&self) -> ApiResult<()> {
        if self.kind == "System" {
            return Err(ApiError::bad_request(
                "system presence definitions cannot be changed",
            ));
        }
        Ok(())
    }
}

/// The `OrganizationPresenceDefinition` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionBody {
    language_labels: BTreeMap<String, String>,
    #[serde(default)]
    system_presence: Option<String>,
    #[serde(default)]
    division_id: Option<String>,
    #[serde(default)]
    deactivated: Option<bool>,
}

fn checked(org: &Org, body: &DefinitionBody, except: &str) -> ApiResult<String> {
    if body.language_labels.is_empty() || body.language_labels.values().any(|l| l.trim().is_empty())
    {
        return Err(ApiError::bad_field(
            "languageLabels",
            "languageLabels needs at least one non-empty label",
        ));
    }
    let system = body.system_presence.clone().ok_or_else(|| {
        ApiError::bad_field(
            "systemPresence",
            "a secondary status needs its systemPresence",
        )
    })?;
    if let Some(division) = &body.division_id
        && !org.divisions.contains(division)
    {
        return Err(ApiError::bad_field(
            "divisionId",
            format!("division {division} does not exist"),
        ));
    }
    let clash = org.presence_definitions.values().find(|d| {
        d.id != except
            && !d.deactivated
            && d.kind == "User"
            && d.system_presence == system
            && d.language_labels
                .iter()
                .any(|(k, v)| body.language_labels.get(k) == Some(v))
    });
    if let Some(other) = clash {
        return Err(ApiError::conflict(format!(
            "presence definition {} already has this label",
            other.id
        )));
    }
    Ok(system)
}

impl Create for PresenceDefinition {
    type Body = DefinitionBody;

    fn create(org: &Org, body: DefinitionBody) -> ApiResult<Self> {
        let fresh = PresenceDefinition {
            id: new_id(),
            kind: "User".into(),
            ..Default::default()
        };
        PresenceDefinition::replace(org, fresh, body)
    }
}

impl Replace for PresenceDefinition {
    fn replace(org: &Org, mut current: Self, body: DefinitionBody) -> ApiResult<Self> {
        current.system_presence = checked(org, &body, &current.id)?;
        current.language_labels = body.language_labels;
        current.division_id = body.division_id;
        current.deactivated = body.deactivated.unwrap_or(false);
        Ok(current)
    }
}

/// `GET /api/v2/systempresences`.
pub async fn system_presences() -> ApiResult<Response> {
    let list: Vec<Value> = SYSTEM_PRESENCES
        .iter()
        .map(|name| {
            let key = system_presence_key(name);
            json!({"id": key, "name": name, "selfUri": format!("/api/v2/systempresences/{key}")})
        })
        .collect();
    ok(Value::Array(list))
}
