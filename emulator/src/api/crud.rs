//! The generic collection and per-id handlers for every [`Kind`]: list, get, create, replace
//! (PUT) and delete. `api::routes` mounts them per kind: [`collection`] and [`item`] for a kind
//! that exsync lists, creates, replaces and deletes, single handlers (`delete(delete::<Skill>)`)
//! for the others.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{MethodRouter, get as on_get, put as on_put};
use serde_json::{Value, json};

use super::common::{no_content, ok};
use super::kind::{Create, Filters, Kind, Listing, Replace, View, find};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::ApiResult;
use crate::extract::{ContractBody, ContractQuery};
use crate::listing::{Page, paged};
use crate::state::Org;

/// The collection `GET`.
pub async fn list<K: Kind>(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = match K::LISTING {
        Listing::Paged => Some(Page::from_query(&query, 500)?),
        Listing::Whole => None,
    };
    let filters = Filters::new(&query);
    let org = app.org();
    let mut items: Vec<&K> = K::table(&org)
        .values()
        .filter(|i| i.visible() && i.listed(&filters))
        .collect();
    K::sort(&mut items, &query);
    let view = View::new(app.contract, &org, &query);
    let rendered: Vec<Value> = items.iter().map(|i| i.render(&view)).collect();
    ok(match page {
        Some(page) => paged(K::PATH, &query, page, &rendered),
        None => json!({"total": rendered.len(), "entities": rendered, "selfUri": K::PATH}),
    })
}

/// The per-id `GET` (its operation has no query parameters that matter).
pub async fn get<K: Kind>(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let org = app.org();
    let query = QueryParams::default();
    ok(find::<K>(&org, &id)?.render(&View::new(app.contract, &org, &query)))
}

/// Keeps `item` (new or changed) and answers with it.
///
/// # Errors
/// None; the result is the handler's.
pub fn store<K: Kind>(app: &App, org: &mut Org, item: K) -> ApiResult<Response> {
    let rendered = item.render(&View::new(app.contract, org, &QueryParams::default()));
    K::table_mut(org).insert(item);
    ok(rendered)
}

/// The collection `POST`.
pub async fn create<K: Create>(
    State(app): State<App>,
    ContractBody(body): ContractBody<K::Body>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let item = K::create(&org, body)?;
    store(&app, &mut org, item)
}

/// The per-id `PUT`.
pub async fn replace<K: Replace>(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<K::Body>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let current = find::<K>(&org, &id)?.clone();
    current.check_write()?;
    let item = K::replace(&org, current, body)?;
    store(&app, &mut org, item)
}

/// The per-id `DELETE`.
pub async fn delete<K: Kind>(
    State(app): State<App>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut org = app.org();
    find::<K>(&org, &id)?.check_delete(&org)?;
    K::remove(&mut org, &id);
    no_content()
}

/// `GET` (list) and `POST` on the collection path.
pub fn collection<K: Create>() -> MethodRouter<App> {
    on_get(list::<K>).post(create::<K>)
}

/// `PUT` and `DELETE` on the per-id path.
pub fn item<K: Replace>() -> MethodRouter<App> {
    on_put(replace::<K>).delete(delete::<K>)
}
