//! Users: match, create, adopt, restore, then fields, manager, skills and languages.

use std::collections::BTreeMap;

use super::super::actual::ActualUser;
use super::super::plan::{Action, FieldChange, Phase};
use super::context::{Context, Target, change};
use crate::external::snapshot::User;
use crate::genesys::model::UserState;
use crate::mapping::ObjectKind;

const KIND: ObjectKind = ObjectKind::Users;

pub(super) fn users(cx: &mut Context<'_>) {
    let mut deferred = 0usize;
    for u in &cx.snapshot.users {
        if !cx.division_in_scope(u.division.as_ref()) {
            continue;
        }
        let ext = u.id.as_str();
        if cx.actual.external_id_unchecked.contains(ext) {
            deferred += 1;
            continue;
        }
        let actual = match find(cx, u) {
            Lookup::Found(actual) => actual,
            Lookup::Conflict => continue,
            Lookup::Missing => {
                create(cx, u);
                continue;
            }
        };
        cx.record(KIND, ext, &actual.id);
        if u.active && actual.state != UserState::Active {
            let reason =
                format!("{:?} in Genesys, active in the snapshot", actual.state).to_lowercase();
            cx.push(change(
                Phase::Users,
                KIND,
                ext,
                Some(&actual.id),
                Action::RestoreUser,
                reason,
            ));
        }
        if !u.active && actual.state == UserState::Active {
            cx.push(change(
                Phase::Cleanup,
                KIND,
                ext,
                Some(&actual.id),
                Action::DeactivateUser,
                "inactive in the snapshot".into(),
            ));
        }
        details(cx, u, Some(actual));
    }
    if deferred > 0 {
        cx.warn(format!("{deferred} new users deferred to the next run: their external-id lookup did not fit in this one"));
    }
}

enum Lookup<'a> {
    Found(&'a ActualUser),
    Missing,
    Conflict,
}

/// The Genesys user for a snapshot user: id map, then external id, then email.
fn find<'a>(cx: &mut Context<'a>, u: &User) -> Lookup<'a> {
    let ext = u.id.as_str();
    let actual = cx.actual;
    let by_id = |id: &str| cx.users_by_id.get(id).copied();
    if let Some(a) = cx.idmap.get(KIND, ext).and_then(by_id) {
        return Lookup::Found(a);
    }
    if let Some(a) = actual.external_id_hits.get(ext).and_then(|g| by_id(g)) {
        cx.push(change(
            Phase::Users,
            KIND,
            ext,
            Some(&a.id),
            Action::Adopt,
            "carries exsync's external id".into(),
        ));
        return Lookup::Found(a);
    }
    let email = u.email.to_lowercase();
    let Some(a) = cx
        .users_by_email
        .get(&email)
        .copied()
        .filter(|a| !cx.is_claimed(KIND, &a.id))
    else {
        return Lookup::Missing;
    };
    if let Some(other) = cx.managed_as(KIND, &a.id).filter(|o| *o != ext) {
        cx.warn(format!(
            "user {ext}: email {} belongs to the Genesys user of {other}; not adopted, not created",
            u.email
        ));
        return Lookup::Conflict;
    }
    cx.push(change(
        Phase::Users,
        KIND,
        ext,
        Some(&a.id),
        Action::AdoptUserByEmail,
        "same email; registering exsync's external id".into(),
    ));
    Lookup::Found(a)
}

fn create(cx: &mut Context<'_>, u: &User) {
    let action = Action::CreateUser {
        name: u.name.clone(),
        email: u.email.clone(),
        division: cx.division_ref(u.division.as_ref()),
        title: u.title.clone(),
        department: u.department.clone(),
        active: u.active,
    };
    let reason = if u.active {
        "new in the snapshot"
    } else {
        "new in the snapshot (inactive: created inactive)"
    };
    cx.push(change(
        Phase::Users,
        KIND,
        u.id.as_str(),
        None,
        action,
        reason.into(),
    ));
    details(cx, u, None);
}

fn opt_diff(fields: &mut Vec<FieldChange>, name: &str, old: Option<&str>, new: Option<&str>) {
    if old.filter(|s| !s.is_empty()) != new.filter(|s| !s.is_empty()) {
        fields.push(FieldChange::new(name, old, new));
    }
}

