//! Queues, their wrap-up codes, and queue memberships.

use std::collections::{HashMap, HashSet};

use super::super::plan::{Action, FieldChange, Phase, Ref, UpdateBody};
use super::catalog::{NameIndex, find, settle};
use super::context::{Context, Target, change};
use crate::external::ObjectKind;
use crate::ids::GenesysId;

pub(super) fn queues(cx: &mut Context<'_>) {
    let kind = ObjectKind::Queues;
    let actual = cx.actual;
    let index = NameIndex::new(
        actual
            .queues
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let by_id: HashMap<&str, _> = actual.queues.iter().map(|a| (a.id.as_str(), a)).collect();
    let managed_codes = cx.idmap.reverse(ObjectKind::WrapupCodes);
    for q in &cx.snapshot.queues {
        if !cx.division_in_scope(q.division.as_ref()) || cx.is_held(kind, q.id.as_str()) {
            continue;
        }
        let name = cx.genesys_name(&q.name);
        let division = cx.division_ref(q.division.as_ref());
        let id = match find(cx, kind, q.id.as_str(), &name, &index) {
            Some(found) => settle(cx, Phase::Queues, kind, q.id.as_str(), found),
            None => {
                let action = Action::CreateQueue {
                    name,
                    division: cx.division_reference(q.division.as_ref()),
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
                let add: Vec<Ref> = q
                    .wrapup_codes
                    .iter()
                    .filter(|w| !cx.is_held(ObjectKind::WrapupCodes, w.as_str()))
                    .map(|w| cx.reference(ObjectKind::WrapupCodes, w.as_str()))
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
        let Some(a) = by_id.get(id.as_str()) else {
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
                Action::Update {
                    fields,
                    body: UpdateBody::Queue {
                        name: name.clone(),
                        division: target.to_ref(division.as_deref()),
                        description: q.description.clone(),
                    },
                },
                "changed in the snapshot".into(),
            ));
        }
        let held_code = cx.first_held(
            ObjectKind::WrapupCodes,
            q.wrapup_codes.iter().map(|w| w.as_str()),
        );
        if let Some(held) = held_code {
            let reason = format!("the wrap-up code {held} is held back");
            cx.skip(kind, Some(q.id.as_str()), "wrapupCodes", reason);
            continue;
        }
        let wanted: Vec<Target> = q
            .wrapup_codes
            .iter()
            .map(|w| cx.target(ObjectKind::WrapupCodes, w.as_str()))
            .collect();
        let add: Vec<Ref> = q
            .wrapup_codes
            .iter()
            .zip(&wanted)
            .filter(|(_, t)| !matches!(t, Target::Known(g) if a.wrapup_codes.contains(g)))
            .map(|(w, t)| t.to_ref(Some(w.as_str())))
            .collect();
        let remove: Vec<GenesysId> = a
            .wrapup_codes
            .iter()
            .filter(|g| {
                managed_codes.contains_key(g.as_str())
                    && !wanted.contains(&Target::Known((*g).clone()))
            })
            .map(|g| g.as_str().into())
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

/// Queue memberships of managed users. Linear in users and members: each user's queue list is
/// read once into a per-queue index, each queue's members once into a set.
///
/// A user the snapshot holds back keeps the memberships Genesys has: never added, never removed.
pub(super) fn memberships(cx: &mut Context<'_>) {
    let kind = ObjectKind::Queues;
    let mut wanted_by_queue: HashMap<&str, Vec<&str>> = HashMap::new();
    for u in &cx.snapshot.users {
        if u.active
            && cx.division_in_scope(u.division.as_ref())
            && !cx.is_held(ObjectKind::Users, u.id.as_str())
        {
            for q in &u.queues {
                wanted_by_queue
                    .entry(q.as_str())
                    .or_default()
                    .push(u.id.as_str());
            }
        }
    }
    let no_users = HashMap::new();
    let managed_users = cx.resolved.get(&ObjectKind::Users).unwrap_or(&no_users);
    let held_users: HashSet<&str> = cx
        .snapshot
        .held
        .objects()
        .iter()
        .filter(|o| o.collection == ObjectKind::Users)
        .filter_map(|o| cx.idmap.get(ObjectKind::Users, o.id.as_deref()?))
        .chain(
            cx.extra_held
                .iter()
                .filter(|(kind, _)| *kind == ObjectKind::Users)
                .filter_map(|(_, ext)| cx.idmap.get(ObjectKind::Users, ext)),
        )
        .collect();
    let managed_by_gid: HashSet<&str> = managed_users
        .values()
        .map(String::as_str)
        .chain(cx.idmap.tables.users.values().map(GenesysId::as_str))
        .filter(|g| !held_users.contains(g))
        .collect();
    let members_by_queue: HashMap<&str, &[String]> = cx
        .actual
        .queues
        .iter()
        .map(|a| (a.id.as_str(), a.members.as_slice()))
        .collect();
    let mut changes = Vec::new();
    for q in &cx.snapshot.queues {
        if !cx.division_in_scope(q.division.as_ref()) || cx.is_held(kind, q.id.as_str()) {
            continue;
        }
        let wanted = wanted_by_queue
            .get(q.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let queue = cx.target(kind, q.id.as_str());
        let current: &[String] = match &queue {
            Target::Known(g) => members_by_queue
                .get(g.as_str())
                .copied()
                .unwrap_or_default(),
            Target::Pending(_) => &[],
        };
        let current_set: HashSet<&str> = current.iter().map(String::as_str).collect();
        // a member already in the queue is looked up without building its target
        let add: Vec<Ref> = wanted
            .iter()
            .filter(|u| {
                !cx.resolved_id(ObjectKind::Users, u)
                    .is_some_and(|g| current_set.contains(g))
            })
            .map(|u| cx.target(ObjectKind::Users, u).to_ref(Some(u)))
            .collect();
        let wanted_gids: HashSet<&str> = wanted
            .iter()
            .filter_map(|u| managed_users.get(*u).map(String::as_str))
            .collect();
        let remove: Vec<GenesysId> = current
            .iter()
            .filter(|g| managed_by_gid.contains(g.as_str()) && !wanted_gids.contains(g.as_str()))
            .map(|g| g.as_str().into())
            .collect();
        if !add.is_empty() || !remove.is_empty() {
            let genesys = match &queue {
                Target::Known(g) => Some(g.as_str()),
                Target::Pending(_) => None,
            };
            let reason = format!("{} to add, {} to remove", add.len(), remove.len());
            changes.push(change(
                Phase::Memberships,
                kind,
                q.id.as_str(),
                genesys,
                Action::SetQueueMembers { add, remove },
                reason,
            ));
        }
    }
    for c in changes {
        cx.push(c);
    }
}
