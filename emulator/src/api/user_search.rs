//! Other ways to find users: the cursor listing (`/users/query`), search (`POST /users/search`
//! with EXACT / STARTS_WITH / CONTAINS criteria; deleted users only when asked for by state) and
//! the SCIM listing with the filters exsync uses.

use axum::extract::State;
use axum::response::Response;
use base64::Engine;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{ok, sort_by_name};
use super::render_users::user_json;
use super::users::users_in_state;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::fmt_time;
use crate::state::entities::LifeState;
use crate::state::users::User;

fn cursor_offset(cursor: Option<&str>) -> ApiResult<usize> {
    let Some(cursor) = cursor else { return Ok(0) };
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.strip_prefix("offset:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::bad_field("cursor", "invalid cursor"))
}

/// `GET /api/v2/users/query`.
pub async fn query(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let size = query.int("pageSize", 25).clamp(1, 500) as usize;
    let offset = cursor_offset(query.get("cursor"))?;
    let org = app.org();
    let mut users = users_in_state(&org, query.get("state"));
    sort_by_name(&mut users, &query, |u| (u.name.clone(), u.id.clone()));
    let expand = query.list("expand");
    let page: Vec<Value> = users
        .iter()
        .skip(offset)
        .take(size)
        .map(|u| user_json(&org, u, &expand))
        .collect();
    let mut out =
        json!({"entities": page, "results": page.len(), "selfUri": "/api/v2/users/query"});
    if offset + size < users.len() {
        let cursor = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("offset:{}", offset + size));
        out["nextUri"] = json!(format!(
            "/api/v2/users/query?cursor={cursor}&pageSize={size}"
        ));
        out["cursor"] = json!(cursor);
    }
    ok(out)
}

/// A `UserSearchCriteria`.
#[derive(Debug, Deserialize)]
pub struct Criterion {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    values: Vec<String>,
}

/// The `UserSearchRequest` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchBody {
    #[serde(default)]
    query: Vec<Criterion>,
    #[serde(default)]
    page_size: Option<i64>,
    #[serde(default)]
    page_number: Option<i64>,
    #[serde(default)]
    expand: Vec<String>,
}

