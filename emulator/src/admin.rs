//! The `/__admin/` API (no bearer needed): `requests` (GET the log, DELETE to clear), `tokens`
//! (GET each issued token's client and call count), `state` (GET the org), `faults` (GET,
//! PUT/POST to replace), `reset` (POST) and `seed` (POST a snapshot, merged by id).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use crate::app::App;
use crate::error::ApiError;
use crate::faults::Faults;

/// The admin routes, to nest under `/__admin`.
pub fn routes() -> Router<App> {
    Router::new()
        .route("/requests", get(requests).delete(clear_requests))
        .route("/tokens", get(tokens))
        .route("/state", get(state))
        .route("/faults", get(faults).put(set_faults).post(set_faults))
        .route("/reset", post(reset))
        .route("/seed", post(seed))
}

async fn requests(State(app): State<App>) -> Response {
    Json(app.requests()).into_response()
}

async fn clear_requests(State(app): State<App>) -> StatusCode {
    app.clear_requests();
    StatusCode::NO_CONTENT
}

async fn tokens(State(app): State<App>) -> Response {
    Json(app.token_usage()).into_response()
}

async fn state(State(app): State<App>) -> Json<Value> {
    Json(app.state_json())
}

async fn faults(State(app): State<App>) -> Json<Faults> {
    Json(app.faults())
}

async fn set_faults(State(app): State<App>, body: String) -> Response {
    match serde_json::from_str::<Faults>(&body) {
        Ok(faults) => {
            app.set_faults(faults);
            Json(app.faults()).into_response()
        }
        Err(e) => ApiError::bad_request(format!("invalid faults: {e}")).into_response(),
    }
}

async fn reset(State(app): State<App>) -> StatusCode {
    app.reset();
    StatusCode::NO_CONTENT
}

async fn seed(State(app): State<App>, body: String) -> Response {
    let parsed: Result<Value, _> = serde_json::from_str(&body);
    let outcome = parsed
        .map_err(|e| e.to_string())
        .and_then(|snapshot| app.seed(snapshot).map_err(|e| e.to_string()));
    match outcome {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(message) => ApiError::bad_request(message).into_response(),
    }
}
