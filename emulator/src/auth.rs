//! OAuth client credentials (`POST /oauth/token`, HTTP Basic + `grant_type=client_credentials`;
//! the configured client or one of its extra clients; a new token per request) and the bearer
//! check every `/api/v2/*` call passes, counted per token, including the per-token rate limit.

use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;

use crate::app::{App, lock};
use crate::contract::query::QueryParams;
use crate::error::ApiError;
use crate::tokens::TokenCheck;

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "description": description, "error_description": description})),
    )
        .into_response()
}

/// `POST /oauth/token`.
pub async fn token(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    let Some((id, secret)) = basic_credentials(&headers) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client credentials are required as HTTP Basic authorization",
        );
    };
    if !app.config.accepts(&id, &secret) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client not found",
        );
    }
    let form = QueryParams::parse(Some(&body));
    if form.get("grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let ttl = lock(&app.faults)
        .faults
        .token_ttl_secs
        .unwrap_or(app.config.token_ttl_secs);
    let access_token = lock(&app.tokens).issue(&id, Duration::from_secs(ttl));
    Json(json!({"access_token": access_token, "token_type": "bearer", "expires_in": ttl}))
        .into_response()
}

/// Middleware on `/api/v2/*`: a valid, unexpired bearer token within its rate limit.
pub async fn require_bearer(State(app): State<App>, request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_owned());
    let Some(token) = token else {
        return ApiError::unauthorized(
            "authentication.required",
            "No authentication bearer token specified in authorization header.",
        )
        .into_response();
    };
    let check = lock(&app.tokens).check(&token);
    match check {
        TokenCheck::Valid => lock(&app.tokens).count_call(&token),
        TokenCheck::Expired => {
            return ApiError::unauthorized(
                "bad.credentials",
                "Invalid login credentials: the token has expired.",
            )
            .into_response();
        }
        TokenCheck::Unknown => {
            return ApiError::unauthorized("bad.credentials", "Invalid login credentials.")
                .into_response();
        }
    }
    if let Err(retry_after) = lock(&app.faults).admit(&token, Instant::now()) {
        return ApiError::too_many_requests(retry_after).into_response();
    }
    next.run(request).await
}
