//! Extractors that hold every call to the contract: [`ContractBody`] parses and validates the
//! JSON body against the operation's body type (data-driven, found by method + route template),
//! [`RawBody`] only parses (event batches validate per event), [`ContractQuery`] checks typed
//! query parameters.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::app::App;
use crate::contract::query::{QueryParams, validate_query};
use crate::contract::{Mode, Operation};
use crate::error::ApiError;

/// A request body that conformed to the contract, deserialized into `T`.
#[derive(Debug)]
pub struct ContractBody<T>(pub T);

/// A request body parsed as JSON but not validated (the handler validates it in parts).
#[derive(Debug)]
pub struct RawBody(pub Value);

/// Query parameters, validated against the operation's declared types and values.
#[derive(Debug)]
pub struct ContractQuery(pub QueryParams);

fn operation(
    app: &App,
    method: &str,
    matched: Option<&MatchedPath>,
) -> Result<&'static Operation, ApiError> {
    let template = matched
        .map(MatchedPath::as_str)
        .ok_or_else(|| ApiError::internal("route has no matched path"))?;
    let contract: &'static crate::contract::Contract = app.contract;
    contract
        .operation(method, template)
        .ok_or_else(|| ApiError::internal(format!("no contract operation for {method} {template}")))
}

async fn read_json(request: Request, app: &App) -> Result<(Value, &'static Operation), ApiError> {
    let method = request.method().to_string();
    let op = operation(app, &method, request.extensions().get::<MatchedPath>())?;
    let bytes = Bytes::from_request(request, app)
        .await
        .map_err(|e| ApiError::bad_request(format!("unreadable request body: {e}")))?;
    let value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::bad_field("body", format!("the request body is not valid JSON: {e}"))
        })?
    };
    if value.is_null() && op.body.as_ref().is_some_and(|b| b.required) {
        return Err(ApiError::bad_field("body", "a request body is required"));
    }
    Ok((value, op))
}

impl<T: DeserializeOwned> FromRequest<App> for ContractBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, app: &App) -> Result<Self, Self::Rejection> {
        let (value, op) = read_json(request, app).await?;
        if let Some(spec) = &op.body
            && !value.is_null()
        {
            let violations = app.contract.validate(&spec.type_ref, &value, Mode::Request);
            if !violations.is_empty() {
                return Err(ApiError::from_violations(&violations));
            }
        }
        serde_json::from_value(value)
            .map(ContractBody)
            .map_err(|e| ApiError::bad_request(format!("the request body cannot be used: {e}")))
    }
}

impl FromRequest<App> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, app: &App) -> Result<Self, Self::Rejection> {
        read_json(request, app)
            .await
            .map(|(value, _)| RawBody(value))
    }
}

impl FromRequestParts<App> for ContractQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let op = operation(
            app,
            parts.method.as_str(),
            parts.extensions.get::<MatchedPath>(),
        )?;
        let query = QueryParams::parse(parts.uri.query());
        let violations = validate_query(op, &query);
        if violations.is_empty() {
            Ok(ContractQuery(query))
        } else {
            Err(ApiError::from_violations(&violations))
        }
    }
}
