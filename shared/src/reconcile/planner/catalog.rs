//! Divisions, skills, languages and wrap-up codes: one path for the four named catalog types,
//! each described by a [`Rules`] entry (how it is created, what an update sends, whether a new
//! name means a new object). Matching (id map, then exact name) is shared with queues; secondary
//! statuses match by label (`statuses.rs`).

use std::collections::{HashMap, HashSet};

use super::super::plan::{Action, FieldChange, Phase, UpdateBody};
use super::context::{Context, change};
use crate::external::ObjectKind;
use crate::external::{Division, Language, Placement, Skill, WrapupCode};
use crate::ids::ExternalId;

/// How a snapshot object found its Genesys counterpart.
pub(super) enum Found {
    /// through the id map
    Mapped(String),
    /// by exact name, not yet exsync's
    ByName(String),
}

/// The actual objects of one kind by id and by exact name, built once per kind so that matching
/// a snapshot object never scans the org.
pub(super) struct NameIndex<'a> {
    ids: HashSet<&'a str>,
    by_name: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> NameIndex<'a> {
    /// An index over `(id, name)` pairs.
    pub(super) fn new(objects: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut index = Self {
            ids: HashSet::new(),
            by_name: HashMap::new(),
        };
        for (id, name) in objects {
            index.ids.insert(id);
            index.by_name.entry(name).or_default().push(id);
        }
        index
    }
}

/// Finds the Genesys object for the snapshot object `external` named `name`: through the id map
/// when the mapped object still exists, else by exact name among objects no other snapshot object
/// claimed or exsync manages for another external id.
pub(super) fn find(
    cx: &Context<'_>,
    kind: ObjectKind,
    external: &str,
    name: &str,
    index: &NameIndex<'_>,
) -> Option<Found> {
    if let Some(id) = cx.mapped(kind, external, |g| index.ids.contains(g)) {
        return Some(Found::Mapped(id));
    }
    if !cx.name_in_scope(name) {
        return None;
    }
    index
        .by_name
        .get(name)?
        .iter()
        .find(|id| {
            !cx.is_claimed(kind, id) && cx.managed_as(kind, id).is_none_or(|e| e == external)
        })
        .map(|id| Found::ByName((*id).to_owned()))
}

/// Records a match (adopting a by-name match) and returns its Genesys id.
pub(super) fn settle(
    cx: &mut Context<'_>,
    phase: Phase,
    kind: ObjectKind,
    external: &str,
    found: Found,
) -> String {
    let id = match found {
        Found::Mapped(id) => id,
        Found::ByName(id) => {
            cx.push(change(
                phase,
                kind,
                external,
                Some(&id),
                Action::Adopt,
                "an object of the same name exists; adopting it".into(),
            ));
            id
        }
    };
    cx.record(kind, external, &id);
    id
}

/// A snapshot object of a named catalog type, as Genesys should have it.
pub(super) struct Wanted<'s> {
    id: &'s str,
    /// the Genesys name (the mapping's prefix + the snapshot's)
    name: String,
    /// its own division (skills, wrap-up codes)
    division: Option<&'s ExternalId>,
    description: String,
    placement: Placement<'s>,
}

/// An org object of the type.
pub(super) struct Have<'a> {
    id: &'a str,
    name: &'a str,
    division_id: Option<&'a str>,
    description: &'a str,
}

