//! Queue membership and queue wrap-up codes: members listing (page size ≤ 100), add/remove up
//! to 100 users per call (`?delete=true` removes), and the queue's wrap-up codes.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, no_content, ok};
use super::render_users::routing_status_json;
use super::wrapup_codes::wrapup_json;
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::now;
use crate::listing::{Page, name_glob, name_starts_with, paged, paging_fields};
use crate::state::Org;
use crate::state::entities::{Queue, QueueMember};

/// Most members or codes per call.
pub const MAX_PER_CALL: usize = 100;

fn queue<'a>(org: &'a Org, id: &str) -> ApiResult<&'a Queue> {
    org.queues
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))
}

fn member_json(org: &Org, queue_id: &str, member: &QueueMember) -> Value {
    let user = org.users.get(&member.user_id);
    let name = user.map(|u| u.name.clone()).unwrap_or_default();
    let mut out = json!({
        "id": member.user_id,
        "name": name,
        "user": {"id": member.user_id, "name": name, "selfUri": format!("/api/v2/users/{}", member.user_id)},
        "ringNumber": 1,
        "joined": member.joined,
        "memberBy": "user",
        "selfUri": format!("/api/v2/routing/queues/{queue_id}/members/{}", member.user_id),
    });
    if let Some(user) = user {
        out["routingStatus"] = routing_status_json(user);
    }
    out
}

fn members_listing(org: &Org, queue: &Queue, query: &QueryParams, page: Page) -> Value {
    let joined = query.get("joined").map(|j| j.eq_ignore_ascii_case("true"));
    let mut members: Vec<Value> = queue
        .members
        .iter()
        .filter(|m| joined.is_none_or(|j| m.joined == j))
        .map(|m| member_json(org, &queue.id, m))
        .filter(|m| {
            query
                .get("name")
                .is_none_or(|n| name_starts_with(n, m["name"].as_str().unwrap_or_default()))
        })
        .collect();
    members.sort_by_key(|m| m["name"].as_str().unwrap_or_default().to_lowercase());
    let path = format!("/api/v2/routing/queues/{}/members", queue.id);
    let mut fields = paging_fields(&path, query, page, members.len());
    for unlisted in ["total", "pageCount", "lastUri"] {
        fields.remove(unlisted);
    }
    fields.insert("entities".into(), Value::Array(page.slice(&members)));
    Value::Object(fields)
}

/// `GET /api/v2/routing/queues/{queueId}/members`.
pub async fn list(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, MAX_PER_CALL)?;
    let org = app.org();
    ok(members_listing(&org, queue(&org, &id)?, &query, page))
}

/// One `WritableEntity` / `WrapUpCodeReference` / `QueueMember` item.
#[derive(Debug, Deserialize)]
pub struct IdItem {
    #[serde(default)]
    id: Option<String>,
}

fn ids(items: &[IdItem]) -> ApiResult<Vec<String>> {
    if items.len() > MAX_PER_CALL {
        return Err(ApiError::bad_field(
            "body",
            format!("at most {MAX_PER_CALL} entries per call"),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.id
                .clone()
                .ok_or_else(|| ApiError::bad_field(&format!("[{i}].id"), "id is required"))
        })
        .collect()
}

/// `POST /api/v2/routing/queues/{queueId}/members[?delete=true]`.
pub async fn add_or_remove(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractQuery(query): ContractQuery,
    ContractBody(items): ContractBody<Vec<IdItem>>,
) -> ApiResult<Response> {
    let user_ids = ids(&items)?;
    let remove = query.bool("delete", false);
    let mut org = app.org();
    queue(&org, &id)?;
    if !remove {
        for (i, user_id) in user_ids.iter().enumerate() {
            if live_user(&org, user_id).is_err() {
                return Err(ApiError::bad_field(
                    &format!("[{i}].id"),
                    format!("user {user_id} does not exist"),
                ));
            }
        }
    }
    let queue = org
        .queues
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))?;
    if remove {
        queue.members.retain(|m| !user_ids.contains(&m.user_id));
    } else {
        for user_id in user_ids {
            if !queue.members.iter().any(|m| m.user_id == user_id) {
                queue.members.push(QueueMember {
                    user_id,
                    joined: true,
                });
            }
        }
    }
    queue.date_modified = now();
    no_content()
}

/// `GET /api/v2/routing/queues/{queueId}/wrapupcodes`.
pub async fn list_codes(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let org = app.org();
    let mut codes: Vec<Value> = queue(&org, &id)?
        .wrapup_code_ids
        .iter()
        .filter_map(|c| org.wrapup_codes.get(c))
        .filter(|c| query.get("name").is_none_or(|n| name_glob(n, &c.name)))
        .map(|c| wrapup_json(&org, c))
        .collect();
    codes.sort_by_key(|c| c["name"].as_str().unwrap_or_default().to_lowercase());
    ok(paged(
        &format!("/api/v2/routing/queues/{id}/wrapupcodes"),
        &query,
        page,
        &codes,
    ))
}

/// `POST /api/v2/routing/queues/{queueId}/wrapupcodes`: links codes, answers them.
pub async fn add_codes(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(items): ContractBody<Vec<IdItem>>,
) -> ApiResult<Response> {
    let code_ids = ids(&items)?;
    let mut org = app.org();
    queue(&org, &id)?;
    for (i, code) in code_ids.iter().enumerate() {
        if !org.wrapup_codes.contains(code) {
            return Err(ApiError::bad_field(
                &format!("[{i}].id"),
                format!("wrap-up code {code} does not exist"),
            ));
        }
    }
    if let Some(queue) = org.queues.get_mut(&id) {
        for code in &code_ids {
            if !queue.wrapup_code_ids.contains(code) {
                queue.wrapup_code_ids.push(code.clone());
            }
        }
    }
    let added: Vec<Value> = code_ids
        .iter()
        .filter_map(|c| org.wrapup_codes.get(c))
        .map(|c| wrapup_json(&org, c))
        .collect();
    ok(Value::Array(added))
}

/// `DELETE /api/v2/routing/queues/{queueId}/wrapupcodes/{codeId}`.
pub async fn remove_code(
    State(app): State<App>,
    Path((id, code)): Path<(String, String)>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let queue = org
        .queues
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))?;
    let before = queue.wrapup_code_ids.len();
    queue.wrapup_code_ids.retain(|c| c != &code);
    if queue.wrapup_code_ids.len() == before {
        return Err(ApiError::not_found(format!(
            "wrap-up code {code} is not on queue {id}"
        )));
    }
    no_content()
}
