//! Authorization divisions as a [`Kind`]: list (ignoring `sortOrder`), get (optionally with
//! object counts), create, update, delete (not the home division, not while it holds objects);
//! and the home division and moving objects (users, queues) into a division.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user, no_content, ok, sort_by_name};
use super::kind::{Create, Filters, Kind, Listing, Replace, View, find, non_blank, unique_name};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::new_id;
use crate::state::Org;
use crate::state::entities::{Division, LifeState};

fn object_counts(org: &Org, id: &str) -> BTreeMap<&'static str, usize> {
    let users = org
        .users
        .values()
        .filter(|u| u.division_id == id && u.state != LifeState::Deleted)
        .count();
    let queues = org.queues.values().filter(|q| q.division_id == id).count();
    let skills = org
        .skills
        .values()
        .filter(|s| s.division_id == id && s.state == LifeState::Active)
        .count();
    let codes = org
        .wrapup_codes
        .values()
        .filter(|c| c.division_id == id)
        .count();
    BTreeMap::from([
        ("USER", users),
        ("QUEUE", queues),
        ("SKILL", skills),
        ("WRAPUPCODE", codes),
    ])
}

impl Kind for Division {
    const NOUN: &'static str = "division";
    const PATH: &'static str = "/api/v2/authorization/divisions";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }

    fn render(&self, view: &View) -> Value {
        let mut out = json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "homeDivision": self.home_division,
            "selfUri": format!("/api/v2/authorization/divisions/{}", self.id),
        });
        if view.query.bool("objectCount", false) {
            out["objectCounts"] = json!(object_counts(view.org, &self.id));
        }
        out
    }

    fn listed(&self, filters: &Filters) -> bool {
        filters.id(&self.id) && filters.name_glob(&self.name)
    }
    /// By name, whatever `sortOrder` says.
    fn sort(items: &mut [&Self], _query: &QueryParams) {
        sort_by_name(items, &QueryParams::default(), |d| {
            (d.name.clone(), d.id.clone())
        });
    }

    fn check_delete(&self, org: &Org) -> ApiResult<()> {
        if self.home_division {
            return Err(ApiError::bad_request("the home division cannot be deleted"));
        }
        if object_counts(org, &self.id).values().any(|&n| n > 0) {
            return Err(ApiError::conflict(format!(
                "division {} still holds objects",
                self.id
            )));
        }
        Ok(())
    }
}

/// The `AuthzDivision` body.
#[derive(Debug, Deserialize)]
pub struct DivisionBody {
    #[serde(default)]
    name: Option<String>,
    description: String,
}

impl Create for Division {
    type Body = DivisionBody;

    fn create(org: &Org, body: DivisionBody) -> ApiResult<Self> {
        let fresh = Division {
            id: new_id(),
            ..Default::default()
        };
        Division::replace(org, fresh, body)
    }
}

impl Replace for Division {
    fn replace(org: &Org, mut current: Self, body: DivisionBody) -> ApiResult<Self> {
        let name = non_blank(body.name.as_deref(), "a division needs a name")?;
        unique_name::<Division>(org, &name, &current.id, |_| true)?;
        current.name = name;
        current.description = body.description;
        Ok(current)
    }
}

/// `GET /api/v2/authorization/divisions/home`.
pub async fn home(State(app): State<App>) -> ApiResult<Response> {
    let org = app.org();
    let home = org.home_division_id();
    let division = find::<Division>(&org, &home)
        .map_err(|_| ApiError::not_found("the org has no home division"))?;
    ok(division.render(&View::new(app.contract, &org, &QueryParams::default())))
}

/// `POST /api/v2/authorization/divisions/{divisionId}/objects/{objectType}`: users and queues
/// move; other object types are not modelled and are accepted without effect.
pub async fn assign(
    State(app): State<App>,
    Path((id, object_type)): Path<(String, String)>,
    ContractBody(ids): ContractBody<Vec<String>>,
) -> ApiResult<Response> {
    let op = app.contract.operation(
        "POST",
        "/api/v2/authorization/divisions/{divisionId}/objects/{objectType}",
    );
    let allowed = op.and_then(|o| o.path_params.iter().find(|p| p.name == "objectType"));
    if allowed.is_some_and(|p| !p.values.contains(&object_type)) {
        return Err(ApiError::bad_field(
            "objectType",
            format!("{object_type} is not an object type"),
        ));
    }
    let mut org = app.org();
    find::<Division>(&org, &id)?;
    for (i, object_id) in ids.iter().enumerate() {
        let known = match object_type.as_str() {
            "USER" => live_user(&org, object_id).is_ok(),
            "QUEUE" => org.queues.contains(object_id),
            _ => true,
        };
        if !known {
            return Err(ApiError::bad_field(
                &format!("[{i}]"),
                format!("{object_id} is not a {object_type}"),
            ));
        }
    }
    for object_id in &ids {
        match object_type.as_str() {
            "USER" => {
                if let Some(user) = org.users.get_mut(object_id) {
                    user.division_id = id.clone();
                }
            }
            "QUEUE" => {
                if let Some(queue) = org.queues.get_mut(object_id) {
                    queue.division_id = id.clone();
                }
            }
            _ => {}
        }
    }
    no_content()
}
