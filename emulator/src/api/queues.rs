//! Queues as a [`Kind`]: list (exact name with `*` wildcards, ids, divisions, paging), get, create,
//! full replace (PUT) and delete. Settings the client sends are kept verbatim and returned where
//! the `Queue` model has them (decided from the contract, not by hand).

use serde_json::{Map, Value, json};

use super::common::known_division;
use super::kind::{Create, Filters, Kind, Listing, Replace, View, non_blank, unique_name};
use super::render_users::division_ref;
use crate::contract::Contract;
use crate::error::ApiResult;
use crate::ids::{fmt_time, new_id, now};
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

impl Kind for Queue {
    const NOUN: &'static str = "queue";
    const PATH: &'static str = "/api/v2/routing/queues";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }
    fn render(&self, view: &View) -> Value {
        queue_json(view.contract, view.org, self)
    }
    fn listed(&self, filters: &Filters) -> bool {
        filters.name_glob(&self.name) && filters.id(&self.id) && filters.division(&self.division_id)
    }
}

impl Create for Queue {
    type Body = Map<String, Value>;

    fn create(org: &Org, body: Map<String, Value>) -> ApiResult<Self> {
        let fresh = Queue {
            id: new_id(),
            date_created: now(),
            ..Default::default()
        };
        Queue::replace(org, fresh, body)
    }
}

/// A full replace of the settings (members and wrap-up codes stay).
impl Replace for Queue {
    fn replace(org: &Org, mut current: Self, mut body: Map<String, Value>) -> ApiResult<Self> {
        let name = non_blank(
            body.get("name").and_then(Value::as_str),
            "a queue needs a name",
        )?;
        unique_name::<Queue>(org, &name, &current.id, |_| true)?;
        current.division_id = match body
            .get("division")
            .and_then(|d| d.get("id"))
            .and_then(Value::as_str)
        {
            Some(id) => known_division(org, id, "division.id")?,
            None => org.home_division_id(),
        };
        body.retain(|k, v| !COMPUTED.contains(&k.as_str()) && !v.is_null());
        current.name = name;
        current.settings = body;
        current.date_modified = now();
        Ok(current)
    }
}
