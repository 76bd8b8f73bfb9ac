//! Queues, their wrap-up codes, and queue memberships.

use std::collections::BTreeSet;

use super::super::plan::{Action, FieldChange, Phase};
use super::catalog::{find, settle};
use super::context::{Context, Target, change};
use crate::mapping::ObjectKind;

pub(super) fn queues(cx: &mut Context<'_>) {
    let kind = ObjectKind::Queues;
    for q in &cx.snapshot.queues {
        if !cx.division_in_scope(q.division.as_ref()) {
            continue;
        }
        let name = cx.genesys_name(&q.name);
        let division = cx.division_ref(q.division.as_ref());
        let actuals: Vec<(&str, &str)> = cx
            .actual
            .queues
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        let id = match find(cx, kind, q.id.as_str(), &name, &actuals) {
            Some(found) => settle(cx, Phase::Queues, kind, q.id.as_str(), found),
            None => {
                let action = Action::CreateQueue {
                    name,
                    division,
                    description: q.description.clone(),
                };
                cx.push(change(
                    Phase::Queues,
                    kind,
                    q.id.as_str(),
                    None,
                    action,
                    "new in the snapshot".into(),
                ));
                let add: Vec<String> = q
                    .wrapup_codes
                    .iter()
                    .map(|w| w.as_str().to_owned())
                    .collect();
                if !add.is_empty() {
                    cx.push(change(
                        Phase::Queues,
                        kind,
                        q.id.as_str(),
                        None,
                        Action::SetQueueWrapupCodes {
                            add,
                            remove: Vec::new(),
                        },
                        "wrap-up codes of the new queue".into(),
                    ));
                }
                continue;
            }
        };
        let Some(a) = cx.actual.queues.iter().find(|a| a.id == id) else {
            continue;
        };
        let target = cx.division_target(q.division.as_ref());
        let mut fields = Vec::new();
        if a.name != name {
            fields.push(FieldChange::new("name", Some(&a.name), Some(&name)));
        }
        if !target.is(a.division_id.as_deref()) {
            fields.push(FieldChange::new(
                "division",
                a.division_id.as_deref(),
                division.as_deref(),
            ));
        }
        if a.description.as_deref().unwrap_or("") != q.description.as_deref().unwrap_or("") {
            fields.push(FieldChange::new(
                "description",
                a.description.as_deref(),
                q.description.as_deref(),
            ));
        }
        if !fields.is_empty() {
            cx.push(change(
                Phase::Queues,
                kind,
                q.id.as_str(),
                Some(&id),
                Action::Update { fields },
                "changed in the snapshot".into(),
            ));
        }
        let wanted: Vec<Target> = q
            .wrapup_codes
            .iter()
            .map(|w| cx.target(ObjectKind::WrapupCodes, w.as_str()))
            .collect();
        let add: Vec<String> = q
            .wrapup_codes
            .iter()
            .zip(&wanted)
            .filter(|(_, t)| !matches!(t, Target::Known(g) if a.wrapup_codes.contains(g)))
            .map(|(w, _)| w.as_str().to_owned())
            .collect();
        let managed_codes = cx.idmap.reverse(ObjectKind::WrapupCodes);
        let remove: Vec<String> = a
            .wrapup_codes
            .iter()
            .filter(|g| {
                managed_codes.contains_key(g.as_str())
                    && !wanted.contains(&Target::Known((*g).clone()))
            })
            .cloned()
            .collect();
        if !add.is_empty() || !remove.is_empty() {
            cx.push(change(
                Phase::Queues,
                kind,
                q.id.as_str(),
                Some(&id),
                Action::SetQueueWrapupCodes { add, remove },
                "wrap-up codes changed".into(),
            ));
        }
    }
}

pub(super) fn memberships(cx: &mut Context<'_>) {
    let kind = ObjectKind::Queues;
    let managed_users = cx
        .resolved
        .get(&ObjectKind::Users)
        .cloned()
        .unwrap_or_default();
    let managed_by_gid: BTreeSet<&String> = managed_users
        .values()
        .chain(cx.idmap.users.values())
        .collect();
    for q in &cx.snapshot.queues {
        if !cx.division_in_scope(q.division.as_ref()) {
            continue;
        }
        let wanted: Vec<&str> = cx
            .snapshot
            .users
            .iter()
            .filter(|u| {
                u.active && cx.division_in_scope(u.division.as_ref()) && u.queues.contains(&q.id)
            })
            .map(|u| u.id.as_str())
            .collect();
        let queue = cx.target(kind, q.id.as_str());
        let current: Vec<String> = match &queue {
            Target::Known(g) => cx
                .actual
                .queues
                .iter()
                .find(|a| &a.id == g)
                .map(|a| a.members.clone())
                .unwrap_or_default(),
            Target::Pending(_) => Vec::new(),
        };
        let current_set: BTreeSet<&String> = current.iter().collect();
        let add: Vec<String> = wanted
            .iter()
            .filter(|u| !matches!(cx.target(ObjectKind::Users, u), Target::Known(g) if current_set.contains(&g)))
            .map(|u| (*u).to_owned())
            .collect();
        let wanted_gids: BTreeSet<String> = wanted
            .iter()
            .filter_map(|u| managed_users.get(*u).cloned())
            .collect();
        let remove: Vec<String> = current
            .iter()
            .filter(|g| managed_by_gid.contains(g) && !wanted_gids.contains(*g))
            .cloned()
            .collect();
        if !add.is_empty() || !remove.is_empty() {
            let genesys = match &queue {
                Target::Known(g) => Some(g.as_str()),
                Target::Pending(_) => None,
            };
            let reason = format!("{} to add, {} to remove", add.len(), remove.len());
            cx.push(change(
                Phase::Memberships,
                kind,
                q.id.as_str(),
                genesys,
                Action::SetQueueMembers { add, remove },
                reason,
            ));
        }
    }
}
