//! Applying user changes: create (and register the external id), adopt, restore, update with
//! version-conflict retry, skills, languages, deactivate, delete.

use super::{Exec, StepError, StepResult, adopted, external};
use crate::external::ObjectKind;
use crate::genesys::model::{
    CreateUser, EmployerInfo, ProficiencyPost, UpdateUser, User, UserExternalIdentifier, UserState,
};
use crate::genesys::{DivisionObjectType, GenesysError};
use crate::reconcile::plan::{Action, Change, UpdateBody};

const KIND: ObjectKind = ObjectKind::Users;
/// Re-reads after a version conflict before giving up.
const VERSION_RETRIES: u32 = 3;
/// Languages one bulk call takes at most.
const LANGUAGE_BATCH: usize = 50;

pub(super) async fn run(exec: &Exec<'_>, change: &Change) -> StepResult {
    let d = exec.deadline;
    let c = exec.client;
    let ext = external(change);
    match &change.action {
        Action::AdoptUserByEmail { authority } => {
            let id = adopted(change)?;
            register_external_id(exec, &id, authority, ext).await?;
            exec.record(KIND, ext, &id);
            Ok(Some(id))
        }
        Action::CreateUser {
            name,
            email,
            division,
            title,
            department,
            active,
            authority,
        } => {
            let body = CreateUser {
                name: name.clone(),
                email: email.clone(),
                division_id: exec.resolve_ref(ObjectKind::Divisions, division)?,
                department: department.clone(),
                title: title.clone(),
                state: Some(if *active {
                    UserState::Active
                } else {
                    UserState::Inactive
                }),
            };
            let user = c.create_user(&body, d).await?;
            remember_version(exec, &user);
            exec.record(KIND, ext, &user.id);
            register_external_id(exec, &user.id, authority, ext).await?;
            Ok(Some(user.id))
        }
        Action::RestoreUser => {
            let id = exec.subject(change)?;
            patch(exec, &id, |v| UpdateUser {
                version: v,
                state: Some(UserState::Active),
                ..UpdateUser::default()
            })
            .await?;
            Ok(Some(id))
        }
        Action::DeactivateUser => {
            let id = exec.subject(change)?;
            patch(exec, &id, |v| UpdateUser {
                version: v,
                state: Some(UserState::Inactive),
                ..UpdateUser::default()
            })
            .await?;
            Ok(Some(id))
        }
        Action::Update {
            body: UpdateBody::User(patch_body),
            ..
        } => {
            let id = exec.subject(change)?;
            if let Some(division) = &patch_body.division {
                let division = exec.resolve_ref(ObjectKind::Divisions, division)?;
                c.move_to_division(
                    &division,
                    DivisionObjectType::User,
                    std::slice::from_ref(&id),
                    d,
                )
                .await?;
            }
            let manager = match &patch_body.manager {
                Some(m) => Some(exec.resolve_ref(KIND, m)?),
                None => None,
            };
            let template = UpdateUser {
                version: 0,
                name: patch_body.name.clone(),
                email: patch_body.email.clone(),
                title: patch_body.title.clone(),
                department: patch_body.department.clone(),
                manager,
                employer_info: patch_body.employer.as_ref().map(|e| EmployerInfo {
                    employee_id: e.employee_id.clone(),
                    official_name: None,
                }),
                state: None,
            };
            if patch_body.has_fields() {
                patch(exec, &id, |v| UpdateUser {
                    version: v,
                    ..template.clone()
                })
                .await?;
            }
            Ok(Some(id))
        }
        Action::SetUserSkills { skills } => {
            let id = exec.subject(change)?;
            let body = skills
                .iter()
                .map(|level| {
                    Ok(ProficiencyPost {
                        id: exec.resolve_ref(ObjectKind::Skills, &level.item)?,
                        proficiency: level.proficiency,
                    })
                })
                .collect::<Result<Vec<_>, StepError>>()?;
            c.replace_user_skills(&id, &body, d).await?;
            Ok(Some(id))
        }
        Action::SetUserLanguages { set, remove } => {
            let id = exec.subject(change)?;
            let body = set
                .iter()
                .map(|level| {
                    Ok(ProficiencyPost {
                        id: exec.resolve_ref(ObjectKind::Languages, &level.item)?,
                        proficiency: level.proficiency,
                    })
                })
                .collect::<Result<Vec<_>, StepError>>()?;
            for chunk in body.chunks(LANGUAGE_BATCH) {
                c.patch_user_languages(&id, chunk, d).await?;
            }
            for language in remove {
                c.remove_user_language(&id, language.as_str(), d).await?;
            }
            Ok(Some(id))
        }
        Action::Delete => {
            let id = exec.subject(change)?;
            c.delete_user(&id, d).await?;
            exec.forget(KIND, ext, &id);
            Ok(Some(id))
        }
        other => Err(StepError::Unresolved(format!(
            "users cannot {}",
            crate::reconcile::plan::action_name(other)
        ))),
    }
}

fn remember_version(exec: &Exec<'_>, user: &User) {
    if let Ok(mut v) = exec.versions.lock() {
        v.insert(user.id.clone(), user.version);
    }
}

/// Adds exsync's external id to a user (an existing identical id is fine).
async fn register_external_id(
    exec: &Exec<'_>,
    user_id: &str,
    authority: &str,
    ext: &str,
) -> Result<(), GenesysError> {
    let id = UserExternalIdentifier {
        authority_name: authority.to_owned(),
        external_key: ext.to_owned(),
    };
    match exec
        .client
        .add_external_id(user_id, &id, exec.deadline)
        .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_conflict() => Ok(()),
        Err(e) => Err(e),
    }
}

/// PATCHes a user with its current version; on a version conflict re-reads it and tries again.
async fn patch(
    exec: &Exec<'_>,
    user_id: &str,
    body: impl Fn(i64) -> UpdateUser,
) -> Result<(), StepError> {
    let d = exec.deadline;
    let mut version = exec
        .versions
        .lock()
        .ok()
        .and_then(|v| v.get(user_id).copied());
    for attempt in 0..=VERSION_RETRIES {
        let current = match version {
            Some(v) => v,
            None => fresh_version(exec, user_id).await?,
        };
        match exec.client.update_user(user_id, &body(current), d).await {
            Ok(user) => {
                remember_version(exec, &user);
                return Ok(());
            }
            Err(e) if e.is_version_conflict() && attempt < VERSION_RETRIES => {
                tracing::info!(user = user_id, attempt, "user version conflict, re-reading");
                version = Some(fresh_version(exec, user_id).await?);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(StepError::Unresolved(format!(
        "user {user_id} kept changing; gave up after {VERSION_RETRIES} re-reads"
    )))
}

/// The user's version now (active or soft-deleted).
async fn fresh_version(exec: &Exec<'_>, user_id: &str) -> Result<i64, GenesysError> {
    match exec.client.get_user(user_id, false, exec.deadline).await {
        Ok(u) => Ok(u.version),
        Err(e) if e.is_not_found() => Ok(exec
            .client
            .get_user(user_id, true, exec.deadline)
            .await?
            .version),
        Err(e) => Err(e),
    }
}
