//! The gate every request of the fake passes: it is logged, throttled when the configuration says
//! so, and checked (SigV4 `Authorization`, the operation's query parameters, `maxResults`, the
//! page token, the instance) before a route answers it.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::operations::Operation;
use super::paging::PageToken;
use super::state::{ConnectRequest, Fake, ThrottleKind, lock};

/// A Connect error: the status, `x-amzn-ErrorType` (none for a bare 429) and `{"Message"}`.
pub(super) fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let mut response = (status, axum::Json(json!({"Message": message}))).into_response();
    if !kind.is_empty()
        && let Ok(value) = HeaderValue::from_str(kind)
    {
        response.headers_mut().insert("x-amzn-ErrorType", value);
    }
    response
}

fn invalid(message: &str) -> Box<Response> {
    Box::new(error(
        StatusCode::BAD_REQUEST,
        "InvalidParameterException",
        message,
    ))
}

pub(super) fn not_found(message: &str) -> Box<Response> {
    Box::new(error(
        StatusCode::NOT_FOUND,
        "ResourceNotFoundException",
        message,
    ))
}

/// A checked request: its query's filter values and paging.
pub(super) struct Request {
    pub(crate) filters: Vec<String>,
    pub(crate) max_results: usize,
    pub(crate) token: Option<PageToken>,
}

/// Logs, throttles and checks a request; `Err` is the answer to send instead.
pub(super) fn admit(
    fake: &Fake,
    op: Operation,
    headers: &HeaderMap,
    query: Option<&str>,
    instance: &str,
) -> Result<Request, Box<Response>> {
    let query = query.unwrap_or_default();
    let config = *lock(&fake.config);
    let nth = {
        let mut seen = lock(&fake.seen);
        let count = seen.entry(op).or_insert(0);
        *count = count.saturating_add(1);
        *count
    };
    let throttled = config
        .throttle
        .every
        .is_some_and(|every| every > 0 && nth.is_multiple_of(every));
    let outcome = if throttled {
        let kind = match config.throttle.kind {
            ThrottleKind::ThrottlingException => "ThrottlingException",
            ThrottleKind::TooManyRequestsException => "TooManyRequestsException",
            ThrottleKind::Bare => "",
        };
        Err(Box::new(error(
            StatusCode::TOO_MANY_REQUESTS,
            kind,
            "rate exceeded",
        )))
    } else {
        check(fake, op, headers, query, instance, config.page_limit)
    };
    let status = match &outcome {
        Ok(_) => 200,
        Err(response) => response.status().as_u16(),
    };
    lock(&fake.log).push(ConnectRequest {
        operation: op,
        status,
        query: query.to_owned(),
    });
    outcome
}

fn check(
    fake: &Fake,
    op: Operation,
    headers: &HeaderMap,
    query: &str,
    instance: &str,
    page_limit: Option<usize>,
) -> Result<Request, Box<Response>> {
    let signed = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("AWS4-HMAC-SHA256 "));
    if !signed {
        return Err(Box::new(error(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            "the request is not signed with SigV4",
        )));
    }
    let mut request = Request {
        filters: Vec::new(),
        max_results: 100,
        token: None,
    };
    let mut seen = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if !op.query_parameters().contains(&name.as_ref()) {
            return Err(invalid(&format!(
                "{} does not take the query parameter {name}",
                op.name()
            )));
        }
        if let Some(allowed) = Operation::filter_values(&name) {
            if !allowed.contains(&value.as_ref()) {
                return Err(invalid(&format!(
                    "{name}: `{value}` is not one of {allowed:?}"
                )));
            }
            request.filters.push(value.into_owned());
            continue;
        }
        if seen.contains(&name) {
            return Err(invalid(&format!("{name} is given twice")));
        }
        seen.push(name.clone());
        match name.as_ref() {
            "maxResults" => {
                let max = op.max_results().unwrap_or(0);
                request.max_results = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| {
                        invalid(&format!(
                            "maxResults must be from 1 to {max}, not `{value}`"
                        ))
                    })?;
            }
            _ => {
                let token = PageToken::decode(&value, op)
                    .ok_or_else(|| invalid("nextToken is not a token this operation issued"))?;
                request.token = Some(token);
            }
        }
    }
    if let Some(limit) = page_limit {
        request.max_results = request.max_results.min(limit.max(1));
    }
    if lock(&fake.instance).id != instance {
        return Err(not_found(&format!("instance {instance} not found")));
    }
    Ok(request)
}
