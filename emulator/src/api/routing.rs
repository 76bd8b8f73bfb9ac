//! ACD skills and languages: list (name prefix filter, ids, paging), create (unique name), get,
//! delete. Neither can be renamed; a skill's only mutation is its division (PATCH), which the
//! contract enforces by accepting nothing but `divisionId`.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{known_division, no_content, ok, sort_by_name};
use super::render_users::division_ref;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::ids::{fmt_time, new_id, now};
use crate::listing::{Page, name_starts_with, paged};
use crate::state::Org;
use crate::state::entities::{Language, LifeState, Skill};

fn skill_json(org: &Org, skill: &Skill) -> Value {
    json!({
        "id": skill.id,
        "name": skill.name,
        "division": division_ref(org, &skill.division_id),
        "dateModified": fmt_time(&skill.date_modified),
        "state": skill.state.as_str(),
        "version": skill.version.to_string(),
        "selfUri": format!("/api/v2/routing/skills/{}", skill.id),
    })
}

fn language_json(language: &Language) -> Value {
    json!({
        "id": language.id,
        "name": language.name,
        "dateModified": fmt_time(&language.date_modified),
        "state": language.state.as_str(),
        "version": language.version.to_string(),
        "selfUri": format!("/api/v2/routing/languages/{}", language.id),
    })
}

/// `GET /api/v2/routing/skills`.
pub async fn list_skills(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let ids = query.list("id");
    let org = app.org();
    let mut skills: Vec<&Skill> = org
        .skills
        .values()
        .filter(|s| s.state == LifeState::Active)
        .filter(|s| {
            query
                .get("name")
                .is_none_or(|n| name_starts_with(n, &s.name))
        })
        .filter(|s| ids.is_empty() || ids.contains(&s.id))
        .collect();
    sort_by_name(&mut skills, &query, |s| (s.name.clone(), s.id.clone()));
    let rendered: Vec<Value> = skills.iter().map(|s| skill_json(&org, s)).collect();
    ok(paged("/api/v2/routing/skills", &query, page, &rendered))
}

/// The `CreateRoutingSkill` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSkillBody {
    name: String,
    #[serde(default)]
    division_id: Option<String>,
}

fn name_in_use<'a>(mut names: impl Iterator<Item = &'a str>, name: &str) -> bool {
    names.any(|n| n.eq_ignore_ascii_case(name))
}

/// `POST /api/v2/routing/skills`.
pub async fn create_skill(
    State(app): State<App>,
    ContractBody(body): ContractBody<CreateSkillBody>,
) -> ApiResult<Response> {
    if body.name.trim().is_empty() {
        return Err(ApiError::bad_field("name", "name must not be empty"));
    }
    let mut org = app.org();
    let division_id = match &body.division_id {
        Some(id) => known_division(&org, id, "divisionId")?,
        None => org.home_division_id(),
    };
    let live = org.skills.values().filter(|s| s.state == LifeState::Active);
    if name_in_use(live.map(|s| s.name.as_str()), &body.name) {
        return Err(ApiError::conflict(format!(
            "a skill named {} already exists",
            body.name
        )));
    }
    let skill = Skill {
        id: new_id(),
        name: body.name,
        division_id,
        state: LifeState::Active,
        version: 1,
        date_modified: now(),
    };
    let rendered = skill_json(&org, &skill);
    org.skills.insert(skill);
    ok(rendered)
}

fn live_skill<'a>(org: &'a mut Org, id: &str) -> ApiResult<&'a mut Skill> {
    org.skills
        .get_mut(id)
        .filter(|s| s.state == LifeState::Active)
        .ok_or_else(|| ApiError::not_found(format!("skill {id} not found")))
}

/// `GET /api/v2/routing/skills/{skillId}`.
pub async fn get_skill(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    let skill = live_skill(&mut org, &id)?.clone();
    ok(skill_json(&org, &skill))
}

/// The `UpdateSkillDivisionRequest` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillDivisionBody {
    #[serde(default)]
    division_id: Option<String>,
}

/// `PATCH /api/v2/routing/skills/{skillId}`: moves the skill to another division.
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
    let skill = live_skill(&mut org, &id)?;
    skill.division_id = division_id;
    skill.version += 1;
    skill.date_modified = now();
    let skill = skill.clone();
    ok(skill_json(&org, &skill))
}

/// `DELETE /api/v2/routing/skills/{skillId}`: marks it deleted and takes it off every user.
pub async fn delete_skill(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    let skill = live_skill(&mut org, &id)?;
    skill.state = LifeState::Deleted;
    skill.date_modified = now();
    for user in org.users.values_mut() {
        user.skills.retain(|s| s.id != id);
    }
    no_content()
}

/// `GET /api/v2/routing/languages`.
pub async fn list_languages(
    State(app): State<App>,
    ContractQuery(query): ContractQuery,
) -> ApiResult<Response> {
    let page = Page::from_query(&query, 500)?;
    let ids = query.list("id");
    let org = app.org();
    let mut languages: Vec<&Language> = org
        .languages
        .values()
        .filter(|l| l.state == LifeState::Active)
        .filter(|l| {
            query
                .get("name")
                .is_none_or(|n| name_starts_with(n, &l.name))
        })
        .filter(|l| ids.is_empty() || ids.contains(&l.id))
        .collect();
    sort_by_name(&mut languages, &query, |l| (l.name.clone(), l.id.clone()));
    let rendered: Vec<Value> = languages.iter().map(|l| language_json(l)).collect();
    ok(paged("/api/v2/routing/languages", &query, page, &rendered))
}

/// The `Language` body.
#[derive(Debug, Deserialize)]
pub struct CreateLanguageBody {
    name: String,
}

/// `POST /api/v2/routing/languages`.
pub async fn create_language(
    State(app): State<App>,
    ContractBody(body): ContractBody<CreateLanguageBody>,
) -> ApiResult<Response> {
    if body.name.trim().is_empty() {
        return Err(ApiError::bad_field("name", "name must not be empty"));
    }
    let mut org = app.org();
    let live = org
        .languages
        .values()
        .filter(|l| l.state == LifeState::Active);
    if name_in_use(live.map(|l| l.name.as_str()), &body.name) {
        return Err(ApiError::conflict(format!(
            "a language named {} already exists",
            body.name
        )));
    }
    let language = Language {
        id: new_id(),
        name: body.name,
        state: LifeState::Active,
        version: 1,
        date_modified: now(),
    };
    let rendered = language_json(&language);
    org.languages.insert(language);
    ok(rendered)
}

fn live_language<'a>(org: &'a mut Org, id: &str) -> ApiResult<&'a mut Language> {
    org.languages
        .get_mut(id)
        .filter(|l| l.state == LifeState::Active)
        .ok_or_else(|| ApiError::not_found(format!("language {id} not found")))
}

/// `GET /api/v2/routing/languages/{languageId}`.
pub async fn get_language(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Response> {
    let mut org = app.org();
    ok(language_json(live_language(&mut org, &id)?))
}

/// `DELETE /api/v2/routing/languages/{languageId}`.
pub async fn delete_language(
    State(app): State<App>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let language = live_language(&mut org, &id)?;
    language.state = LifeState::Deleted;
    language.date_modified = now();
    for user in org.users.values_mut() {
        user.languages.retain(|l| l.id != id);
    }
    no_content()
}