/// What differs between the named catalog types.
struct Rules {
    kind: ObjectKind,
    phase: Phase,
    /// Genesys cannot rename it: a new name is a new object, the old one retired in cleanup after
    /// the assignments moved
    recreate_on_rename: bool,
    create: fn(&Context<'_>, &Wanted<'_>) -> Action,
    /// the change that brings `have` to `wanted`, with its reason (`None`: in sync)
    update: fn(&Context<'_>, &Wanted<'_>, &Have<'_>) -> Option<(Action, String)>,
}

/// Plans one named catalog type: create what the org lacks, adopt exact-name matches, update or
/// recreate what differs.
fn named(cx: &mut Context<'_>, rules: &Rules, wanted: Vec<Wanted<'_>>, have: &[Have<'_>]) {
    let kind = rules.kind;
    let index = NameIndex::new(have.iter().map(|h| (h.id, h.name)));
    let by_id: HashMap<&str, &Have<'_>> = have.iter().map(|h| (h.id, h)).collect();
    for w in wanted {
        if !super::super::status::in_scope(cx.mapping, w.placement) || cx.is_held(kind, w.id) {
            continue;
        }
        let create = (rules.create)(cx, &w);
        let Some(found) = find(cx, kind, w.id, &w.name, &index) else {
            let new = "new in the snapshot".to_owned();
            cx.push(change(rules.phase, kind, w.id, None, create, new));
            continue;
        };
        if rules.recreate_on_rename
            && let Found::Mapped(old) = &found
            && let Some(h) = by_id.get(old.as_str())
            && h.name != w.name
        {
            let plural = kind;
            let reason = format!("renamed from {:?}; Genesys cannot rename {plural}", h.name);
            cx.push(change(rules.phase, kind, w.id, None, create, reason));
            let retire = format!(
                "replaced by {:?} (rename); assignments move to the new one first",
                w.name
            );
            cx.push(change(
                Phase::Cleanup,
                kind,
                w.id,
                Some(old),
                Action::Delete,
                retire,
            ));
            continue;
        }
        let id = settle(cx, rules.phase, kind, w.id, found);
        if let Some(h) = by_id.get(id.as_str())
            && let Some((action, reason)) = (rules.update)(cx, &w, h)
        {
            cx.push(change(rules.phase, kind, w.id, Some(&id), action, reason));
        }
    }
}

fn changed() -> String {
    "changed in the snapshot".into()
}

pub(super) fn divisions(cx: &mut Context<'_>) {
    let rules = Rules {
        kind: ObjectKind::Divisions,
        phase: Phase::Divisions,
        recreate_on_rename: false,
        create: |_, w| Action::CreateDivision {
            name: w.name.clone(),
            description: w.description.clone(),
        },
        update: |_, w, h| {
            let mut fields = Vec::new();
            if h.name != w.name {
                fields.push(FieldChange::new("name", Some(h.name), Some(&w.name)));
            }
            if h.description != w.description {
                let (old, new) = (Some(h.description), Some(w.description.as_str()));
                fields.push(FieldChange::new("description", old, new));
            }
            let body = UpdateBody::Division {
                name: w.name.clone(),
                description: w.description.clone(),
            };
            (!fields.is_empty()).then(|| (Action::Update { fields, body }, changed()))
        },
    };
    let wanted = wanted_from(cx, &cx.snapshot.divisions);
    let have: Vec<Have<'_>> = cx
        .actual
        .divisions
        .iter()
        .map(|a| Have {
            id: &a.id,
            name: &a.name,
            division_id: None,
            description: &a.description,
        })
        .collect();
    named(cx, &rules, wanted, &have);
}

pub(super) fn skills(cx: &mut Context<'_>) {
    let rules = Rules {
        kind: ObjectKind::Skills,
        phase: Phase::Catalog,
        recreate_on_rename: true,
        create: |cx, w| Action::CreateSkill {
            name: w.name.clone(),
            division: cx.division_reference(w.division),
        },
        update: |cx, w, h| {
            let external = cx.division_ref(w.division)?;
            let target = cx.division_target(w.division);
            if target.is(h.division_id) {
                return None;
            }
            let reason = format!(
                "division {} → {}",
                h.division_id.unwrap_or("-"),
                target.show()
            );
            let division = target.to_ref(Some(&external));
            Some((Action::SetSkillDivision { division }, reason))
        },
    };
    let wanted = wanted_from(cx, &cx.snapshot.skills);
    let have = named_have(&cx.actual.skills);
    named(cx, &rules, wanted, &have);
}

pub(super) fn languages(cx: &mut Context<'_>) {
    let rules = Rules {
        kind: ObjectKind::Languages,
        phase: Phase::Catalog,
        recreate_on_rename: true,
        create: |_, w| Action::CreateLanguage {
            name: w.name.clone(),
        },
        update: |_, _, _| None,
    };
    let wanted = wanted_from(cx, &cx.snapshot.languages);
    let have = named_have(&cx.actual.languages);
    named(cx, &rules, wanted, &have);
}

pub(super) fn wrapup_codes(cx: &mut Context<'_>) {
    let rules = Rules {
        kind: ObjectKind::WrapupCodes,
        phase: Phase::Catalog,
        recreate_on_rename: false,
        create: |cx, w| Action::CreateWrapupCode {
            name: w.name.clone(),
            division: cx.division_reference(w.division),
        },
        update: |cx, w, h| {
            let mut fields = Vec::new();
            if h.name != w.name {
                fields.push(FieldChange::new("name", Some(h.name), Some(&w.name)));
            }
            if !cx.division_target(w.division).is(h.division_id) {
                let new = cx.division_ref(w.division);
                fields.push(FieldChange::new("division", h.division_id, new.as_deref()));
            }
            let body = UpdateBody::WrapupCode {
                name: w.name.clone(),
                division: cx.division_reference(w.division),
            };
            (!fields.is_empty()).then(|| (Action::Update { fields, body }, changed()))
        },
    };
    let wanted = wanted_from(cx, &cx.snapshot.wrapup_codes);
    let have = named_have(&cx.actual.wrapup_codes);
    named(cx, &rules, wanted, &have);
}

/// A snapshot object of a named catalog type, as the planner reads it.
pub(super) trait Named {
    fn id(&self) -> &ExternalId;
    fn name(&self) -> &str;
    /// its own division (skills, wrap-up codes; `None` for the other types)
    fn division(&self) -> Option<&ExternalId> {
        None
    }
    /// where scope places it: its own division, else the default
    fn placement(&self) -> Placement<'_> {
        self.division().map_or(Placement::Default, Placement::In)
    }
    fn description(&self) -> &str {
        ""
    }
}

impl Named for Division {
    fn id(&self) -> &ExternalId {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn placement(&self) -> Placement<'_> {
        Placement::In(&self.id)
    }
    fn description(&self) -> &str {
        self.description.as_deref().unwrap_or("")
    }
}

impl Named for Skill {
    fn id(&self) -> &ExternalId {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn division(&self) -> Option<&ExternalId> {
        self.division.as_ref()
    }
}

impl Named for Language {
    fn id(&self) -> &ExternalId {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn placement(&self) -> Placement<'_> {
        Placement::Unplaced
    }
}

impl Named for WrapupCode {
    fn id(&self) -> &ExternalId {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn division(&self) -> Option<&ExternalId> {
        self.division.as_ref()
    }
}

/// The snapshot's objects of one named type, as Genesys should have them.
fn wanted_from<'s, T: Named>(cx: &Context<'_>, objects: &'s [T]) -> Vec<Wanted<'s>> {
    objects
        .iter()
        .map(|o| Wanted {
            id: o.id().as_str(),
            name: cx.genesys_name(o.name()),
            division: o.division(),
            description: o.description().to_owned(),
            placement: o.placement(),
        })
        .collect()
}

fn named_have(actual: &[super::super::actual::ActualNamed]) -> Vec<Have<'_>> {
    actual
        .iter()
        .map(|a| Have {
            id: &a.id,
            name: &a.name,
            division_id: a.division_id.as_deref(),
            description: a.description.as_deref().unwrap_or(""),
        })
        .collect()
}
