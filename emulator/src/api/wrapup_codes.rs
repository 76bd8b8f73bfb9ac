//! Wrap-up codes as a [`Kind`]: list (exact name with `*` wildcards, ids, divisions, sort by name
//! or id), get, create, update (PUT) and delete (which also unlinks the code from queues).

use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{descending, known_division};
use super::kind::{Create, Filters, Kind, Listing, Replace, View, non_blank, unique_name};
use super::render_users::division_ref;
use crate::contract::query::QueryParams;
use crate::error::ApiResult;
use crate::ids::{fmt_time, new_id, now};
use crate::state::Org;
use crate::state::entities::WrapupCode;

/// A `WrapupCode`.
pub fn wrapup_json(org: &Org, code: &WrapupCode) -> Value {
    let mut out = json!({
        "id": code.id,
        "name": code.name,
        "division": division_ref(org, &code.division_id),
        "dateCreated": fmt_time(&code.date_created),
        "dateModified": fmt_time(&code.date_modified),
        "selfUri": format!("/api/v2/routing/wrapupcodes/{}", code.id),
    });
    if let Some(description) = &code.description {
        out["description"] = json!(description);
    }
    out
}

impl Kind for WrapupCode {
    const NOUN: &'static str = "wrap-up code";
    const PATH: &'static str = "/api/v2/routing/wrapupcodes";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }
    fn render(&self, view: &View) -> Value {
        wrapup_json(view.org, self)
    }

    fn listed(&self, filters: &Filters) -> bool {
        filters.name_glob(&self.name) && filters.id(&self.id) && filters.division(&self.division_id)
    }
    /// By id when `sortBy=id`, else by name; `sortOrder` reverses either.
    fn sort(items: &mut [&Self], query: &QueryParams) {
        if query.get("sortBy") == Some("id") {
            items.sort_by(|a, b| a.id.cmp(&b.id));
        } else {
            items.sort_by_key(|c| (c.name.to_lowercase(), c.id.clone()));
        }
        if descending(query) {
            items.reverse();
        }
    }

    fn remove(org: &mut Org, id: &str) {
        org.wrapup_codes.remove(id);
        for queue in org.queues.values_mut() {
            queue.wrapup_code_ids.retain(|c| c != id);
        }
    }
}

/// A division reference in a request.
#[derive(Debug, Deserialize)]
pub struct DivisionRef {
    #[serde(default)]
    id: Option<String>,
}

/// The `WrapupCodeRequest` body.
#[derive(Debug, Deserialize)]
pub struct WrapupBody {
    name: String,
    #[serde(default)]
    division: Option<DivisionRef>,
    #[serde(default)]
    description: Option<String>,
}

impl Create for WrapupCode {
    type Body = WrapupBody;

    fn create(org: &Org, body: WrapupBody) -> ApiResult<Self> {
        let fresh = WrapupCode {
            id: new_id(),
            date_created: now(),
            ..Default::default()
        };
        WrapupCode::replace(org, fresh, body)
    }
}

impl Replace for WrapupCode {
    fn replace(org: &Org, mut current: Self, body: WrapupBody) -> ApiResult<Self> {
        let name = non_blank(Some(&body.name), "name must not be empty")?;
        unique_name::<WrapupCode>(org, &name, &current.id, |_| true)?;
        current.division_id = match body.division.as_ref().and_then(|d| d.id.as_deref()) {
            Some(id) => known_division(org, id, "division.id")?,
            None => org.home_division_id(),
        };
        current.name = name;
        current.description = body.description;
        current.date_modified = now();
        Ok(current)
    }
}
