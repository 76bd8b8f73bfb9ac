//! ACD skills and languages as [`Kind`]s: list (name prefix filter, ids, paging), create (unique
//! name among live ones), delete (soft, and off every user). Neither can be renamed; a
//! skill's only mutation is its division (PATCH), which the contract enforces by accepting
//! nothing but `divisionId`.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::known_division;
use super::crud::store;
use super::kind::{Create, Filters, Kind, Listing, View, find, non_blank, unique_name};
use super::render_users::division_ref;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::ids::{fmt_time, new_id, now};
use crate::state::Org;
use crate::state::entities::{Language, LifeState, Skill};

impl Kind for Skill {
    const NOUN: &'static str = "skill";
    const PATH: &'static str = "/api/v2/routing/skills";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }

    fn render(&self, view: &View) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "division": division_ref(view.org, &self.division_id),
            "dateModified": fmt_time(&self.date_modified),
            "state": self.state.as_str(),
            "version": self.version.to_string(),
            "selfUri": format!("/api/v2/routing/skills/{}", self.id),
        })
    }

    fn visible(&self) -> bool {
        self.state == LifeState::Active
    }
    fn listed(&self, filters: &Filters) -> bool {
        filters.name_prefix(&self.name) && filters.id(&self.id)
    }

    fn remove(org: &mut Org, id: &str) {
        if let Some(skill) = org.skills.get_mut(id) {
            skill.state = LifeState::Deleted;
            skill.date_modified = now();
        }
        for user in org.users.values_mut() {
            user.skills.retain(|s| s.id != id);
        }
    }
}

/// The `CreateRoutingSkill` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSkillBody {
    name: String,
    #[serde(default)]
    division_id: Option<String>,
}

impl Create for Skill {
    type Body = CreateSkillBody;

    fn create(org: &Org, body: CreateSkillBody) -> ApiResult<Self> {
        let name = non_blank(Some(&body.name), "name must not be empty")?;
        let division_id = match &body.division_id {
            Some(id) => known_division(org, id, "divisionId")?,
            None => org.home_division_id(),
        };
        unique_name::<Skill>(org, &name, "", Kind::visible)?;
        Ok(Skill {
            id: new_id(),
            name,
            division_id,
            state: LifeState::Active,
            version: 1,
            date_modified: now(),
        })
    }
}

/// The `UpdateSkillDivisionRequest` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillDivisionBody {
    #[serde(default)]
    division_id: Option<String>,
}

/// `PATCH /api/v2/routing/skills/{skillId}`: moves the skill to another division (the body is
/// checked before the skill is looked up).
pub async fn patch_skill(
    State(app): State<App>,
    Path(id): Path<String>,
    ContractBody(body): ContractBody<SkillDivisionBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let division_id = match &body.division_id {
        Some(d) => known_division(&org, d, "divisionId")?,
        None => return Err(ApiError::bad_field("divisionId", "divisionId is required")),
    };
    let mut skill = find::<Skill>(&org, &id)?.clone();
    skill.division_id = division_id;
    skill.version += 1;
    skill.date_modified = now();
    store(&app, &mut org, skill)
}

impl Kind for Language {
    const NOUN: &'static str = "language";
    const PATH: &'static str = "/api/v2/routing/languages";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }

    fn render(&self, _view: &View) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "dateModified": fmt_time(&self.date_modified),
            "state": self.state.as_str(),
            "version": self.version.to_string(),
            "selfUri": format!("/api/v2/routing/languages/{}", self.id),
        })
    }

    fn visible(&self) -> bool {
        self.state == LifeState::Active
    }
    fn listed(&self, filters: &Filters) -> bool {
        filters.name_prefix(&self.name) && filters.id(&self.id)
    }

    fn remove(org: &mut Org, id: &str) {
        if let Some(language) = org.languages.get_mut(id) {
            language.state = LifeState::Deleted;
            language.date_modified = now();
        }
        for user in org.users.values_mut() {
            user.languages.retain(|l| l.id != id);
        }
    }
}

/// The `Language` body.
#[derive(Debug, Deserialize)]
pub struct CreateLanguageBody {
    name: String,
}

impl Create for Language {
    type Body = CreateLanguageBody;

    fn create(org: &Org, body: CreateLanguageBody) -> ApiResult<Self> {
        let name = non_blank(Some(&body.name), "name must not be empty")?;
        unique_name::<Language>(org, &name, "", Kind::visible)?;
        Ok(Language {
            id: new_id(),
            name,
            state: LifeState::Active,
            version: 1,
            date_modified: now(),
        })
    }
}
