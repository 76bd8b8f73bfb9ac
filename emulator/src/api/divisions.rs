//! Authorization divisions: list, home, get (optionally with object counts), create, update,
//! delete (not the home division, not while it holds objects) and moving objects (users,
//! queues) into a division.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, no_content, ok, sort_by_name};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::new_id;
use crate::listing::{Page, name_glob, paged};
use crate::state::Org;
use crate::state::entities::{Division, LifeState};

fn object_counts(org: &Org, id: &str) -> BTreeMap<&'static str, usize> {
    let users = org
        .users
        .values()
        .filter(|u| u.division_id == id && u.state != LifeState::Deleted)
        .count();
    let queues = org.queues.values().filter(|q| q.division_id == id).count();
    let skills = org
        .skills
        .values()
        .filter(|s| s.division_id == id && s.state == LifeState::Active)
        .count();
    let codes = org
        .wrapup_codes
        .values()
        .filter(|c| c.division_id == id)
        .count();
    BTreeMap::from([
        ("USER", users),
        ("QUEUE", queues),
        ("SKILL", skills),
        ("WRAPUPCODE", codes),
    ])
}

fn division_json(org: &Org, division: &Division, counts: bool) -> Value {
    let mut out = json!({
        "id": division.id,
        "name": division.name,
        "description": division.description,
        "homeDivision": division.home_division,
        "selfUri": format!("/api/v2/authorization/divisions/{}", division.id),
    });
    if counts {
        out["objectCounts"] = json!(object_counts(org, &division.id));
    }
    out
}

/// `GET /api/v2/authorization/divisions`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let ids = query.list("id");
    let counts = query.bool("objectCount", false);
    let org = app.org();
    let mut divisions: Vec<&Division> = org
        .divisions
        .values()
        .filter(|d| ids.is_empty() || ids.contains(&d.id))
        .filter(|d| query.get("name").is_none_or(|n| name_glob(n, &d.name)))
        .collect();
    sort_by_name(&mut divisions, &QueryParams::default(), |d| {
        (d.name.clone(), d.id.clone())
    });
    let rendered: Vec<Value> = divisions
        .iter()
        .map(|d| division_json(&org, d, counts))
        .collect();
    ok(paged(
        "/api/v2/authorization/divisions",
        &query,
        page,
        &rendered,
    ))
}

/// `GET /api/v2/authorization/divisions/home`.
pub async fn home(State(app): State<App>) -> ApiResult<Response> {
    let org = app.org();
    let home = org.home_division_id();
    let division = org
        .divisions
        .get(&home)
        .ok_or_else(|| ApiError::not_found("the org has no home division"))?;
    ok(division_json(&org, division, false))
}

/// `GET /api/v2/authorization/divisions/{divisionId}`.
pub async fn get(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let org = app.org();
    let division = org
        .divisions
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("division {id} not found")))?;
    ok(division_json(
        &org,
        division,
        query.bool("objectCount", false),
    ))
}

/// The `AuthzDivision` body.
#[derive(Debug, Deserialize)]
pub struct DivisionBody {
    #[serde(default)]
    name: Option<String>,
    description: String,
}

fn checked_name(org: &Org, body: &DivisionBody, except: &str) -> ApiResult<String> {
    let name = body
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_field("name", "a division needs a name"))?;
    if org
        .divisions
        .values()
        .any(|d| d.id != except && d.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::conflict(format!(
            "a division named {name} already exists"
        )));
    }
    Ok(name)
}

/// `POST /api/v2/authorization/divisions`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<DivisionBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let name = checked_name(&org, &body, "")?;
    let division = Division {
        id: new_id(),
        name,
        description: body.description,
        home_division: false,
    };
    let rendered = division_json(&org, &division, false);
    org.divisions.insert(division);
    ok(rendered)
}

/// `PUT /api/v2/authorization/divisions/{divisionId}`.
pub async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<DivisionBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    if !org.divisions.contains(&id) {
        return Err(ApiError::not_found(format!("division {id} not found")));
    }
    let name = checked_name(&org, &body, &id)?;
    let mut division = org
        .divisions
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("division {id} not found")))?;
    division.name = name;
    division.description = body.description;
    let rendered = division_json(&org, &division, false);
    org.divisions.insert(division);
    ok(rendered)
}

/// `DELETE /api/v2/authorization/divisions/{divisionId}`.
pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    let division = org
        .divisions
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("division {id} not found")))?;
    if division.home_division {
        return Err(ApiError::bad_request("the home division cannot be deleted"));
    }
    if object_counts(&org, &id).values().any(|&n| n > 0) {
        return Err(ApiError::conflict(format!(
            "division {id} still holds objects"
        )));
    }
    org.divisions.remove(&id);
    no_content()
}

/// `POST /api/v2/authorization/divisions/{divisionId}/objects/{objectType}`: users and queues
/// move; other object types are not modelled and are accepted without effect.
pub async fn assign(
    State(app): State<App>,
    Path((id, object_type)): Path<(String, String)>,
    ContractBody(ids): ContractBody<Vec<String>>,
) -> ApiResult<Response> {
    let op = app.contract.operation(
        "POST",
        "/api/v2/authorization/divisions/{divisionId}/objects/{objectType}",
    );
    let allowed = op.and_then(|o| o.path_params.iter().find(|p| p.name == "objectType"));
    if allowed.is_some_and(|p| !p.values.contains(&object_type)) {
        return Err(ApiError::bad_field(
            "objectType",
            format!("{object_type} is not an object type"),
        ));
    }
    let mut org = app.org();
    if !org.divisions.contains(&id) {
        return Err(ApiError::not_found(format!("division {id} not found")));
    }
    for (i, object_id) in ids.iter().enumerate() {
        let known = match object_type.as_str() {
            "USER" => live_user(&org, object_id).is_ok(),
            "QUEUE" => org.queues.contains(object_id),
            _ => true,
        };
        if !known {
            return Err(ApiError::bad_field(
                &format!("[{i}]"),
                format!("{object_id} is not a {object_type}"),
            ));
        }
    }
    for object_id in &ids {
        match object_type.as_str() {
            "USER" => {
                if let Some(user) = org.users.get_mut(object_id) {
                    user.division_id = id.clone();
                }
            }
            "QUEUE" => {
                if let Some(queue) = org.queues.get_mut(object_id) {
                    queue.division_id = id.clone();
                }
            }
            _ => {}
        }
    }
    no_content()
}
