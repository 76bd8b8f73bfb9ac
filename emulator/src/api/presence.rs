//! Presence definitions (secondary statuses): unpaged list (`deactivated`, `divisionId`
//! filters), get, create and update (`languageLabels` required, a valid `systemPresence`;
//! system definitions are read-only), delete; and `/api/v2/systempresences`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{no_content, ok};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::new_id;
use crate::state::Org;
use crate::state::presence::{PresenceDefinition, SYSTEM_PRESENCES, system_presence_key};

fn definition_json(definition: &PresenceDefinition) -> Value {
    let mut out = json!({
        "id": definition.id,
        "type": definition.kind,
        "languageLabels": definition.language_labels,
        "systemPresence": definition.system_presence,
        "deactivated": definition.deactivated,
        "selfUri": format!("/api/v2/presence/definitions/{}", definition.id),
    });
    if let Some(label) = definition.language_labels.get("en_US") {
        out["name"] = json!(label);
    }
    if let Some(division) = &definition.division_id {
        out["divisionId"] = json!(division);
    }
    out
}

/// `GET /api/v2/presence/definitions`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let deactivated = query.bool("deactivated", false);
    let divisions = query.list("divisionId");
    let org = app.org();
    let mut definitions: Vec<&PresenceDefinition> = org
        .presence_definitions
        .values()
        .filter(|d| d.deactivated == deactivated)
        .filter(|d| {
            divisions.is_empty()
                || d.division_id
                    .as_ref()
                    .is_none_or(|id| divisions.contains(id))
        })
        .collect();
    definitions.sort_by_key(|d| (d.kind != "System", d.system_presence.clone(), d.id.clone()));
    let entities: Vec<Value> = definitions.iter().map(|d| definition_json(d)).collect();
    ok(
        json!({"total": entities.len(), "entities": entities, "selfUri": "/api/v2/presence/definitions"}),
    )
}

/// `GET /api/v2/presence/definitions/{definitionId}`.
pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    let definition = org
        .presence_definitions
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("presence definition {id} not found")))?;
    ok(definition_json(definition))
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

/// `POST /api/v2/presence/definitions`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<DefinitionBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let system = checked(&org, &body, "")?;
    let definition = PresenceDefinition {
        id: new_id(),
        kind: "User".into(),
        language_labels: body.language_labels,
        system_presence: system,
        division_id: body.division_id,
        deactivated: body.deactivated.unwrap_or(false),
    };
    let rendered = definition_json(&definition);
    org.presence_definitions.insert(definition);
    ok(rendered)
}

fn editable<'a>(org: &'a Org, id: &str) -> ApiResult<&'a PresenceDefinition> {
    let definition = org
        .presence_definitions
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("presence definition {id} not found")))?;
    if definition.kind == "System" {
        return Err(ApiError::bad_request(
            "system presence definitions cannot be changed",
        ));
    }
    Ok(definition)
}

/// `PUT /api/v2/presence/definitions/{definitionId}`.
pub async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<DefinitionBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let mut definition = editable(&org, &id)?.clone();
    definition.system_presence = checked(&org, &body, &id)?;
    definition.language_labels = body.language_labels;
    definition.division_id = body.division_id;
    definition.deactivated = body.deactivated.unwrap_or(false);
    let rendered = definition_json(&definition);
    org.presence_definitions.insert(definition);
    ok(rendered)
}

/// `DELETE /api/v2/presence/definitions/{definitionId}`.
pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    editable(&org, &id)?;
    org.presence_definitions.remove(&id);
    no_content()
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
