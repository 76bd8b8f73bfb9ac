//! The fake's routes: each request passes the gate (`admit.rs`: logged, maybe throttled, checked
//! against the operation's row of [`super::operations`]), then is answered from the instance a
//! page at a time.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::admit::{Request, admit, error, not_found};
use super::bodies;
use super::operations::Operation;
use super::paging::page;
use super::state::{Fake, lock};

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
