//! The rules a configuration snapshot must follow, checked all at once.
//!
//! Every rule adds a [`Problem`] naming the object (`users[agent-1001]`) and the field
//! (`skills[0].proficiency`) and goes on; nothing stops at the first finding. The catalog objects
//! (divisions to queues) are checked here, users in [`users`]; [`known`] resolves references.

mod known;
mod users;

use std::collections::{HashMap, HashSet};

use super::problems::{InputError, Problem};
use super::snapshot::ConfigSnapshot;
use crate::presence::SystemPresence;
use known::{Kind, Known};

/// Objects a problem was already reported for because they could not be read: references to them
/// are not reported again as dangling.
#[derive(Debug, Default)]
pub(crate) struct Excused(HashSet<(String, String)>);

impl Excused {
    pub(crate) fn new(dropped: Vec<(String, String)>) -> Self {
        Self(dropped.into_iter().collect())
    }

    fn contains(&self, collection: &str, id: &str) -> bool {
        self.0.contains(&(collection.to_owned(), id.to_owned()))
    }
}

/// Checks every rule of a snapshot.
///
/// # Errors
///
/// An [`InputError`] listing every broken rule: duplicate ids and names, empty names, dangling
/// references, bad or duplicate emails, proficiencies out of range, bad labels, manager loops.
pub fn validate_snapshot(snapshot: &ConfigSnapshot) -> Result<(), InputError> {
    InputError::check(validate_excusing(snapshot, &Excused::default()))
}

pub(crate) fn validate_excusing(snapshot: &ConfigSnapshot, excused: &Excused) -> Vec<Problem> {
    let known = Known::of(snapshot, excused);
    let mut problems = Vec::new();
    let divisions = snapshot
        .divisions
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()));
    catalog(&mut problems, "divisions", divisions);
    let skills = snapshot
        .skills
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()));
    catalog(&mut problems, "skills", skills);
    for (index, skill) in snapshot.skills.iter().enumerate() {
        let object = object_name("skills", skill.id.as_str(), index);
        let division = skill.division.as_ref().map(|d| d.as_str());
        known.reference(&mut problems, &object, "division", Kind::Division, division);
    }
    let languages = snapshot
        .languages
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()));
    catalog(&mut problems, "languages", languages);
    let codes = snapshot
        .wrapup_codes
        .iter()
        .map(|w| (w.id.as_str(), w.name.as_str()));
    catalog(&mut problems, "wrapupCodes", codes);
    for (index, code) in snapshot.wrapup_codes.iter().enumerate() {
        let object = object_name("wrapupCodes", code.id.as_str(), index);
        let division = code.division.as_ref().map(|d| d.as_str());
        known.reference(&mut problems, &object, "division", Kind::Division, division);
    }
    secondary_statuses(&mut problems, snapshot);
    let queues = snapshot
        .queues
        .iter()
        .map(|q| (q.id.as_str(), q.name.as_str()));
    catalog(&mut problems, "queues", queues);
    for (index, queue) in snapshot.queues.iter().enumerate() {
        let object = object_name("queues", queue.id.as_str(), index);
        let division = queue.division.as_ref().map(|d| d.as_str());
        known.reference(&mut problems, &object, "division", Kind::Division, division);
        let codes = queue.wrapup_codes.iter().enumerate();
        let entries = codes.map(|(i, code)| (format!("wrapupCodes[{i}]"), code.as_str()));
        known.list(&mut problems, &object, Kind::WrapupCode, entries);
    }
    users::check(&mut problems, snapshot, &known);
    problems
}

/// `collection[id]`, or `collection[index]` when the id is empty.
fn object_name(collection: &str, id: &str, index: usize) -> String {
    if id.is_empty() {
        format!("{collection}[{index}]")
    } else {
        format!("{collection}[{id}]")
    }
}

/// Ids unique and not empty, names not empty and unique case-insensitively.
fn catalog<'a>(
    problems: &mut Vec<Problem>,
    collection: &str,
    objects: impl Iterator<Item = (&'a str, &'a str)>,
) {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut ids = HashSet::new();
    for (index, (id, name)) in objects.enumerate() {
        let object = object_name(collection, id, index);
        unique_id(problems, &mut ids, &object, id);
        if name.trim().is_empty() {
            problems.push(Problem::new(&object, "name", "must not be empty"));
            continue;
        }
        let key = name.trim().to_lowercase();
        match names.get(&key) {
            Some(first) => {
                problems.push(Problem::new(
                    &object,
                    "name",
                    format!("duplicate name `{name}`; also used by {first}"),
                ));
                // both sides: which of the two is right cannot be told from the snapshot
                problems.push(Problem::new(
                    first,
                    "name",
                    format!("duplicate name `{name}`; also used by {object}"),
                ));
            }
            None => {
                names.insert(key, object);
            }
        }
    }
}

fn unique_id<'a>(
    problems: &mut Vec<Problem>,
    seen: &mut HashSet<&'a str>,
    object: &str,
    id: &'a str,
) {
    if id.trim().is_empty() {
        problems.push(Problem::new(object, "id", "must not be empty"));
    } else if !seen.insert(id) {
        problems.push(Problem::new(object, "id", "duplicate id"));
    }
}

/// Secondary presences Genesys allows under a system presence.
pub(crate) fn takes_secondary(presence: SystemPresence) -> bool {
    !matches!(
        presence,
        SystemPresence::Offline | SystemPresence::OnQueue | SystemPresence::Idle
    )
}

fn secondary_statuses(problems: &mut Vec<Problem>, snapshot: &ConfigSnapshot) {
    let mut ids = HashSet::new();
    let mut labels: HashMap<(&str, String), String> = HashMap::new();
    for (index, status) in snapshot.secondary_statuses.iter().enumerate() {
        let object = object_name("secondaryStatuses", status.id.as_str(), index);
        unique_id(problems, &mut ids, &object, status.id.as_str());
        if !takes_secondary(status.system_presence) {
            let message = format!(
                "{} cannot have secondary statuses; use Available, Away, Busy, Break, Meal, Meeting or Training",
                status.system_presence
            );
            problems.push(Problem::new(&object, "systemPresence", message));
        }
        if status.labels.is_empty() {
            problems.push(Problem::new(
                &object,
                "labels",
                "at least one label is required",
            ));
        }
        for (locale, label) in &status.labels {
            let field = format!("labels.{locale}");
            if !is_locale(locale) {
                let message = format!("`{locale}` is not a locale code such as `en_US` or `de`");
                problems.push(Problem::new(&object, &field, message));
            }
            if label.trim().is_empty() {
                problems.push(Problem::new(&object, &field, "must not be empty"));
                continue;
            }
            match labels.get(&(locale.as_str(), label.trim().to_lowercase())) {
                Some(first) => {
                    problems.push(Problem::new(
                        &object,
                        &field,
                        format!("duplicate label `{label}`; also used by {first}"),
                    ));
                    problems.push(Problem::new(
                        first,
                        &field,
                        format!("duplicate label `{label}`; also used by {object}"),
                    ));
                }
                None => {
                    labels.insert((locale, label.trim().to_lowercase()), object.clone());
                }
            }
        }
    }
}

/// `de`, `en_US`, `zh_TW`, ...: a lowercase language and an optional uppercase region.
pub(crate) fn is_locale(code: &str) -> bool {
    let (language, region) = code.split_once('_').unwrap_or((code, "AA"));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
pub(crate) mod tests;