/// Field, manager, skill and language changes of a matched (or about to be created) user.
fn details(cx: &mut Context<'_>, u: &User, actual: Option<&ActualUser>) {
    let ext = u.id.as_str();
    let genesys = actual.map(|a| a.id.as_str());
    let mut fields = Vec::new();
    let manager = u.manager.as_ref().map(|m| cx.target(KIND, m.as_str()));
    if let Some(a) = actual {
        opt_diff(&mut fields, "name", Some(&a.name), Some(&u.name));
        if a.email.to_lowercase() != u.email.to_lowercase() {
            fields.push(FieldChange::new("email", Some(&a.email), Some(&u.email)));
        }
        opt_diff(&mut fields, "title", a.title.as_deref(), u.title.as_deref());
        opt_diff(
            &mut fields,
            "department",
            a.department.as_deref(),
            u.department.as_deref(),
        );
        if !cx
            .division_target(u.division.as_ref())
            .is(a.division_id.as_deref())
        {
            let new = cx.division_ref(u.division.as_ref());
            fields.push(FieldChange::new(
                "division",
                a.division_id.as_deref(),
                new.as_deref().or(Some("home")),
            ));
        }
    }
    let manager_differs = match (&manager, actual.and_then(|a| a.manager_id.as_deref())) {
        (None, None) => false,
        (Some(t), current) => !t.is(current),
        // a manager the snapshot does not name is left as Genesys has it (an admin may set one)
        (None, Some(_)) => false,
    };
    if manager_differs {
        let old = actual.and_then(|a| a.manager_id.as_deref());
        fields.push(FieldChange::new(
            "manager",
            old,
            u.manager.as_ref().map(|m| m.as_str()),
        ));
    }
    opt_diff(
        &mut fields,
        "employeeId",
        actual.and_then(|a| a.employee_id.as_deref()),
        u.employee_id.as_deref(),
    );
    if !fields.is_empty() {
        let reason = if actual.is_some() {
            "changed in the snapshot"
        } else {
            "fields the create call cannot set"
        };
        cx.push(change(
            Phase::UserDetails,
            KIND,
            ext,
            genesys,
            Action::Update { fields },
            reason.into(),
        ));
    }

    let skills: BTreeMap<String, u8> = u
        .skills
        .iter()
        .map(|s| (s.skill.as_str().to_owned(), s.proficiency.value()))
        .collect();
    let current_skills = actual.map(|a| a.skills.clone()).unwrap_or_default();
    if !same_assignments(cx, ObjectKind::Skills, &skills, &current_skills) {
        let reason = format!(
            "{} skills wanted, {} assigned",
            skills.len(),
            current_skills.len()
        );
        cx.push(change(
            Phase::UserDetails,
            KIND,
            ext,
            genesys,
            Action::SetUserSkills { skills },
            reason,
        ));
    }

    let languages: BTreeMap<String, u8> = u
        .languages
        .iter()
        .map(|l| (l.language.as_str().to_owned(), l.proficiency.value()))
        .collect();
    let current_languages = actual.map(|a| a.languages.clone()).unwrap_or_default();
    if !same_assignments(cx, ObjectKind::Languages, &languages, &current_languages) {
        let wanted: Vec<Target> = languages
            .keys()
            .map(|l| cx.target(ObjectKind::Languages, l))
            .collect();
        let remove = current_languages
            .keys()
            .filter(|g| !wanted.contains(&Target::Known((*g).clone())))
            .cloned()
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
                set: languages,
                remove,
            },
            reason,
        ));
    }
}

/// Whether `wanted` (external id → proficiency) is exactly `current` (Genesys id → proficiency).
fn same_assignments(
    cx: &Context<'_>,
    kind: ObjectKind,
    wanted: &BTreeMap<String, u8>,
    current: &BTreeMap<String, f64>,
) -> bool {
    wanted.len() == current.len()
        && wanted.iter().all(|(ext, prof)| match cx.target(kind, ext) {
            Target::Known(g) => current
                .get(&g)
                .is_some_and(|p| (p - f64::from(*prof)).abs() < 1e-9),
            Target::Pending(_) => false,
        })
}
