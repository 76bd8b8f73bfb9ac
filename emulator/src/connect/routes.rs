//! The fake's routes: each request passes the gate (`admit.rs`: logged, maybe throttled, checked
//! against the operation's row of [`super::operations`]), then is answered from the instance a
//! page at a time.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use serde_json::{Value, json};

use super::admit::{Request, admit, error, not_found};
use super::bodies;
use super::operations::Operation;
use super::paging::page;
use super::state::{Fake, lock};

type Shared = Arc<Fake>;

pub(crate) fn router(fake: Shared) -> Router {
    Operation::ALL
        .into_iter()
        .fold(Router::new(), |router, op| {
            router.route(op.path(), serve(op))
        })
        .fallback(|| async {
            error(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                "no such operation",
            )
        })
        .with_state(fake)
}

/// The `GET` route of `op`: the gate, then [`answer`].
fn serve(op: Operation) -> MethodRouter<Shared> {
    get(
        move |State(fake): State<Shared>,
              Path(path): Path<HashMap<String, String>>,
              RawQuery(query): RawQuery,
              headers: HeaderMap| async move {
            let instance = path.get("InstanceId").map_or("", String::as_str);
            match admit(&fake, op, &headers, query.as_deref(), instance) {
                Ok(request) => answer(&fake, op, &request, &path),
                Err(response) => *response,
            }
        },
    )
}

/// `op`'s answer from the instance; `path` holds the labels of [`Operation::path`].
fn answer(
    fake: &Fake,
    op: Operation,
    request: &Request,
    path: &HashMap<String, String>,
) -> Response {
    let id = |name: &str| path.get(name).map_or("", String::as_str);
    let instance = lock(&fake.instance);
    let (member, items, extra) = match op {
        Operation::ListUsers => (
            "UserSummaryList",
            bodies::user_summaries(&instance),
            json!({}),
        ),
        Operation::DescribeUser => {
            let user = id("UserId");
            return match bodies::user(&instance, user) {
                Some(body) => axum::Json(json!({"User": body})).into_response(),
                None => *not_found(&format!("user {user} not found")),
            };
        }
        Operation::ListUserProficiencies => {
            let user = id("UserId");
            let Some(items) = bodies::proficiencies(&instance, user) else {
                return *not_found(&format!("user {user} not found"));
            };
            ("UserProficiencyList", items, bodies::modified())
        }
        Operation::ListQueues => (
            "QueueSummaryList",
            bodies::queues(&instance, &request.filters),
            json!({}),
        ),
        Operation::ListRoutingProfiles => (
            "RoutingProfileSummaryList",
            bodies::profiles(&instance),
            json!({}),
        ),
        Operation::ListRoutingProfileQueues => {
            let profile = id("RoutingProfileId");
            let Some(items) = bodies::profile_queues(&instance, profile) else {
                return *not_found(&format!("routing profile {profile} not found"));
            };
            (
                "RoutingProfileQueueConfigSummaryList",
                items,
                bodies::modified(),
            )
        }
        Operation::ListAgentStatuses => (
            "AgentStatusSummaryList",
            bodies::statuses(&instance, &request.filters),
            json!({}),
        ),
        Operation::ListUserHierarchyGroups => (
            "UserHierarchyGroupSummaryList",
            bodies::group_summaries(&instance),
            json!({}),
        ),
        Operation::DescribeUserHierarchyGroup => {
            let group = id("HierarchyGroupId");
            return match bodies::group(&instance, group) {
                Some(body) => axum::Json(json!({"HierarchyGroup": body})).into_response(),
                None => *not_found(&format!("hierarchy group {group} not found")),
            };
        }
    };
    listed(op, request, member, items, extra)
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
