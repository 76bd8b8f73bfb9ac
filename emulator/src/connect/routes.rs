//! The fake's routes: each request is logged, maybe throttled, checked against the operation's
//! row of the table in [`super::operations`], then answered from the instance a page at a time.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::bodies;
use super::operations::Operation;
use super::paging::{PageToken, page};
use super::server::{ConnectRequest, Fake, ThrottleKind, lock};

type Shared = Arc<Fake>;

pub(crate) fn router(fake: Shared) -> Router {
    Router::new()
        .route("/users-summary/{instance}", get(list_users))
        .route("/users/{instance}/{user}", get(describe_user))
        .route(
            "/users/{instance}/{user}/proficiencies",
            get(list_proficiencies),
        )
        .route("/queues-summary/{instance}", get(list_queues))
        .route("/routing-profiles-summary/{instance}", get(list_profiles))
        .route(
            "/routing-profiles/{instance}/{profile}/queues",
            get(list_profile_queues),
        )
        .route("/agent-status/{instance}", get(list_statuses))
        .route(
            "/user-hierarchy-groups-summary/{instance}",
            get(list_groups),
        )
        .route(
            "/user-hierarchy-groups/{instance}/{group}",
            get(describe_group),
        )
        .fallback(|| async {
            error(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                "no such operation",
            )
        })
        .with_state(fake)
}

/// A Connect error: the status, `x-amzn-ErrorType` (none for a bare 429) and `{"Message"}`.
pub(crate) fn error(status: StatusCode, kind: &str, message: &str) -> Response {
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

fn not_found(message: &str) -> Box<Response> {
    Box::new(error(
        StatusCode::NOT_FOUND,
        "ResourceNotFoundException",
        message,
    ))
}

/// A checked request: its query's filter values and paging.
pub(crate) struct Request {
    pub(crate) filters: Vec<String>,
    pub(crate) max_results: usize,
    pub(crate) token: Option<PageToken>,
}

/// Logs, throttles and checks a request; `Err` is the answer to send instead.
fn admit(
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

/// The page of `items` the request asks for, under `member`, with `NextToken` when more follow.
fn listed(
    op: Operation,
    request: &Request,
    member: &str,
    items: Vec<Value>,
    extra: Value,
) -> Response {
    let (items, next) = page(op, items, request.max_results, request.token.as_ref());
    let mut body = json!({ member: items });
    if let (Some(body), Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
        if let Some(next) = next {
            body.insert("NextToken".into(), Value::String(next));
        }
    }
    axum::Json(body).into_response()
}

async fn list_users(
    State(fake): State<Shared>,
    Path(instance): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListUsers;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let items = bodies::user_summaries(&lock(&fake.instance));
    listed(op, &request, "UserSummaryList", items, json!({}))
}

async fn describe_user(
    State(fake): State<Shared>,
    Path((instance, user)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = admit(
        &fake,
        Operation::DescribeUser,
        &headers,
        query.as_deref(),
        &instance,
    ) {
        return *response;
    }
    match bodies::user(&lock(&fake.instance), &user) {
        Some(body) => axum::Json(json!({"User": body})).into_response(),
        None => *not_found(&format!("user {user} not found")),
    }
}

async fn list_proficiencies(
    State(fake): State<Shared>,
    Path((instance, user)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListUserProficiencies;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let Some(items) = bodies::proficiencies(&lock(&fake.instance), &user) else {
        return *not_found(&format!("user {user} not found"));
    };
    listed(
        op,
        &request,
        "UserProficiencyList",
        items,
        bodies::modified(),
    )
}

async fn list_queues(
    State(fake): State<Shared>,
    Path(instance): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListQueues;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let items = bodies::queues(&lock(&fake.instance), &request.filters);
    listed(op, &request, "QueueSummaryList", items, json!({}))
}

async fn list_profiles(
    State(fake): State<Shared>,
    Path(instance): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListRoutingProfiles;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let items = bodies::profiles(&lock(&fake.instance));
    listed(op, &request, "RoutingProfileSummaryList", items, json!({}))
}

async fn list_profile_queues(
    State(fake): State<Shared>,
    Path((instance, profile)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListRoutingProfileQueues;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let Some(items) = bodies::profile_queues(&lock(&fake.instance), &profile) else {
        return *not_found(&format!("routing profile {profile} not found"));
    };
    listed(
        op,
        &request,
        "RoutingProfileQueueConfigSummaryList",
        items,
        bodies::modified(),
    )
}

async fn list_statuses(
    State(fake): State<Shared>,
    Path(instance): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListAgentStatuses;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let items = bodies::statuses(&lock(&fake.instance), &request.filters);
    listed(op, &request, "AgentStatusSummaryList", items, json!({}))
}

async fn list_groups(
    State(fake): State<Shared>,
    Path(instance): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let op = Operation::ListUserHierarchyGroups;
    let request = match admit(&fake, op, &headers, query.as_deref(), &instance) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let items = bodies::group_summaries(&lock(&fake.instance));
    listed(
        op,
        &request,
        "UserHierarchyGroupSummaryList",
        items,
        json!({}),
    )
}

async fn describe_group(
    State(fake): State<Shared>,
    Path((instance, group)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = admit(
        &fake,
        Operation::DescribeUserHierarchyGroup,
        &headers,
        query.as_deref(),
        &instance,
    ) {
        return *response;
    }
    match bodies::group(&lock(&fake.instance), &group) {
        Some(body) => axum::Json(json!({"HierarchyGroup": body})).into_response(),
        None => *not_found(&format!("hierarchy group {group} not found")),
    }
}
