//! External identifiers on users: find a user by `{authorityName}/{externalKey}` (exact,
//! case-sensitive; 404 when absent) and add (at most 100 per user; a pair held by another user is
//! a conflict).

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{expand, live_user, live_user_mut, ok};
use super::render_users::user_json;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::state::entities::LifeState;
use crate::state::users::{ExternalId, User};

/// Most external ids one user may hold.
pub const MAX_EXTERNAL_IDS: usize = 100;

fn rendered(user: &User) -> Value {
    let ids: Vec<Value> = user
        .external_ids
        .iter()
        .map(|e| {
            json!({
                "authorityName": e.authority_name,
                "externalKey": e.external_key,
                "selfUri": format!("/api/v2/users/{}/externalid/{}/{}", user.id, e.authority_name, e.external_key),
            })
        })
        .collect();
    Value::Array(ids)
}

/// `GET /api/v2/users/externalid/{authorityName}/{externalKey}`.
pub async fn find(
    State(app): State<App>,
    Path((authority, key)): Path<(String, String)>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let org = app.org();
    let wanted = ExternalId {
        authority_name: authority,
        external_key: key,
    };
    let user = org
        .users
        .values()
        .filter(|u| u.state != LifeState::Deleted)
        .find(|u| u.external_ids.contains(&wanted))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no user has external id {}/{}",
                wanted.authority_name, wanted.external_key
            ))
        })?;
    ok(user_json(&org, user, &expand(&query)))
}

/// The `UserExternalIdentifier` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalIdBody {
    authority_name: String,
    external_key: String,
}

/// `POST /api/v2/users/{userId}/externalid`.
pub async fn add(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(body): ContractBody<ExternalIdBody>,
) -> ApiResult<Response> {
    if body.authority_name.is_empty() {
        return Err(ApiError::bad_field(
            "authorityName",
            "authorityName must not be empty",
        ));
    }
    if body.external_key.is_empty() {
        return Err(ApiError::bad_field(
            "externalKey",
            "externalKey must not be empty",
        ));
    }
    let wanted = ExternalId {
        authority_name: body.authority_name,
        external_key: body.external_key,
    };
    let mut org = app.org();
    live_user(&org, &user_id)?;
    let holder = org.users.values().find(|u| {
        u.id != user_id && u.state != LifeState::Deleted && u.external_ids.contains(&wanted)
    });
    if let Some(other) = holder {
        return Err(ApiError::conflict(format!(
            "external id {}/{} already belongs to user {}",
            wanted.authority_name, wanted.external_key, other.id
        )));
    }
    let user = live_user_mut(&mut org, &user_id)?;
    if !user.external_ids.contains(&wanted) {
        if user.external_ids.len() >= MAX_EXTERNAL_IDS {
            return Err(ApiError::bad_request(format!(
                "a user holds at most {MAX_EXTERNAL_IDS} external ids"
            )));
        }
        user.external_ids.push(wanted);
    }
    ok(rendered(user))
}
