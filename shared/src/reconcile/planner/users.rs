//! Users: match, create, adopt, restore, then fields, manager, skills and languages.

use super::super::actual::ActualUser;
use super::super::plan::{Action, Employer, FieldChange, Phase, UpdateBody, UserPatch};
use super::assignments;
use super::context::{Context, change};
use crate::external::ObjectKind;
use crate::external::snapshot::User;
use crate::genesys::model::UserState;

const KIND: ObjectKind = ObjectKind::Users;

/// Users in two passes: first every snapshot user is matched (or planned for creation), so that
/// the second pass, which compares fields, sees the Genesys id of every manager whatever the
/// order of the snapshot (a manager listed after their reports is still known).
pub(super) fn users(cx: &mut Context<'_>) {
    let mut deferred = 0usize;
    let mut matched: Vec<(&User, Option<&ActualUser>)> =
        Vec::with_capacity(cx.snapshot.users.len());
    for u in &cx.snapshot.users {
        if !cx.division_in_scope(u.division.as_ref()) || cx.is_held(KIND, u.id.as_str()) {
            continue;
        }
        let ext = u.id.as_str();
        if cx.actual.external_id_unchecked.contains(ext) {
            deferred += 1;
            continue;
        }
        match find(cx, u) {
            Lookup::Found(actual) => {
                cx.record(KIND, ext, &actual.id);
                lifecycle(cx, u, actual);
                matched.push((u, Some(actual)));
            }
            Lookup::Conflict => {}
            Lookup::Missing => {
                create(cx, u);
                matched.push((u, None));
            }
        }
    }
    for (u, actual) in matched {
        details(cx, u, actual);
    }
    if deferred > 0 {
        cx.warn(format!("{deferred} new users deferred to the next run: their external-id lookup did not fit in this one"));
    }
}

/// Restores a user the snapshot has active, deactivates one it has inactive.
fn lifecycle(cx: &mut Context<'_>, u: &User, actual: &ActualUser) {
    let ext = u.id.as_str();
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
        Action::AdoptUserByEmail {
            authority: cx.mapping.user_authority.clone(),
        },
        "same email; registering exsync's external id".into(),
    ));
    Lookup::Found(a)
}

fn create(cx: &mut Context<'_>, u: &User) {
    let action = Action::CreateUser {
        name: u.name.clone(),
        email: u.email.clone(),
        division: cx.division_reference(u.division.as_ref()),
        title: u.title.clone(),
        department: u.department.clone(),
        active: u.active,
        authority: cx.mapping.user_authority.clone(),
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
}

/// What the PATCH (and the division move) sends for the changed `fields`: the snapshot's values,
/// an empty string for a cleared text field.
fn patch(cx: &Context<'_>, u: &User, fields: &[FieldChange]) -> UserPatch {
    let changed = |f: &str| fields.iter().any(|x| x.field == f);
    let text = |f: &str, v: &Option<String>| changed(f).then(|| v.clone().unwrap_or_default());
    UserPatch {
        name: changed("name").then(|| u.name.clone()),
        email: changed("email").then(|| u.email.clone()),
        title: text("title", &u.title),
        department: text("department", &u.department),
        manager: u
            .manager
            .as_ref()
            .filter(|_| changed("manager"))
            .map(|m| cx.reference(KIND, m.as_str())),
        employer: changed("employeeId").then(|| Employer {
            employee_id: u.employee_id.clone(),
        }),
        division: changed("division").then(|| cx.division_reference(u.division.as_ref())),
    }
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
    let manager = u.manager.as_ref().map(|m| m.as_str());
    if let Some(a) = actual {
        opt_diff(&mut fields, "name", Some(&a.name), Some(&u.name));
        if !same_email(&a.email, &u.email) {
            fields.push(FieldChange::new("email", Some(&a.email), Some(&u.email)));
        }
        opt_diff(&mut fields, "title", a.title.as_deref(), u.title.as_deref());
        opt_diff(
            &mut fields,
            "department",
            a.department.as_deref(),
            u.department.as_deref(),
        );
        if !cx.division_is(u.division.as_ref(), a.division_id.as_deref()) {
            let new = cx.division_ref(u.division.as_ref());
            fields.push(FieldChange::new(
                "division",
                a.division_id.as_deref(),
                new.as_deref().or(Some("home")),
            ));
        }
    }
    let held_manager = u
        .manager
        .as_ref()
        .and_then(|m| cx.first_held(KIND, [m.as_str()]));
    let outside_scope = u
        .manager
        .as_ref()
        .filter(|m| !cx.user_in_scope(m.as_str()))
        .map(|m| m.as_str().to_owned());
    let manager = match (held_manager, outside_scope) {
        (Some(held), _) => {
            cx.skip(
                KIND,
                Some(ext),
                "manager",
                format!("the manager {held} is held back"),
            );
            None
        }
        (None, Some(outside)) => {
            // exsync does not manage that user, so it cannot name their Genesys id
            cx.skip(
                KIND,
                Some(ext),
                "manager",
                format!("the manager users[{outside}] is outside the mapping's scope.divisions"),
            );
            None
        }
        (None, None) => manager,
    };
    let manager_differs = match (&manager, actual.and_then(|a| a.manager_id.as_deref())) {
        (None, None) => false,
        (Some(_), current) => {
            let wanted = u
                .manager
                .as_ref()
                .and_then(|m| cx.resolved_id(KIND, m.as_str()));
            wanted.is_none() || wanted != current
        }
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
        let body = UpdateBody::User(patch(cx, u, &fields));
        cx.push(change(
            Phase::UserDetails,
            KIND,
            ext,
            genesys,
            Action::Update { fields, body },
            reason.into(),
        ));
    }

    let held_skill = cx.first_held(
        ObjectKind::Skills,
        u.skills.iter().map(|s| s.skill.as_str()),
    );
    if let Some(held) = held_skill {
        cx.skip(
            KIND,
            Some(ext),
            "skills",
            format!("the skill {held} is held back"),
        );
    } else {
        assignments::skills_change(cx, u, actual);
    }
    let held_language = cx.first_held(
        ObjectKind::Languages,
        u.languages.iter().map(|l| l.language.as_str()),
    );
    if let Some(held) = held_language {
        cx.skip(
            KIND,
            Some(ext),
            "languages",
            format!("the language {held} is held back"),
        );
    } else {
        assignments::languages_change(cx, u, actual);
    }
}

/// Emails compare without case; ASCII ones (nearly all) without allocating.
fn same_email(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::same_email;

    #[test]
    fn emails_match_without_case_in_ascii_and_beyond() {
        assert!(same_email(
            "Lena.Vogel@Example.com",
            "lena.vogel@example.COM"
        ));
        assert!(same_email("JÜRGEN@example.com", "jürgen@example.com"));
        assert!(!same_email("lena@example.com", "lena2@example.com"));
        assert!(!same_email("jürgen@example.com", "jurgen@example.com"));
    }
}
