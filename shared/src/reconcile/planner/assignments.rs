//! A user's skills (one replace call) and languages (set and remove), compared with what Genesys
//! has without allocating for an unchanged user.

use std::collections::BTreeMap;

use super::super::actual::ActualUser;
use super::super::plan::{Action, Level, Phase};
use super::context::{Context, Target, change};
use crate::external::ObjectKind;
use crate::external::snapshot::{Proficiency, User};

const KIND: ObjectKind = ObjectKind::Users;

/// Replaces the user's skills when they differ from the snapshot's.
pub(super) fn skills_change(cx: &mut Context<'_>, u: &User, actual: Option<&ActualUser>) {
    let ext = u.id.as_str();
    let genesys = actual.map(|a| a.id.as_str());
    let skills: BTreeMap<String, f64> = u
        .skills
        .iter()
        .map(|s| (s.skill.as_str().to_owned(), s.proficiency.value()))
        .collect();
    let empty = BTreeMap::new();
    let current_skills = actual.map_or(&empty, |a| &a.skills);
    if !same_assignments(cx, ObjectKind::Skills, &skills, current_skills) {
        let reason = format!(
            "{} skills wanted, {} assigned",
            skills.len(),
            current_skills.len()
        );
        let skills = levels(cx, ObjectKind::Skills, &skills);
        cx.push(change(
            Phase::UserDetails,
            KIND,
            ext,
            genesys,
            Action::SetUserSkills { skills },
            reason,
        ));
    }
}

/// Sets the user's languages when they differ from the snapshot's.
pub(super) fn languages_change(cx: &mut Context<'_>, u: &User, actual: Option<&ActualUser>) {
    let ext = u.id.as_str();
    let genesys = actual.map(|a| a.id.as_str());
    let languages: BTreeMap<String, f64> = u
        .languages
        .iter()
        .map(|l| (l.language.as_str().to_owned(), l.proficiency.value()))
        .collect();
    let empty = BTreeMap::new();
    let current_languages = actual.map_or(&empty, |a| &a.languages);
    if !same_assignments(cx, ObjectKind::Languages, &languages, current_languages) {
        let wanted: Vec<Target> = languages
            .keys()
            .map(|l| cx.target(ObjectKind::Languages, l))
            .collect();
        let remove = current_languages
            .keys()
            .filter(|g| !wanted.contains(&Target::Known((*g).clone())))
            .map(|g| g.as_str().into())
            .collect();
        let reason = format!(
            "{} languages wanted, {} assigned",
            languages.len(),
            current_languages.len()
        );
        cx.push(change(
            Phase::UserDetails,
            KIND,
            ext,
            genesys,
            Action::SetUserLanguages {
                set: levels(cx, ObjectKind::Languages, &languages),
                remove,
            },
            reason,
        ));
    }
}

/// The levels a change sends: each skill or language referred to as the plan will find it.
fn levels(cx: &Context<'_>, kind: ObjectKind, wanted: &BTreeMap<String, f64>) -> Vec<Level> {
    wanted
        .iter()
        .map(|(ext, proficiency)| Level {
            item: cx.reference(kind, ext),
            proficiency: *proficiency,
        })
        .collect()
}

/// Whether `wanted` (external id → proficiency) is exactly `current` (Genesys id → proficiency).
fn same_assignments(
    cx: &Context<'_>,
    kind: ObjectKind,
    wanted: &BTreeMap<String, f64>,
    current: &BTreeMap<String, f64>,
) -> bool {
    wanted.len() == current.len()
        && wanted.iter().all(|(ext, prof)| {
            cx.resolved_id(kind, ext)
                .and_then(|g| current.get(g))
                .is_some_and(|p| (p - prof).abs() <= Proficiency::TOLERANCE)
        })
}
