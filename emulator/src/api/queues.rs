//! Queues: list (exact name with `*` wildcards, ids, divisions, paging), get, create, full
//! replace (PUT) and delete. Settings the client sends are kept verbatim and returned where the
//! `Queue` model has them (decided from the contract, not by hand).

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::common::{known_division, no_content, ok, sort_by_name};
use super::render_users::division_ref;
use crate::app::App;
use crate::contract::Contract;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::{fmt_time, new_id, now};
use crate::listing::{Page, name_glob, paged};
use crate::state::Org;
use crate::state::entities::Queue;

/// Fields the server computes; never taken from a request.
const COMPUTED: [&str; 11] = [
    "id",
    "name",
    "division",
    "dateCreated",
    "dateModified",
    "modifiedBy",
    "createdBy",
    "memberCount",
    "userMemberCount",
    "joinedMemberCount",
    "selfUri",
];

/// A `Queue`.
pub fn queue_json(contract: &Contract, org: &Org, queue: &Queue) -> Value {
    let mut out = Map::new();
    if let Some(model) = contract.model("Queue") {
        for (key, value) in &queue.settings {
            if model.fields.contains_key(key) {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    let joined = queue.members.iter().filter(|m| m.joined).count();
    out.insert("id".into(), json!(queue.id));
    out.insert("name".into(), json!(queue.name));
    out.insert("division".into(), division_ref(org, &queue.division_id));
    out.insert("dateCreated".into(), json!(fmt_time(&queue.date_created)));
    out.insert("dateModified".into(), json!(fmt_time(&queue.date_modified)));
    out.insert("memberCount".into(), json!(queue.members.len()));
    out.insert("userMemberCount".into(), json!(queue.members.len()));
    out.insert("joinedMemberCount".into(), json!(joined));
    out.insert(
        "selfUri".into(),
        json!(format!("/api/v2/routing/queues/{}", queue.id)),
    );
    Value::Object(out)
}

/// `GET /api/v2/routing/queues`.
pub async fn list(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let ids = query.list("id");
    let divisions = query.list("divisionId");
    let org = app.org();
    let mut queues: Vec<&Queue> = org
        .queues
        .values()
        .filter(|q| query.get("name").is_none_or(|n| name_glob(n, &q.name)))
        .filter(|q| ids.is_empty() || ids.contains(&q.id))
        .filter(|q| divisions.is_empty() || divisions.contains(&q.division_id))
        .collect();
    sort_by_name(&mut queues, &query, |q| (q.name.clone(), q.id.clone()));
    let rendered: Vec<Value> = queues
        .iter()
        .map(|q| queue_json(app.contract, &org, q))
        .collect();
    ok(paged("/api/v2/routing/queues", &query, page, &rendered))
}

/// `GET /api/v2/routing/queues/{queueId}`.
pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    let queue = org
        .queues
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))?;
    ok(queue_json(app.contract, &org, queue))
}

struct QueueFields {
    name: String,
    division_id: String,
    settings: Map<String, Value>,
}

fn read_body(org: &Org, mut body: Map<String, Value>, except: &str) -> ApiResult<QueueFields> {
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_field("name", "a queue needs a name"))?;
    if org
        .queues
        .values()
        .any(|q| q.id != except && q.name.eq_ignore_ascii_case(&name))
    {
        return Err(ApiError::conflict(format!(
            "a queue named {name} already exists"
        )));
    }
    let division_id = match body
        .get("division")
        .and_then(|d| d.get("id"))
        .and_then(Value::as_str)
    {
        Some(id) => known_division(org, id, "division.id")?,
        None => org.home_division_id(),
    };
    body.retain(|k, v| !COMPUTED.contains(&k.as_str()) && !v.is_null());
    Ok(QueueFields {
        name,
        division_id,
        settings: body,
    })
}

/// `POST /api/v2/routing/queues`.
pub async fn create(
    State(app): State<App>,
    ContractBody(body): ContractBody<Map<String, Value>>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let fields = read_body(&org, body, "")?;
    let queue = Queue {
        id: new_id(),
        name: fields.name,
        division_id: fields.division_id,
        settings: fields.settings,
        members: Vec::new(),
        wrapup_code_ids: Vec::new(),
        date_created: now(),
        date_modified: now(),
    };
    let rendered = queue_json(app.contract, &org, &queue);
    org.queues.insert(queue);
    ok(rendered)
}

/// `PUT /api/v2/routing/queues/{queueId}`: full replace of the settings (members stay).
pub async fn update(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<Map<String, Value>>,
) -> ApiResult<Response> {
    let mut org = app.org();
    if !org.queues.contains(&id) {
        return Err(ApiError::not_found(format!("queue {id} not found")));
    }
    let fields = read_body(&org, body, &id)?;
    let queue = org
        .queues
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))?;
    queue.name = fields.name;
    queue.division_id = fields.division_id;
    queue.settings = fields.settings;
    queue.date_modified = now();
    let queue = queue.clone();
    ok(queue_json(app.contract, &org, &queue))
}

/// `DELETE /api/v2/routing/queues/{queueId}`.
pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    org.queues
        .remove(&id)
        .ok_or_else(|| ApiError::not_found(format!("queue {id} not found")))?;
    no_content()
}