fn field_values(user: &User, field: &str) -> Vec<String> {
    match field {
        "id" => vec![user.id.clone()],
        "name" => vec![user.name.clone()],
        "email" | "username" => vec![user.email.clone()],
        "state" => vec![user.state.as_str().to_owned()],
        "department" | "title" => user
            .profile
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn matches(user: &User, c: &Criterion) -> ApiResult<bool> {
    let wanted: Vec<String> = c
        .value
        .iter()
        .cloned()
        .chain(c.values.iter().cloned())
        .collect();
    let test = |have: &str, want: &str| -> ApiResult<bool> {
        let (have, want) = (have.to_lowercase(), want.to_lowercase());
        Ok(match c.kind.as_str() {
            "EXACT" | "TERM" | "TERMS" => have == want,
            "STARTS_WITH" => have.starts_with(&want),
            "CONTAINS" => have.contains(&want),
            "MATCH_ALL" => true,
            other => {
                return Err(ApiError::bad_field(
                    "query.type",
                    format!("the emulator does not support {other} searches"),
                ));
            }
        })
    };
    for field in &c.fields {
        for have in field_values(user, field) {
            for want in &wanted {
                if test(&have, want)? {
                    return Ok(true);
                }
            }
        }
    }
    Ok(c.kind == "MATCH_ALL")
}

/// `POST /api/v2/users/search`.
pub async fn search(
    State(app): State<App>,
    ContractBody(body): ContractBody<SearchBody>,
) -> ApiResult<Response> {
    let size = body.page_size.unwrap_or(25).clamp(1, 100) as usize;
    let number = body.page_number.unwrap_or(1).max(1) as usize;
    let asks_state = body
        .query
        .iter()
        .any(|c| c.fields.iter().any(|f| f == "state"));
    let org = app.org();
    let mut hits = Vec::new();
    for user in org.users.values() {
        if !asks_state && user.state == LifeState::Deleted {
            continue;
        }
        let mut all = true;
        for criterion in &body.query {
            all &= matches(user, criterion)?;
        }
        if all {
            hits.push(user);
        }
    }
    hits.sort_by_key(|u| (u.name.to_lowercase(), u.id.clone()));
    let results: Vec<Value> = hits
        .iter()
        .skip((number - 1) * size)
        .take(size)
        .map(|u| user_json(&org, u, &body.expand))
        .collect();
    ok(json!({
        "total": hits.len(), "pageCount": hits.len().div_ceil(size), "pageSize": size, "pageNumber": number,
        "types": ["users"], "results": results,
    }))
}

fn scim_user(user: &User) -> Value {
    let scim_id = user
        .external_ids
        .iter()
        .find(|e| e.authority_name == "x-pc:scimv2:v1")
        .map(|e| e.external_key.clone());
    let mut out = json!({
        "id": user.id,
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "active": user.state == LifeState::Active,
        "userName": user.email,
        "displayName": user.name,
        "emails": [{"value": user.email, "type": "work", "primary": true}],
        "urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User": {
            "externalIds": user.external_ids.iter().map(|e| json!({"authority": e.authority_name, "value": e.external_key})).collect::<Vec<_>>(),
        },
        "meta": {"resourceType": "User", "lastModified": fmt_time(&user.date_created),
                 "location": format!("/api/v2/scim/v2/users/{}", user.id), "version": user.version.to_string()},
    });
    if let Some(id) = scim_id {
        out["externalId"] = json!(id);
    }
    if let Some(title) = user.profile.get("title") {
        out["title"] = title.clone();
    }
    out
}

fn quoted(text: &str) -> Option<String> {
    let start = text.find('"')?;
    let end = text[start + 1..].find('"')? + start + 1;
    Some(text[start + 1..end].to_owned())
}

fn scim_match(user: &User, filter: &str) -> ApiResult<bool> {
    let lower = filter.to_lowercase();
    if lower.contains("externalids[") {
        let inner = &filter[filter.find('[').unwrap_or(0)..];
        let authority = inner.split(" and ").next().and_then(quoted);
        let value = inner.split(" and ").nth(1).and_then(quoted);
        return Ok(user.external_ids.iter().any(|e| {
            Some(&e.authority_name) == authority.as_ref() && Some(&e.external_key) == value.as_ref()
        }));
    }
    if lower.starts_with("active eq") {
        return Ok((user.state == LifeState::Active) == lower.ends_with("true"));
    }
    let value =
        quoted(filter).ok_or_else(|| ApiError::bad_field("filter", "unsupported filter"))?;
    Ok(match lower.split_whitespace().next().unwrap_or_default() {
        "externalid" => user
            .external_ids
            .iter()
            .any(|e| e.authority_name == "x-pc:scimv2:v1" && e.external_key == value),
        "username" | "email" | "emails.value" => user.has_email(&value),
        "id" => user.id == value,
        "employeenumber" => {
            user.profile
                .get("employerInfo")
                .and_then(|e| e.get("employeeId"))
                .and_then(Value::as_str)
                == Some(value.as_str())
        }
        _ => {
            return Err(ApiError::bad_field(
                "filter",
                format!("the emulator does not support the filter {filter}"),
            ));
        }
    })
}

/// `GET /api/v2/scim/v2/users`.
pub async fn scim(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let start = query.int("startIndex", 1).max(1) as usize;
    let count = query.int("count", 25).clamp(0, 100) as usize;
    let org = app.org();
    let mut hits = Vec::new();
    for user in org.users.values().filter(|u| u.state != LifeState::Deleted) {
        if query
            .get("filter")
            .map(|f| scim_match(user, f))
            .transpose()?
            .unwrap_or(true)
        {
            hits.push(user);
        }
    }
    hits.sort_by_key(|u| (u.name.to_lowercase(), u.id.clone()));
    let resources: Vec<Value> = hits
        .iter()
        .skip(start - 1)
        .take(count)
        .map(|u| scim_user(u))
        .collect();
    ok(json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": hits.len(), "startIndex": start, "itemsPerPage": resources.len(), "Resources": resources,
    }))
}
