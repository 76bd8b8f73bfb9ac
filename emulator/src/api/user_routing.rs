//! ACD skills and languages held by a user: paged listings, bulk replace (PUT) and add/update
//! (PATCH) of proficiencies (0.0–5.0, known ids, at most 50 per call), and single removal.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::common::{live_user, live_user_mut, no_content, ok};
use super::render_users::{user_languages, user_skills};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ContractBody, ContractQuery};
use crate::listing::{Page, paged};
use crate::state::Org;
use crate::state::entities::LifeState;
use crate::state::users::Proficiency;

/// Most entries one bulk call may carry.
pub const MAX_BULK: usize = 50;

/// One `UserRoutingSkillPost` / `UserRoutingLanguagePost`.
#[derive(Debug, Deserialize)]
pub struct ProficiencyPost {
    id: String,
    proficiency: f64,
}

#[derive(Clone, Copy)]
enum Kind {
    Skill,
    Language,
}

fn check(org: &Org, kind: Kind, posts: &[ProficiencyPost]) -> ApiResult<Vec<Proficiency>> {
    if posts.len() > MAX_BULK {
        return Err(ApiError::bad_field(
            "body",
            format!("at most {MAX_BULK} entries per call"),
        ));
    }
    posts
        .iter()
        .enumerate()
        .map(|(i, post)| {
            let known = match kind {
                Kind::Skill => org
                    .skills
                    .get(&post.id)
                    .is_some_and(|s| s.state == LifeState::Active),
                Kind::Language => org
                    .languages
                    .get(&post.id)
                    .is_some_and(|l| l.state == LifeState::Active),
            };
            if !known {
                return Err(ApiError::bad_field(
                    &format!("[{i}].id"),
                    format!("{} does not exist", post.id),
                ));
            }
            if !(0.0..=5.0).contains(&post.proficiency) {
                return Err(ApiError::bad_field(
                    &format!("[{i}].proficiency"),
                    "proficiency must be between 0.0 and 5.0",
                ));
            }
            Ok(Proficiency {
                id: post.id.clone(),
                proficiency: post.proficiency,
            })
        })
        .collect()
}

fn merge(existing: &mut Vec<Proficiency>, updates: Vec<Proficiency>) {
    for update in updates {
        match existing.iter_mut().find(|p| p.id == update.id) {
            Some(current) => current.proficiency = update.proficiency,
            None => existing.push(update),
        }
    }
}

fn listing(org: &Org, user_id: &str, kind: Kind, query: &QueryParams) -> ApiResult<Value> {
    let user = live_user(org, user_id)?;
    let (mut entries, path) = match kind {
        Kind::Skill => (
            user_skills(org, user),
            format!("/api/v2/users/{user_id}/routingskills"),
        ),
        Kind::Language => (
            user_languages(org, user),
            format!("/api/v2/users/{user_id}/routinglanguages"),
        ),
    };
    entries.sort_by_key(|e| e["name"].as_str().unwrap_or_default().to_lowercase());
    if super::common::descending(query) {
        entries.reverse();
    }
    let page = Page::from_query(query, 500)?;
    Ok(paged(&path, query, page, &entries))
}

fn full_listing(org: &Org, user_id: &str, kind: Kind) -> ApiResult<Value> {
    listing(
        org,
        user_id,
        kind,
        &QueryParams::parse(Some("pageSize=500")),
    )
}

/// `GET /api/v2/users/{userId}/routingskills`.
pub async fn list_skills(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractQuery(q): ContractQuery,
) -> ApiResult<Response> {
    ok(listing(&app.org(), &user_id, Kind::Skill, &q)?)
}

/// `GET /api/v2/users/{userId}/routinglanguages`.
pub async fn list_languages(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractQuery(q): ContractQuery,
) -> ApiResult<Response> {
    ok(listing(&app.org(), &user_id, Kind::Language, &q)?)
}

async fn write(
    app: App,
    user_id: String,
    posts: Vec<ProficiencyPost>,
    kind: Kind,
    replace: bool,
) -> ApiResult<Response> {
    let mut org = app.org();
    live_user(&org, &user_id)?;
    let entries = check(&org, kind, &posts)?;
    let user = live_user_mut(&mut org, &user_id)?;
    let list = match kind {
        Kind::Skill => &mut user.skills,
        Kind::Language => &mut user.languages,
    };
    if replace {
        list.clear();
    }
    merge(list, entries);
    ok(full_listing(&org, &user_id, kind)?)
}

/// `PUT /api/v2/users/{userId}/routingskills/bulk`: replace all.
pub async fn replace_skills(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(posts): ContractBody<Vec<ProficiencyPost>>,
) -> ApiResult<Response> {
    write(app, user_id, posts, Kind::Skill, true).await
}

/// `PATCH /api/v2/users/{userId}/routingskills/bulk`: add or update.
pub async fn patch_skills(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(posts): ContractBody<Vec<ProficiencyPost>>,
) -> ApiResult<Response> {
    write(app, user_id, posts, Kind::Skill, false).await
}

/// `PATCH /api/v2/users/{userId}/routinglanguages/bulk`: add or update.
pub async fn patch_languages(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(posts): ContractBody<Vec<ProficiencyPost>>,
) -> ApiResult<Response> {
    write(app, user_id, posts, Kind::Language, false).await
}

fn remove(app: &App, user_id: &str, id: &str, kind: Kind) -> ApiResult<Response> {
    let mut org = app.org();
    let user = live_user_mut(&mut org, user_id)?;
    let list = match kind {
        Kind::Skill => &mut user.skills,
        Kind::Language => &mut user.languages,
    };
    let before = list.len();
    list.retain(|p| p.id != id);
    if list.len() == before {
        return Err(ApiError::not_found(format!(
            "user {user_id} does not hold {id}"
        )));
    }
    no_content()
}

/// `DELETE /api/v2/users/{userId}/routingskills/{skillId}`.
pub async fn remove_skill(
    State(app): State<App>,
    Path((user_id, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    remove(&app, &user_id, &id, Kind::Skill)
}

/// `DELETE /api/v2/users/{userId}/routinglanguages/{languageId}`.
pub async fn remove_language(
    State(app): State<App>,
    Path((user_id, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    remove(&app, &user_id, &id, Kind::Language)
}
