//! Applying queue changes: create, update (keeping other settings), wrap-up codes, members.

use super::{Exec, StepError, StepResult, external};
use crate::external::ObjectKind;
use crate::genesys::QUEUE_BATCH_LIMIT;
use crate::genesys::model::{EntityRef, QueueWrite};
use crate::reconcile::plan::{Action, Change, UpdateBody};

const KIND: ObjectKind = ObjectKind::Queues;

pub(super) async fn run(exec: &Exec<'_>, change: &Change) -> StepResult {
    let d = exec.deadline;
    let c = exec.client;
    let ext = external(change);
    match &change.action {
        Action::CreateQueue {
            name,
            division,
            description,
        } => {
            let body = QueueWrite {
                name: name.clone(),
                division: Some(EntityRef::id(
                    exec.resolve_ref(ObjectKind::Divisions, division)?,
                )),
                description: description.clone(),
            };
            let q = c.create_queue(&body, d).await?;
            exec.record(KIND, ext, &q.id);
            Ok(Some(q.id))
        }
        Action::Update {
            body:
                UpdateBody::Queue {
                    name,
                    division,
                    description,
                },
            ..
        } => {
            let id = exec.subject(change)?;
            let body = QueueWrite {
                name: name.clone(),
                division: Some(EntityRef::id(
                    exec.resolve_ref(ObjectKind::Divisions, division)?,
                )),
                description: description.clone(),
            };
            c.update_queue_keeping_settings(&id, &body, d).await?;
            Ok(Some(id))
        }
        Action::SetQueueWrapupCodes { add, remove } => {
            let id = exec.subject(change)?;
            let add: Vec<String> = add
                .iter()
                .map(|w| exec.resolve_ref(ObjectKind::WrapupCodes, w))
                .collect::<Result<_, _>>()?;
            for chunk in add.chunks(QUEUE_BATCH_LIMIT) {
                c.add_queue_wrapup_codes(&id, chunk, d).await?;
            }
            for code in remove {
                c.remove_queue_wrapup_code(&id, code.as_str(), d).await?;
            }
            Ok(Some(id))
        }
        Action::SetQueueMembers { add, remove } => {
            let id = exec.subject(change)?;
            // members whose user exists are added even when another user's create failed
            let (resolved, missing): (Vec<_>, Vec<_>) = add
                .iter()
                .map(|u| (u, exec.resolve_ref(ObjectKind::Users, u)))
                .partition(|(_, r)| r.is_ok());
            let add: Vec<String> = resolved.into_iter().filter_map(|(_, r)| r.ok()).collect();
            for chunk in add.chunks(QUEUE_BATCH_LIMIT) {
                c.change_queue_members(&id, chunk, false, d).await?;
            }
            let remove: Vec<String> = remove.iter().map(ToString::to_string).collect();
            for chunk in remove.chunks(QUEUE_BATCH_LIMIT) {
                c.change_queue_members(&id, chunk, true, d).await?;
            }
            if !missing.is_empty() {
                let names: Vec<&str> = missing.iter().map(|(u, _)| u.label()).collect();
                return Err(StepError::Unresolved(format!(
                    "users without a Genesys id not added: {}",
                    names.join(", ")
                )));
            }
            Ok(Some(id))
        }
        Action::Delete => {
            let id = exec.subject(change)?;
            c.delete_queue(&id, d).await?;
            exec.forget(KIND, ext, &id);
            Ok(Some(id))
        }
        other => Err(StepError::Unresolved(format!(
            "queues cannot {}",
            crate::reconcile::plan::action_name(other)
        ))),
    }
}
