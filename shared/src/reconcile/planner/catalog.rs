//! Divisions, skills, languages, wrap-up codes and secondary statuses.

use std::collections::{HashMap, HashSet};

use super::super::plan::{Action, FieldChange, Phase, UpdateBody};
use super::context::{Context, change};
use crate::mapping::ObjectKind;

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

pub(super) fn divisions(cx: &mut Context<'_>) {
    let kind = ObjectKind::Divisions;
    let actual = cx.actual;
    let index = NameIndex::new(
        actual
            .divisions
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let by_id: HashMap<&str, _> = actual
        .divisions
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for d in &cx.snapshot.divisions {
        if !cx.division_in_scope(Some(&d.id)) {
            continue;
        }
        let name = cx.genesys_name(&d.name);
        let description = d.description.clone().unwrap_or_default();
        let Some(found) = find(cx, kind, d.id.as_str(), &name, &index) else {
            cx.push(change(
                Phase::Divisions,
                kind,
                d.id.as_str(),
                None,
                Action::CreateDivision {
                    name: name.clone(),
                    description: description.clone(),
                },
                "new in the snapshot".into(),
            ));
            continue;
        };
        let id = settle(cx, Phase::Divisions, kind, d.id.as_str(), found);
        let Some(a) = by_id.get(id.as_str()) else {
            continue;
        };
        let mut fields = Vec::new();
        if a.name != name {
            fields.push(FieldChange::new("name", Some(&a.name), Some(&name)));
        }
        if a.description != description {
            fields.push(FieldChange::new(
                "description",
                Some(&a.description),
                Some(&description),
            ));
        }
        if !fields.is_empty() {
            cx.push(change(
                Phase::Divisions,
                kind,
                d.id.as_str(),
                Some(&id),
                Action::Update {
                    fields,
                    body: UpdateBody::Division { name, description },
                },
                "changed in the snapshot".into(),
            ));
        }
    }
}

pub(super) fn skills(cx: &mut Context<'_>) {
    let kind = ObjectKind::Skills;
    let actual = cx.actual;
    let index = NameIndex::new(
        actual
            .skills
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let by_id: HashMap<&str, _> = actual.skills.iter().map(|a| (a.id.as_str(), a)).collect();
    for s in &cx.snapshot.skills {
        if !cx.division_in_scope(s.division.as_ref()) || cx.is_held(kind, s.id.as_str()) {
            continue;
        }
        let name = cx.genesys_name(&s.name);
        let found = find(cx, kind, s.id.as_str(), &name, &index);
        let division = cx.division_ref(s.division.as_ref());
        let create = Action::CreateSkill {
            name: name.clone(),
            division: cx.division_reference(s.division.as_ref()),
        };
        let Some(found) = found else {
            cx.push(change(
                Phase::Catalog,
                kind,
                s.id.as_str(),
                None,
                create,
                "new in the snapshot".into(),
            ));
            continue;
        };
        if let Found::Mapped(old) = &found
            && let Some(a) = by_id.get(old.as_str())
            && a.name != name
        {
            let reason = format!("renamed from {:?}; Genesys cannot rename skills", a.name);
            cx.push(change(
                Phase::Catalog,
                kind,
                s.id.as_str(),
                None,
                create,
                reason,
            ));
            let retire =
                format!("replaced by {name:?} (rename); assignments move to the new skill first");
            cx.push(change(
                Phase::Cleanup,
                kind,
                s.id.as_str(),
                Some(old),
                Action::Delete,
                retire,
            ));
            continue;
        }
        let id = settle(cx, Phase::Catalog, kind, s.id.as_str(), found);
        let target = cx.division_target(s.division.as_ref());
        if let (Some(a), Some(division)) = (by_id.get(id.as_str()), division)
            && !target.is(a.division_id.as_deref())
        {
            let division = target.to_ref(Some(&division));
            cx.push(change(
                Phase::Catalog,
                kind,
                s.id.as_str(),
                Some(&id),
                Action::SetSkillDivision { division },
                format!(
                    "division {} → {}",
                    a.division_id.as_deref().unwrap_or("-"),
                    target.show()
                ),
            ));
        }
    }
}

pub(super) fn languages(cx: &mut Context<'_>) {
    let kind = ObjectKind::Languages;
    let actual = cx.actual;
    let index = NameIndex::new(
        actual
            .languages
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let by_id: HashMap<&str, _> = actual
        .languages
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for l in &cx.snapshot.languages {
        let name = cx.genesys_name(&l.name);
        let found = find(cx, kind, l.id.as_str(), &name, &index);
        let create = Action::CreateLanguage { name: name.clone() };
        match found {
            None => cx.push(change(
                Phase::Catalog,
                kind,
                l.id.as_str(),
                None,
                create,
                "new in the snapshot".into(),
            )),
            Some(Found::Mapped(old)) if by_id.get(old.as_str()).is_some_and(|a| a.name != name) => {
                cx.push(change(
                    Phase::Catalog,
                    kind,
                    l.id.as_str(),
                    None,
                    create,
                    "renamed; Genesys cannot rename languages".into(),
                ));
                cx.push(change(
                    Phase::Cleanup,
                    kind,
                    l.id.as_str(),
                    Some(&old),
                    Action::Delete,
                    format!("replaced by {name:?} (rename)"),
                ));
            }
            Some(found) => {
                settle(cx, Phase::Catalog, kind, l.id.as_str(), found);
            }
        }
    }
}

pub(super) fn wrapup_codes(cx: &mut Context<'_>) {
    let kind = ObjectKind::WrapupCodes;
    let actual = cx.actual;
    let index = NameIndex::new(
        actual
            .wrapup_codes
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let by_id: HashMap<&str, _> = actual
        .wrapup_codes
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for w in &cx.snapshot.wrapup_codes {
        if !cx.division_in_scope(w.division.as_ref()) || cx.is_held(kind, w.id.as_str()) {
            continue;
        }
        let name = cx.genesys_name(&w.name);
        let division = cx.division_ref(w.division.as_ref());
        let division_ref = cx.division_reference(w.division.as_ref());
        let Some(found) = find(cx, kind, w.id.as_str(), &name, &index) else {
            cx.push(change(
                Phase::Catalog,
                kind,
                w.id.as_str(),
                None,
                Action::CreateWrapupCode {
                    name,
                    division: division_ref,
                },
                "new in the snapshot".into(),
            ));
            continue;
        };
        let id = settle(cx, Phase::Catalog, kind, w.id.as_str(), found);
        let target = cx.division_target(w.division.as_ref());
        let Some(a) = by_id.get(id.as_str()) else {
            continue;
        };
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
        if !fields.is_empty() {
            cx.push(change(
                Phase::Catalog,
                kind,
                w.id.as_str(),
                Some(&id),
                Action::Update {
                    fields,
                    body: UpdateBody::WrapupCode {
                        name,
                        division: cx.division_reference(w.division.as_ref()),
                    },
                },
                "changed in the snapshot".into(),
            ));
        }
    }
}
