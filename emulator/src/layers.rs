//! Middleware: the request log (every call but `/__admin` ones), injected faults (latency,
//! scripted and random failures; never on `/__admin`) and the response contract check (every 2xx
//! JSON body validated against the operation's response model).

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::app::{App, lock};
use crate::contract::Mode;
use crate::error::ApiError;
use crate::reqlog::{MAX_LOGGED_BODY, RequestLogEntry};

/// Middleware: applies the faults in force to this call.
pub async fn inject_faults(State(app): State<App>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/__admin") {
        return next.run(request).await;
    }
    let decision = lock(&app.faults).decide(request.method().as_str(), request.uri().path());
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    match decision.fail_status {
        Some(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut error = ApiError::new(status, "emulator.injected.fault", "injected fault");
            if status == StatusCode::TOO_MANY_REQUESTS {
                error = ApiError::too_many_requests(1);
            }
            error.into_response()
        }
        None => next.run(request).await,
    }
}

/// Middleware: validates successful JSON responses against the contract; a violation turns the
/// answer into a 500 naming the offending fields, so every test doubles as a contract test.
pub async fn check_response(State(app): State<App>, request: Request, next: Next) -> Response {
    if !app.config.check_responses {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let Some(template) = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
    else {
        return next.run(request).await;
    };
    let response = next.run(request).await;
    if !response.status().is_success() || response.status() == StatusCode::NO_CONTENT {
        return response;
    }
    let Some(op) = app.contract.operation(&method, &template) else {
        return response;
    };
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return ApiError::internal("response body unreadable").into_response();
    };
    let violations = match (&op.response, is_json) {
        (Some(type_ref), true) => match serde_json::from_slice(&bytes) {
            Ok(value) => app.contract.validate(type_ref, &value, Mode::Response),
            Err(_) => vec![crate::contract::Violation {
                field: String::new(),
                message: "response is not JSON".into(),
            }],
        },
        (None, _) if bytes.is_empty() => Vec::new(),
        (None, _) => vec![crate::contract::Violation {
            field: String::new(),
            message: "the contract declares no response body".into(),
        }],
        (Some(_), false) => vec![crate::contract::Violation {
            field: String::new(),
            message: "response is not JSON".into(),
        }],
    };
    if violations.is_empty() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    tracing::error!(%method, path = %template, ?violations, "emulator response breaks the contract");
    let mut error = ApiError::from_violations(&violations);
    error.status = StatusCode::INTERNAL_SERVER_ERROR;
    error.code = "emulator.response.contract.violation".into();
    error.into_response()
}

fn body_value(bytes: &[u8]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    serde_json::from_slice(bytes)
        .ok()
        .or_else(|| Some(Value::String(String::from_utf8_lossy(bytes).into_owned())))
}

/// Middleware: buffers the body (except uploads), runs the request, logs the outcome.
pub async fn log_requests(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/__admin") {
        return next.run(request).await;
    }
    let method = request.method().to_string();
    let query = request.uri().query().map(str::to_owned);
    let (body, response) = if path.starts_with("/__uploads") {
        (None, next.run(request).await)
    } else {
        let (parts, body) = request.into_parts();
        match to_bytes(body, MAX_LOGGED_BODY).await {
            Ok(bytes) => {
                let logged = body_value(&bytes);
                let request = Request::from_parts(parts, Body::from(bytes));
                (logged, next.run(request).await)
            }
            Err(_) => {
                let status = StatusCode::PAYLOAD_TOO_LARGE;
                let error =
                    ApiError::new(status, "payload.too.large", "the request body is too large");
                (None, error.into_response())
            }
        }
    };
    let status = response.status().as_u16();
    lock(&app.log).push(RequestLogEntry {
        method,
        path,
        query,
        body,
        status,
    });
    response
}
