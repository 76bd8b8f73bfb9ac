//! The rules for users: ids, names, emails, references, proficiencies and the manager chain.

use std::collections::{HashMap, HashSet};

use super::{Kind, Known, object_name, unique_id};
use crate::external::problems::Problem;
use crate::external::snapshot::{ConfigSnapshot, Proficiency, User};

/// Checks every user of `snapshot`.
pub(super) fn check(problems: &mut Vec<Problem>, snapshot: &ConfigSnapshot, known: &Known<'_>) {
    let mut ids = HashSet::new();
    let mut emails: HashMap<String, String> = HashMap::new();
    for (index, user) in snapshot.users.iter().enumerate() {
        let object = object_name("users", user.id.as_str(), index);
        unique_id(problems, &mut ids, &object, user.id.as_str());
        if user.name.trim().is_empty() {
            problems.push(Problem::new(&object, "name", "must not be empty"));
        }
        email(problems, &mut emails, &object, &user.email);
        let division = user.division.as_ref().map(|d| d.as_str());
        known.reference(problems, &object, "division", Kind::Division, division);
        manager(problems, &object, user, known);
        assignments(problems, &object, user, known);
    }
    manager_loops(problems, snapshot);
}

fn email(
    problems: &mut Vec<Problem>,
    seen: &mut HashMap<String, String>,
    object: &str,
    email: &str,
) {
    if !is_email(email) {
        let message = format!("`{email}` is not an email address");
        problems.push(Problem::new(object, "email", message));
        return;
    }
    match seen.get(&email.to_lowercase()) {
        Some(first) => {
            let message = format!("duplicate email `{email}`; also used by {first}");
            problems.push(Problem::new(object, "email", message));
            // both sides: which of the two owns the address cannot be told from the snapshot
            let message = format!("duplicate email `{email}`; also used by {object}");
            problems.push(Problem::new(first, "email", message));
        }
        None => {
            seen.insert(email.to_lowercase(), object.to_owned());
        }
    }
}

/// A pragmatic address check: `local@domain.tld`, no spaces, no empty labels, at most 254 bytes.
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let printable = |s: &str| s.chars().all(|c| c.is_ascii_graphic() || !c.is_ascii());
    email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && printable(local)
        && !local.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn manager(problems: &mut Vec<Problem>, object: &str, user: &User, known: &Known<'_>) {
    let Some(manager) = &user.manager else {
        return;
    };
    if manager == &user.id {
        problems.push(Problem::new(
            object,
            "manager",
            "a user cannot be their own manager",
        ));
    } else {
        known.reference(
            problems,
            object,
            "manager",
            Kind::User,
            Some(manager.as_str()),
        );
    }
}

fn assignments(problems: &mut Vec<Problem>, object: &str, user: &User, known: &Known<'_>) {
    let skills = user.skills.iter().enumerate();
    let entries = skills.map(|(i, s)| (format!("skills[{i}].skill"), s.skill.as_str()));
    known.list(problems, object, Kind::Skill, entries);
    for (i, skill) in user.skills.iter().enumerate() {
        proficiency(
            problems,
            object,
            &format!("skills[{i}].proficiency"),
            skill.proficiency,
        );
    }
    let languages = user.languages.iter().enumerate();
    let entries = languages.map(|(i, l)| (format!("languages[{i}].language"), l.language.as_str()));
    known.list(problems, object, Kind::Language, entries);
    for (i, language) in user.languages.iter().enumerate() {
        let field = format!("languages[{i}].proficiency");
        proficiency(problems, object, &field, language.proficiency);
    }
    let queues = user.queues.iter().enumerate();
    let entries = queues.map(|(i, q)| (format!("queues[{i}]"), q.as_str()));
    known.list(problems, object, Kind::Queue, entries);
}

fn proficiency(problems: &mut Vec<Problem>, object: &str, field: &str, value: Proficiency) {
    if !value.is_valid() {
        let message = format!(
            "{} is out of range 0.0 to {:.1}",
            value.value(),
            Proficiency::MAX
        );
        problems.push(Problem::new(object, field, message));
    }
}

/// Reports each loop in the manager chain on every one of its users (none of them can be told
/// to be the one that is wrong), naming the loop from the first of them in snapshot order.
///
/// Linear: every user is walked at most once, a walk stopping at the first user already settled.
fn manager_loops(problems: &mut Vec<Problem>, snapshot: &ConfigSnapshot) {
    let managers: HashMap<&str, &str> = snapshot
        .users
        .iter()
        .filter_map(|u| u.manager.as_ref().map(|m| (u.id.as_str(), m.as_str())))
        .filter(|(user, manager)| user != manager)
        .collect();
    let index_of: HashMap<&str, usize> = snapshot
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let mut settled: HashSet<&str> = HashSet::new();
    for user in &snapshot.users {
        let start = user.id.as_str();
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::new();
        let mut current = Some(start);
        while let Some(at) = current {
            if settled.contains(at) {
                break;
            }
            if let Some(&from) = on_path.get(at) {
                let cycle = path.get(from..).unwrap_or_default();
                report_loop(problems, cycle, &index_of);
                break;
            }
            on_path.insert(at, path.len());
            path.push(at);
            current = managers.get(at).copied();
        }
        settled.extend(path);
    }
}

/// One problem per user of a manager loop.
fn report_loop(problems: &mut Vec<Problem>, cycle: &[&str], index_of: &HashMap<&str, usize>) {
    let Some(first) = cycle.iter().min_by_key(|u| index_of.get(*u)).copied() else {
        return;
    };
    let from = cycle.iter().position(|u| *u == first).unwrap_or(0);
    let mut chain: Vec<&str> = cycle
        .iter()
        .cycle()
        .skip(from)
        .take(cycle.len())
        .copied()
        .collect();
    chain.push(first);
    let message = format!("the manager chain loops: {}", chain.join(" → "));
    let mut members: Vec<&str> = cycle.to_vec();
    members.sort_by_key(|u| index_of.get(u));
    for user in members {
        let index = index_of.get(user).copied().unwrap_or(0);
        problems.push(Problem::new(
            object_name("users", user, index),
            "manager",
            message.clone(),
        ));
    }
}
