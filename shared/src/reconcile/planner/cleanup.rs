//! Removals: managed objects the snapshot no longer has, as the deletion policy says, and the
//! mass-change guard over them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::plan::{Action, Change, GuardViolation, Phase};
use super::context::Context;
use crate::external::ObjectKind;
use crate::genesys::model::UserState;
use crate::mapping::Removal;

/// Object types in the order their removals are applied (dependents first).
const ORDER: [ObjectKind; 7] = [
    ObjectKind::Users,
    ObjectKind::Queues,
    ObjectKind::WrapupCodes,
    ObjectKind::SecondaryStatuses,
    ObjectKind::Skills,
    ObjectKind::Languages,
    ObjectKind::Divisions,
];

/// (Genesys id, name, division id, user state) of every actual object of a kind, borrowed.
fn actual_objects<'a>(
    cx: &Context<'a>,
    kind: ObjectKind,
) -> Vec<(&'a str, &'a str, Option<&'a str>, Option<UserState>)> {
    let a = cx.actual;
    match kind {
        ObjectKind::Users => a
            .users
            .iter()
            .map(|u| {
                (
                    u.id.as_str(),
                    u.name.as_str(),
                    u.division_id.as_deref(),
                    Some(u.state),
                )
            })
            .collect(),
        ObjectKind::Divisions => a
            .divisions
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str(), Some(d.id.as_str()), None))
            .collect(),
        ObjectKind::Skills => a
            .skills
            .iter()
            .map(|s| {
                (
                    s.id.as_str(),
                    s.name.as_str(),
                    s.division_id.as_deref(),
                    None,
                )
            })
            .collect(),
        ObjectKind::Languages => a
            .languages
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str(), None, None))
            .collect(),
        ObjectKind::WrapupCodes => a
            .wrapup_codes
            .iter()
            .map(|w| {
                (
                    w.id.as_str(),
                    w.name.as_str(),
                    w.division_id.as_deref(),
                    None,
                )
            })
            .collect(),
        ObjectKind::SecondaryStatuses => a
            .presence_definitions
            .iter()
            .filter(|d| !d.system)
            .map(|d| {
                (
                    d.id.as_str(),
                    d.labels.values().next().map_or("", String::as_str),
                    None,
                    None,
                )
            })
            .collect(),
        ObjectKind::Queues => a
            .queues
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    q.name.as_str(),
                    q.division_id.as_deref(),
                    None,
                )
            })
            .collect(),
    }
}

pub(super) fn removals(cx: &mut Context<'_>) {
    let already: BTreeSet<String> = cx.plan_deletes();
    let divisions_by_gid = cx.idmap.reverse(ObjectKind::Divisions);
    let mut counts: BTreeMap<ObjectKind, (usize, usize)> = BTreeMap::new();
    let mut changes = Vec::new();
    for kind in ORDER {
        if cx.snapshot.held.has_unidentified(kind) {
            let reason = format!(
                "the snapshot has {kind} it cannot identify (no readable id); nothing of the type is removed in this run"
            );
            cx.skip(kind, None, "removals", reason);
            continue;
        }
        let objects: HashMap<&str, (&str, Option<&str>, Option<UserState>)> =
            actual_objects(cx, kind)
                .into_iter()
                .map(|(id, name, division, state)| (id, (name, division, state)))
                .collect();
        for (ext, gid) in cx.idmap.table(kind) {
            let Some((name, division, state)) = objects.get(gid.as_str()) else {
                continue;
            };
            let in_scope = (kind == ObjectKind::Users || cx.name_in_scope(name))
                && (kind == ObjectKind::Languages
                    || kind == ObjectKind::SecondaryStatuses
                    || cx.mapping.scope.divisions.is_none()
                    || division
                        .as_deref()
                        .and_then(|d| divisions_by_gid.get(d))
                        .is_some_and(|d| cx.division_in_scope(Some(&(*d).into()))));
            if !in_scope {
                continue;
            }
            let entry = counts.entry(kind).or_insert((0, 0));
            entry.0 += 1;
            // a held object is in the snapshot, only not syncable: never "no longer in it"
            if cx.resolved_id(kind, ext.as_str()).is_some()
                || already.contains(gid.as_str())
                || cx.is_held(kind, ext.as_str())
            {
                continue;
            }
            let action = match cx.mapping.deletion.removal(kind) {
                // `removal` answers only keep, deactivate or delete
                Removal::Unset | Removal::Ignore | Removal::Keep => None,
                Removal::Deactivate => (kind == ObjectKind::Users
                    && *state == Some(UserState::Active))
                .then_some(Action::DeactivateUser),
                Removal::Delete => (*state != Some(UserState::Deleted)).then_some(Action::Delete),
            };
            let Some(action) = action else { continue };
            entry.1 += 1;
            changes.push(Change {
                phase: Phase::Cleanup,
                kind: Some(kind),
                external_id: Some(ext.clone()),
                genesys_id: Some(gid.clone()),
                version: None,
                action,
                reason: "no longer in the snapshot".into(),
            });
        }
    }
    // explicit deactivations (inactive in the snapshot) count towards the guard too
    let explicit = cx.count_cleanup(ObjectKind::Users);
    if let Some(entry) = counts.get_mut(&ObjectKind::Users) {
        entry.1 += explicit;
    }
    for change in changes {
        cx.push(change);
    }
    for (kind, (managed, removing)) in counts {
        if !cx
            .mapping
            .mass_change_guard
            .permits(kind, managed, removing)
        {
            cx.block(GuardViolation {
                kind,
                managed,
                removing,
                max_percent: cx.mapping.mass_change_guard.max_percent.get(kind).value(),
            });
        }
    }
}
