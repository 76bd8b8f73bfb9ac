//! ACD skills and languages held by a user: bulk replace of skills (PUT), add/update of languages
//! (PATCH) with proficiencies (0.0–5.0, known ids, at most 50 per call), each answering the
//! user's full listing, and single language removal.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::common::{live_user, live_user_mut, no_content, ok};
use super::render_users::{Ability, proficiencies_json};
use crate::app::App;
use crate::contract::query::QueryParams;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
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

fn check(org: &Org, kind: Ability, posts: &[ProficiencyPost]) -> ApiResult<Vec<Proficiency>> {
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
            let state = kind.object(org, &post.id).map(|(_, state)| state);
            if state != Some(LifeState::Active) {
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

/// The user's entries of this kind by name, as one page of up to 500.
fn full_listing(org: &Org, user_id: &str, kind: Ability) -> ApiResult<Value> {
    let query = QueryParams::parse(Some("pageSize=500"));
    let mut entries = proficiencies_json(org, live_user(org, user_id)?, kind);
    entries.sort_by_key(|e| e["name"].as_str().unwrap_or_default().to_lowercase());
    let page = Page::from_query(&query, 500)?;
    Ok(paged(&kind.user_path(user_id), &query, page, &entries))
}

async fn write(
    app: App,
    user_id: String,
    posts: Vec<ProficiencyPost>,
    kind: Ability,
    replace: bool,
) -> ApiResult<Response> {
    let mut org = app.org();
    live_user(&org, &user_id)?;
    let entries = check(&org, kind, &posts)?;
    let list = kind.held_mut(live_user_mut(&mut org, &user_id)?);
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
    write(app, user_id, posts, Ability::Skill, true).await
}

/// `PATCH /api/v2/users/{userId}/routinglanguages/bulk`: add or update.
pub async fn patch_languages(
    State(app): State<App>,
    Path(user_id): Path<String>,
    ContractBody(posts): ContractBody<Vec<ProficiencyPost>>,
) -> ApiResult<Response> {
    write(app, user_id, posts, Ability::Language, false).await
}

/// `DELETE /api/v2/users/{userId}/routinglanguages/{languageId}`.
pub async fn remove_language(
    State(app): State<App>,
    Path((user_id, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let mut org = app.org();
    let list = &mut live_user_mut(&mut org, &user_id)?.languages;
    let before = list.len();
    list.retain(|p| p.id != id);
    if list.len() == before {
        return Err(ApiError::not_found(format!(
            "user {user_id} does not hold {id}"
        )));
    }
    no_content()
}
