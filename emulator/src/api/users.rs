//! `/api/v2/users`: list (state filter, ids, paging), get, create (unique email including
//! soft-deleted users → 409 `general.conflict`), PATCH with optimistic `version` (stale → 409),
//! and soft delete.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::common::{expand, known_division, live_user, ok, sort_by_name};
use super::render_users::{PROFILE_KEYS, user_json};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::{new_id, now};
use crate::listing::{Page, paging_fields};
use crate::state::Org;
use crate::state::entities::LifeState;
use crate::state::users::User;

/// Largest `pageSize` accepted by user listings.
pub const MAX_USER_PAGE: usize = 500;

/// `GET /api/v2/users`: users in `state` (`active` by default; `any` = all), optionally by `id`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, MAX_USER_PAGE)?;
    let ids = query.list("id");
    let wanted = query.get("state").unwrap_or("active");
    let org = app.org();
    let mut users: Vec<&User> = org
        .users
        .values()
        .filter(|u| {
            wanted.eq_ignore_ascii_case("any") || u.state.as_str().eq_ignore_ascii_case(wanted)
        })
        .filter(|u| ids.is_empty() || ids.contains(&u.id))
        .collect();
    sort_by_name(&mut users, &query, |u| (u.name.clone(), u.id.clone()));
    let expand = expand(&query);
    let rendered: Vec<Value> = page
        .slice(&users)
        .into_iter()
        .map(|u| user_json(&org, u, &expand))
        .collect();
    let mut fields = paging_fields("/api/v2/users", &query, page, users.len());
    fields.insert("entities".into(), Value::Array(rendered));
    ok(Value::Object(fields))
}

/// `GET /api/v2/users/{userId}`.
pub async fn get(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let org = app.org();
    let wanted = query.get("state").unwrap_or("active");
    let user = org
        .users
        .get(&user_id)
        .filter(|u| (u.state == LifeState::Deleted) == (wanted == "deleted"))
        .ok_or_else(|| ApiError::not_found(format!("user {user_id} not found")))?;
    ok(user_json(&org, user, &expand(&query)))
}

/// The `CreateUser` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUserBody {
    name: String,
    email: String,
    division_id: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

fn check_email(email: &str) -> ApiResult<()> {
    let valid = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty());
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad_field(
            "email",
            format!("\"{email}\" is not a valid email address"),
        ))
    }
}

fn email_taken(org: &Org, email: &str, except: &str) -> bool {
    org.users
        .values()
        .any(|u| u.id != except && u.has_email(email))
}

/// `POST /api/v2/users`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<CreateUserBody>,
) -> ApiResult<Response> {
    if body.name.trim().is_empty() {
        return Err(ApiError::bad_field("name", "name must not be empty"));
    }
    check_email(&body.email)?;
    let mut org = app.org();
    let division_id = known_division(&org, &body.division_id, "divisionId")?;
    if email_taken(&org, &body.email, "") {
        return Err(ApiError::conflict(format!(
            "A user with the email address {} already exists",
            body.email
        )));
    }
    let state = body
        .state
        .as_deref()
        .and_then(LifeState::parse)
        .unwrap_or(LifeState::Active);
    let profile = body
        .rest
        .into_iter()
        .filter(|(k, v)| PROFILE_KEYS.contains(&k.as_str()) && !v.is_null())
        .collect();
    let user = User {
        id: new_id(),
        name: body.name,
        email: body.email,
        division_id,
        state,
        version: 1,
        profile,
        manager_id: None,
        external_ids: Vec::new(),
        skills: Vec::new(),
        languages: Vec::new(),
        presence_history: Vec::new(),
        routing_status_history: Vec::new(),
        date_created: now(),
    };
    let rendered = user_json(&org, &user, &[]);
    org.users.insert(user);
    ok(rendered)
}

/// The `UpdateUser` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUserBody {
    version: u64,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    manager: Option<String>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// `PATCH /api/v2/users/{userId}`: `version` must be current; when `state` is given it is the
/// only field changed (how a soft-deleted user is restored).
pub async fn patch(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(body): ContractBody<UpdateUserBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let current = org
        .users
        .get(&user_id)
        .ok_or_else(|| ApiError::not_found(format!("user {user_id} not found")))?;
    if current.version != body.version {
        return Err(ApiError::conflict(format!(
            "The version supplied ({}) does not match the current version of the user ({})",
            body.version, current.version
        )));
    }
    if current.state == LifeState::Deleted && body.state.is_none() {
        return Err(ApiError::not_found(format!("user {user_id} not found")));
    }
    if let Some(email) = &body.email {
        check_email(email)?;
        if email_taken(&org, email, &user_id) {
            return Err(ApiError::conflict(format!(
                "A user with the email address {email} already exists"
            )));
        }
    }
    if let Some(manager) = &body.manager
        && (manager == &user_id || live_user(&org, manager).is_err())
    {
        return Err(ApiError::bad_field(
            "manager",
            format!("manager {manager} is not a user"),
        ));
    }
    let user = org
        .users
        .get_mut(&user_id)
        .ok_or_else(|| ApiError::not_found(format!("user {user_id} not found")))?;
    match body.state.as_deref().and_then(LifeState::parse) {
        Some(state) => user.state = state,
        None => apply_profile(user, body),
    }
    user.version += 1;
    let user = user.clone();
    ok(user_json(&org, &user, &[]))
}

fn apply_profile(user: &mut User, body: UpdateUserBody) {
    if let Some(name) = body.name {
        user.name = name;
    }
    if let Some(email) = body.email {
        user.email = email;
    }
    if body.manager.is_some() {
        user.manager_id = body.manager;
    }
    for (key, value) in body.rest {
        if !PROFILE_KEYS.contains(&key.as_str()) {
            continue;
        }
        if value.is_null() {
            user.profile.remove(&key);
        } else {
            user.profile.insert(key, value);
        }
    }
}

/// `DELETE /api/v2/users/{userId}`: soft delete.
pub async fn delete(State(app): State<App>, Path(user_id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    let user = super::common::live_user_mut(&mut org, &user_id)?;
    user.state = LifeState::Deleted;
    user.version += 1;
    for queue in org.queues.values_mut() {
        queue.members.retain(|m| m.user_id != user_id);
    }
    ok(json!({}))
}
