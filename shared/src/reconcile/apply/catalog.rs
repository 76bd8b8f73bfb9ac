//! Applying presence source, division, skill, language, wrap-up code and secondary status changes.

use super::{Exec, StepError, StepResult, adopted, external};
use crate::external::ObjectKind;
use crate::genesys::model::{
    CreateRoutingSkill, Division, EntityRef, PresenceDefinition, PresenceSource, WrapupCodeWrite,
};
use crate::reconcile::plan::{Action, Change, UpdateBody};

pub(super) async fn presence(exec: &Exec<'_>, change: &Change) -> StepResult {
    let d = exec.deadline;
    match &change.action {
        Action::CreatePresenceSource { name } => {
            let body = PresenceSource {
                name: name.clone(),
                description: Some("external contact-center platform (exsync)".into()),
                ..PresenceSource::default()
            };
            let created = exec.client.create_presence_source(&body, d).await?;
            let id = created.id.filter(|i| !i.is_empty()).ok_or_else(|| {
                StepError::Unresolved(
                    "genesys returned no id for the created presence source".into(),
                )
            })?;
            set_source(exec, &id);
            Ok(Some(id))
        }
        Action::Adopt => {
            let id = adopted(change)?;
            set_source(exec, &id);
            Ok(Some(id))
        }
        Action::SetDefaultPrimarySource => {
            let source = exec
                .idmap
                .lock()
                .ok()
                .and_then(|m| m.presence_source_id.clone())
                .ok_or_else(|| {
                    StepError::Unresolved("the presence source does not exist".into())
                })?;
            let mut settings = exec.client.presence_settings(d).await?;
            settings.default_primary_presence_registered_source_id = Some(source.clone());
            exec.client.update_presence_settings(&settings, d).await?;
            Ok(Some(source))
        }
        _ => Err(StepError::Unresolved("not a presence change".into())),
    }
}

fn set_source(exec: &Exec<'_>, id: &str) {
    if let Ok(mut m) = exec.idmap.lock() {
        m.presence_source_id = Some(id.to_owned());
    }
}

pub(super) async fn run(exec: &Exec<'_>, change: &Change) -> StepResult {
    let d = exec.deadline;
    let c = exec.client;
    let kind = change
        .kind
        .ok_or_else(|| StepError::Unresolved("change has no object type".into()))?;
    let ext = external(change);
    match &change.action {
        Action::CreateDivision { name, description } => {
            let body = Division {
                name: Some(name.clone()),
                description: description.clone(),
                ..Division::default()
            };
            created(exec, kind, ext, c.create_division(&body, d).await?.id)
        }
        Action::CreateSkill { name, division } => {
            let body = CreateRoutingSkill {
                name: name.clone(),
                division_id: Some(exec.resolve_ref(ObjectKind::Divisions, division)?),
            };
            created(exec, kind, ext, Some(c.create_skill(&body, d).await?.id))
        }
        Action::CreateLanguage { name } => {
            created(exec, kind, ext, c.create_language(name, d).await?.id)
        }
        Action::CreateWrapupCode { name, division } => {
            let body = WrapupCodeWrite {
                name: name.clone(),
                division: Some(EntityRef::id(
                    exec.resolve_ref(ObjectKind::Divisions, division)?,
                )),
                description: None,
            };
            created(
                exec,
                kind,
                ext,
                Some(c.create_wrapup_code(&body, d).await?.id),
            )
        }
        Action::CreateSecondaryStatus {
            labels,
            system_presence,
        } => {
            let body = PresenceDefinition {
                language_labels: labels.clone(),
                system_presence: Some(system_presence.clone()),
                deactivated: Some(false),
                ..PresenceDefinition::default()
            };
            created(
                exec,
                kind,
                ext,
                c.create_presence_definition(&body, d).await?.id,
            )
        }
        Action::SetSkillDivision { division } => {
            let id = exec.subject(change)?;
            c.set_skill_division(&id, &exec.resolve_ref(ObjectKind::Divisions, division)?, d)
                .await?;
            Ok(Some(id))
        }
        Action::Update { .. } => update(exec, kind, change).await,
        Action::Delete => {
            let id = exec.subject(change)?;
            match kind {
                ObjectKind::Divisions => c.delete_division(&id, d).await?,
                ObjectKind::Skills => c.delete_skill(&id, d).await?,
                ObjectKind::Languages => c.delete_language(&id, d).await?,
                ObjectKind::WrapupCodes => c.delete_wrapup_code(&id, d).await?,
                ObjectKind::SecondaryStatuses => c.delete_presence_definition(&id, d).await?,
                ObjectKind::Queues | ObjectKind::Users => {
                    return Err(StepError::Unresolved("not a catalog object".into()));
                }
            }
            exec.forget(kind, ext, &id);
            Ok(Some(id))
        }
        _ => Err(StepError::Unresolved(format!(
            "{kind:?} cannot {}",
            crate::reconcile::plan::action_name(&change.action)
        ))),
    }
}

fn created(exec: &Exec<'_>, kind: ObjectKind, ext: &str, id: Option<String>) -> StepResult {
    let id = id.filter(|i| !i.is_empty()).ok_or_else(|| {
        StepError::Unresolved("genesys returned no id for the created object".into())
    })?;
    exec.record(kind, ext, &id);
    Ok(Some(id))
}

/// Updates send the body the plan carries (the whole object: these types are replaced by PUT).
async fn update(exec: &Exec<'_>, kind: ObjectKind, change: &Change) -> StepResult {
    let d = exec.deadline;
    let c = exec.client;
    let id = exec.subject(change)?;
    let Action::Update { body, .. } = &change.action else {
        return Err(StepError::Unresolved("not an update".into()));
    };
    match (kind, body) {
        (ObjectKind::Divisions, UpdateBody::Division { name, description }) => {
            let body = Division {
                name: Some(name.clone()),
                description: description.clone(),
                ..Division::default()
            };
            c.update_division(&id, &body, d).await?;
        }
        (ObjectKind::WrapupCodes, UpdateBody::WrapupCode { name, division }) => {
            let body = WrapupCodeWrite {
                name: name.clone(),
                division: Some(EntityRef::id(
                    exec.resolve_ref(ObjectKind::Divisions, division)?,
                )),
                description: None,
            };
            c.update_wrapup_code(&id, &body, d).await?;
        }
        (
            ObjectKind::SecondaryStatuses,
            UpdateBody::SecondaryStatus {
                labels,
                system_presence,
            },
        ) => {
            let body = PresenceDefinition {
                language_labels: labels.clone(),
                system_presence: Some(system_presence.clone()),
                deactivated: Some(false),
                ..PresenceDefinition::default()
            };
            c.update_presence_definition(&id, &body, d).await?;
        }
        _ => {
            return Err(StepError::Unresolved(format!(
                "{kind:?} has no update of that shape"
            )));
        }
    }
    Ok(Some(id))
}
