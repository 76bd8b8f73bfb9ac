//! A user's presence per source and routing status through the resource APIs (not events):
//! `GET /users/{id}/presences/{sourceId}` and `GET /users/{id}/routingstatus` (UPPER_SNAKE
//! spellings).

use axum::extract::{Path, State};
use axum::response::Response;

use super::common::{live_user, ok};
use super::render_users::{presence_json, routing_status_json};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::state::Org;
use crate::state::presence::NATIVE_SOURCE_ID;

fn known_source(org: &Org, source_id: &str) -> ApiResult<()> {
    if source_id == NATIVE_SOURCE_ID || org.presence_sources.contains(source_id) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "presence source {source_id} not found"
        )))
    }
}

/// `GET /api/v2/users/{userId}/presences/{sourceId}`.
pub async fn get(
    State(app): State<App>,
    Path((user_id, source_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let org = app.org();
    known_source(&org, &source_id)?;
    ok(presence_json(&org, live_user(&org, &user_id)?, &source_id))
}

/// `GET /api/v2/users/{userId}/routingstatus`.
pub async fn get_routing_status(
    State(app): State<App>,
    Path(user_id): Path<String>,
) -> ApiResult<Response> {
    let org = app.org();
    ok(routing_status_json(live_user(&org, &user_id)?))
}
