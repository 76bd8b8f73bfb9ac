//! The planner: desired (snapshot + mapping) vs actual (Genesys) → [`Plan`]. Pure: no I/O, no
//! clock, no environment; golden-tested against recorded JSON.
//!
//! Rules, in the order the plan applies them:
//! - the presence source is ensured (one per org, by name) and made the default primary source;
//! - divisions, skills, languages, wrap-up codes and secondary statuses match through the id map,
//!   then by exact name (secondary statuses by label), and are created when neither finds them;
//!   skills and languages cannot be renamed: a rename is create-new, move assignments,
//!   retire-old;
//! - queues likewise, with their wrap-up codes;
//! - users match through the id map, then by exsync's external id, then by email (adopted: the
//!   external id is registered); a soft-deleted or inactive user who is active in the snapshot is
//!   restored, never re-created;
//! - user fields, manager, skills (one replace call) and languages follow;
//! - queue memberships of managed users;
//! - last, objects exsync manages that the snapshot no longer has, as the deletion policy says;
//!   the mass-change guard blocks the plan if that is too many of one type.
//!
//! Only managed objects (in the id map, or adopted now) are ever changed; everything else in the
//! org is left alone whatever the snapshot says. Objects the snapshot holds back (invalid, or in an
//! invalid division: [`crate::external::held`]) are left as Genesys has them, never removed, and
//! listed in [`Plan::skipped`]; so is each relation of a valid object to one of them (a manager
//! link, a skill or language set, a queue's wrap-up codes or members).

mod assignments;
mod catalog;
mod cleanup;
mod context;
mod queues;
mod statuses;
mod users;

use super::actual::{ActualOrg, OrgQuery, QueriedUser};
use super::plan::{Action, Change, Phase, Plan};
use crate::external::{ConfigSnapshot, HeldWhy, ObjectKind, Placement};
use crate::mapping::MappingDocument;
use crate::store::IdMap;

pub(crate) use context::Context;

/// The desired state a plan is made from.
#[derive(Debug, Clone, Copy)]
pub struct Desired<'a> {
    /// the external configuration
    pub snapshot: &'a ConfigSnapshot,
    /// the mapping document
    pub mapping: &'a MappingDocument,
}

/// What the planner needs read from the org besides the listings: the queues the snapshot wants
/// under their Genesys names (their members, in case they are adopted) and the snapshot's users
/// (looked up by exsync's external id when the id map does not know them).
pub fn org_query(desired: Desired<'_>) -> OrgQuery {
    let Desired { snapshot, mapping } = desired;
    let prefix = mapping.name_prefix.as_deref().unwrap_or("");
    OrgQuery {
        queue_names: snapshot
            .queues
            .iter()
            .map(|q| format!("{prefix}{}", q.name))
            .collect(),
        queue_ids: Default::default(),
        users: snapshot
            .users
            .iter()
            .map(|u| QueriedUser {
                external_id: u.id.as_str().to_owned(),
                email: u.email.clone(),
            })
            .collect(),
        authority: mapping.user_authority.clone(),
    }
}

/// Plans a sync.
pub fn plan(
    snapshot: &ConfigSnapshot,
    mapping: &MappingDocument,
    actual: &ActualOrg,
    idmap: &IdMap,
) -> Plan {
    let mut cx = Context::new(snapshot, mapping, actual, idmap);
    held(&mut cx);
    presence_source(&mut cx);
    catalog::divisions(&mut cx);
    catalog::skills(&mut cx);
    catalog::languages(&mut cx);
    catalog::wrapup_codes(&mut cx);
    statuses::secondary_statuses(&mut cx);
    queues::queues(&mut cx);
    users::users(&mut cx);
    queues::memberships(&mut cx);
    cleanup::removals(&mut cx);
    cx.finish()
}

/// The objects the snapshot holds back are left as Genesys has them, each with its reason.
fn held(cx: &mut Context<'_>) {
    for object in cx.snapshot.held.objects() {
        let why = match object.why {
            HeldWhy::Invalid => "invalid in the snapshot",
            HeldWhy::Depends => "depends on an object held back",
        };
        let reason = format!("{why}: {}", object.reason());
        cx.skip(object.collection, object.id.as_deref(), "object", reason);
    }
    default_division_held(cx);
}

/// Objects that name no division land in the mapping's default division; when the snapshot holds
/// that division back, they are held with it (listed, never created, updated or removed).
fn default_division_held(cx: &mut Context<'_>) {
    let Some(default) = cx.mapping.default_division.as_ref() else {
        return;
    };
    if !cx
        .snapshot
        .held
        .contains(ObjectKind::Divisions, default.as_str())
    {
        return;
    }
    let placed = cx
        .snapshot
        .objects()
        .filter(|(_, _, placement)| *placement == Placement::Default)
        .map(|(kind, id, _)| (kind, id));
    let reason = format!(
        "depends on an object held back: it names no division and the mapping's defaultDivision `{default}` is invalid in the snapshot"
    );
    let held: Vec<(ObjectKind, String)> = placed.map(|(k, id)| (k, id.to_owned())).collect();
    for (kind, id) in held {
        cx.skip(kind, Some(&id), "object", reason.clone());
        cx.extra_held.insert((kind, id));
    }
}

fn presence_source(cx: &mut Context<'_>) {
    let name = cx.mapping.presence_source_name.clone();
    let existing = cx
        .actual
        .presence_sources
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(id, _)| id.clone());
    match &existing {
        None => cx.push(Change {
            phase: Phase::Presence,
            kind: None,
            external_id: None,
            genesys_id: None,
            version: None,
            action: Action::CreatePresenceSource { name: name.clone() },
            reason: format!("no presence source named {name:?}"),
        }),
        Some(id) if cx.idmap.presence_source_id.as_deref() != Some(id) => cx.push(Change {
            phase: Phase::Presence,
            kind: None,
            external_id: None,
            genesys_id: Some(id.as_str().into()),
            version: None,
            action: Action::Adopt,
            reason: format!("presence source {name:?} exists"),
        }),
        Some(_) => {}
    }
    if existing.is_none() || cx.actual.default_primary_source != existing {
        cx.push(Change {
            phase: Phase::Presence,
            kind: None,
            external_id: None,
            genesys_id: existing.map(Into::into),
            version: None,
            action: Action::SetDefaultPrimarySource,
            reason: "the external platform is the org's primary presence source".into(),
        });
    }
}
