//! Wrap-up codes: list (exact name with `*` wildcards, ids, divisions, sort by name or id),
//! get, create, update (PUT) and delete (which also unlinks the code from queues).

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{descending, known_division, no_content, ok};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::{fmt_time, new_id, now};
use crate::listing::{Page, name_glob, paged};
use crate::state::Org;
use crate::state::entities::WrapupCode;

/// A `WrapupCode`.
pub fn wrapup_json(org: &Org, code: &WrapupCode) -> Value {
    let mut out = json!({
        "id": code.id,
        "name": code.name,
        "division": {
            "id": code.division_id,
            "name": org.division_name(&code.division_id).unwrap_or_default(),
            "selfUri": format!("/api/v2/authorization/divisions/{}", code.division_id),
        },
        "dateCreated": fmt_time(&code.date_created),
        "dateModified": fmt_time(&code.date_modified),
        "selfUri": format!("/api/v2/routing/wrapupcodes/{}", code.id),
    });
    if let Some(description) = &code.description {
        out["description"] = json!(description);
    }
    out
}

/// `GET /api/v2/routing/wrapupcodes`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let ids = query.list("id");
    let divisions = query.list("divisionId");
    let org = app.org();
    let mut codes: Vec<&WrapupCode> = org
        .wrapup_codes
        .values()
        .filter(|c| query.get("name").is_none_or(|n| name_glob(n, &c.name)))
        .filter(|c| ids.is_empty() || ids.contains(&c.id))
        .filter(|c| divisions.is_empty() || divisions.contains(&c.division_id))
        .collect();
    if query.get("sortBy") == Some("id") {
        codes.sort_by(|a, b| a.id.cmp(&b.id));
    } else {
        codes.sort_by_key(|c| (c.name.to_lowercase(), c.id.clone()));
    }
    if descending(&query) {
        codes.reverse();
    }
    let rendered: Vec<Value> = codes.iter().map(|c| wrapup_json(&org, c)).collect();
    ok(paged(
        "/api/v2/routing/wrapupcodes",
        &query,
        page,
        &rendered,
    ))
}

fn code<'a>(org: &'a Org, id: &str) -> ApiResult<&'a WrapupCode> {
    org.wrapup_codes
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("wrap-up code {id} not found")))
}

/// `GET /api/v2/routing/wrapupcodes/{codeId}`.
pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    ok(wrapup_json(&org, code(&org, &id)?))
}

/// A division reference in a request.
#[derive(Debug, Deserialize)]
pub struct DivisionRef {
    #[serde(default)]
    id: Option<String>,
}

/// The `WrapupCodeRequest` body.
#[derive(Debug, Deserialize)]
pub struct WrapupBody {
    name: String,
    #[serde(default)]
    division: Option<DivisionRef>,
    #[serde(default)]
    description: Option<String>,
}

fn checked(org: &Org, body: &WrapupBody, except: &str) -> ApiResult<String> {
    if body.name.trim().is_empty() {
        return Err(ApiError::bad_field("name", "name must not be empty"));
    }
    if org
        .wrapup_codes
        .values()
        .any(|c| c.id != except && c.name.eq_ignore_ascii_case(&body.name))
    {
        return Err(ApiError::conflict(format!(
            "a wrap-up code named {} already exists",
            body.name
        )));
    }
    match body.division.as_ref().and_then(|d| d.id.as_deref()) {
        Some(id) => known_division(org, id, "division.id"),
        None => Ok(org.home_division_id()),
    }
}

/// `POST /api/v2/routing/wrapupcodes`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<WrapupBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let division_id = checked(&org, &body, "")?;
    let code = WrapupCode {
        id: new_id(),
        name: body.name,
        division_id,
        description: body.description,
        date_created: now(),
        date_modified: now(),
    };
    let rendered = wrapup_json(&org, &code);
    org.wrapup_codes.insert(code);
    ok(rendered)
}

/// `PUT /api/v2/routing/wrapupcodes/{codeId}`.
pub async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<WrapupBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let mut updated = code(&org, &id)?.clone();
    updated.division_id = checked(&org, &body, &id)?;
    updated.name = body.name;
    updated.description = body.description;
    updated.date_modified = now();
    let rendered = wrapup_json(&org, &updated);
    org.wrapup_codes.insert(updated);
    ok(rendered)
}

/// `DELETE /api/v2/routing/wrapupcodes/{codeId}`.
pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    code(&org, &id)?;
    org.wrapup_codes.remove(&id);
    for queue in org.queues.values_mut() {
        queue.wrapup_code_ids.retain(|c| c != &id);
    }
    no_content()
}
