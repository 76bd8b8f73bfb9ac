//! Small helpers shared by the API handlers: lookups that answer 404, JSON responses and
//! sort orders.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::state::Org;
use crate::state::entities::LifeState;
use crate::state::users::User;

/// A 200 JSON answer.
pub fn ok(value: Value) -> ApiResult<Response> {
    Ok(Json(value).into_response())
}

/// A 204 answer (operations whose contract declares no response body).
pub fn no_content() -> ApiResult<Response> {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A user that is not soft-deleted.
pub fn live_user<'a>(org: &'a Org, id: &str) -> ApiResult<&'a User> {
    org.users
        .get(id)
        .filter(|u| u.state != LifeState::Deleted)
        .ok_or_else(|| ApiError::not_found(format!("user {id} not found")))
}

/// A user that is not soft-deleted, mutably.
pub fn live_user_mut<'a>(org: &'a mut Org, id: &str) -> ApiResult<&'a mut User> {
    org.users
        .get_mut(id)
        .filter(|u| u.state != LifeState::Deleted)
        .ok_or_else(|| ApiError::not_found(format!("user {id} not found")))
}

/// Whether `sortOrder` asks for descending order.
pub fn descending(query: &QueryParams) -> bool {
    query
        .get("sortOrder")
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("desc"))
}

/// Sorts by a name key (case-insensitive, then id), honouring `sortOrder`.
pub fn sort_by_name<T>(items: &mut [T], query: &QueryParams, key: impl Fn(&T) -> (String, String)) {
    items.sort_by_key(|item| {
        let (name, id) = key(item);
        (name.to_lowercase(), id)
    });
    if descending(query) {
        items.reverse();
    }
}

/// The `expand` list.
pub fn expand(query: &QueryParams) -> Vec<String> {
    query.list("expand")
}

/// A division that exists, or 400 naming `field`.
pub fn known_division(org: &Org, id: &str, field: &str) -> ApiResult<String> {
    if org.divisions.contains(id) {
        Ok(id.to_owned())
    } else {
        Err(ApiError::bad_field(
            field,
            format!("division {id} does not exist"),
        ))
    }
}
