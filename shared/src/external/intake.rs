//! Reading a configuration snapshot object by object: the valid objects go on, every object that
//! cannot be synced is held back (see [`super::held`]) with the problems that say why.
//!
//! Only a document that is not a snapshot at all is refused whole: text that is not JSON, a wrong
//! `schema`, a missing or malformed collection or `generatedAt`, or a problem that belongs to no
//! single object. Everything else is per object:
//!
//! 1. each element of each collection is read on its own, so an unreadable field (`"proficiency":
//!    "high"`) holds that element only; an element without a readable `id` is held as
//!    *unidentified*, which stops removals of its collection for the run;
//! 2. the rules of [`super::snapshot_rules`] run on what was read, and every object a problem
//!    names is held (both sides of a duplicate, every user on a manager loop);
//! 3. objects placed in a held division are held too, as dependents.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;

use super::decode::{Layout, decode, parse_json};
use super::format::{Format, SchemaTag};
use super::held::{Held, HeldObject, HeldWhy};
use super::kind::ObjectKind;
use super::problems::{InputError, Problem};
use super::snapshot::{ConfigSnapshot, Placement, SNAPSHOT_OBJECT};
use super::snapshot_rules::{Excused, validate_excusing};

/// The snapshot's outline: its header and its collections, element by element unread.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Frame {
    schema: SchemaTag,
    generated_at: DateTime<Utc>,
    divisions: Vec<Value>,
    skills: Vec<Value>,
    languages: Vec<Value>,
    wrapup_codes: Vec<Value>,
    secondary_statuses: Vec<Value>,
    queues: Vec<Value>,
    users: Vec<Value>,
}

/// Reads and validates a configuration snapshot, refusing it when any object is invalid (for
/// `exsync validate` and tests; a sync uses [`read_snapshot`], which holds invalid objects back
/// and syncs the rest).
///
/// # Errors
///
/// An [`InputError`] listing every problem: invalid JSON, a wrong `schema`, unreadable objects
/// (named by collection and id) and every broken rule of [`super::validate_snapshot`].
pub fn parse_snapshot(json: &str) -> Result<ConfigSnapshot, InputError> {
    let snapshot = read_snapshot(json)?;
    if snapshot.held.is_empty() {
        Ok(snapshot)
    } else {
        Err(InputError::new(snapshot.held.problems()))
    }
}

/// Reads a configuration snapshot, holding back the objects that cannot be synced.
///
/// The returned snapshot holds the valid objects only; [`ConfigSnapshot::held`] lists the others
/// with their problems.
///
/// # Errors
/// An [`InputError`] when the document is not a usable `exsync.config/v1` snapshot at all.
pub fn read_snapshot(json: &str) -> Result<ConfigSnapshot, InputError> {
    let value = parse_json(json, SNAPSHOT_OBJECT).map_err(InputError::single)?;
    Format::Config
        .check(&value, SNAPSHOT_OBJECT)
        .map_err(InputError::single)?;
    let decoded = decode::<Frame>(value, Layout::Document(SNAPSHOT_OBJECT));
    let frame = match decoded.value {
        Some(frame) if decoded.problems.is_empty() => frame,
        _ => return Err(InputError::new(decoded.problems)),
    };
    let mut held = Held::default();
    let snapshot = ConfigSnapshot {
        schema: frame.schema,
        generated_at: frame.generated_at,
        divisions: elements(ObjectKind::Divisions, frame.divisions, &mut held),
        skills: elements(ObjectKind::Skills, frame.skills, &mut held),
        languages: elements(ObjectKind::Languages, frame.languages, &mut held),
        wrapup_codes: elements(ObjectKind::WrapupCodes, frame.wrapup_codes, &mut held),
        secondary_statuses: elements(
            ObjectKind::SecondaryStatuses,
            frame.secondary_statuses,
            &mut held,
        ),
        queues: elements(ObjectKind::Queues, frame.queues, &mut held),
        users: elements(ObjectKind::Users, frame.users, &mut held),
        held: Held::default(),
    };
    settle(snapshot, held)
}

/// Runs the snapshot rules on `snapshot`, whose unreadable objects `held` already holds: every
/// object a problem names is held too, then the objects placed in a held division, and the held
/// objects leave the collections. Also how an adapter (Amazon Connect's configuration) hands its
/// objects to the same rules.
///
/// # Errors
/// An [`InputError`] when a problem names no single object.
pub(crate) fn settle(
    mut snapshot: ConfigSnapshot,
    mut held: Held,
) -> Result<ConfigSnapshot, InputError> {
    let excused = Excused::new(
        held.objects()
            .iter()
            .filter_map(|o| Some((o.collection.name().to_owned(), o.id.clone()?)))
            .collect(),
    );
    let problems = validate_excusing(&snapshot, &excused);
    attribute(&snapshot, problems, &mut held)?;
    hold_dependents(&snapshot, &mut held);
    retain_valid(&mut snapshot, &held);
    snapshot.held = held;
    Ok(snapshot)
}

/// Reads each element of one collection on its own.
fn elements<T: DeserializeOwned>(
    collection: ObjectKind,
    values: Vec<Value>,
    held: &mut Held,
) -> Vec<T> {
    let mut out = Vec::with_capacity(values.len());
    for (index, value) in values.into_iter().enumerate() {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.trim().is_empty())
            .map(str::to_owned);
        let Some(id) = id else {
            let object = format!("{collection}[{index}]");
            held.hold(HeldObject {
                collection,
                id: None,
                why: HeldWhy::Invalid,
                problems: vec![Problem::new(
                    object,
                    "id",
                    "must be a string that is not empty",
                )],
            });
            continue;
        };
        let object = format!("{collection}[{id}]");
        let decoded = decode::<T>(value, Layout::Document(&object));
        match decoded.value {
            Some(typed) if decoded.problems.is_empty() => out.push(typed),
            _ => held.hold(HeldObject {
                collection,
                id: Some(id),
                why: HeldWhy::Invalid,
                problems: decoded.problems,
            }),
        }
    }
    out
}

/// The (collection, id) of every object, by the name problems give it (`users[agent-1]`).
fn names(snapshot: &ConfigSnapshot) -> HashMap<String, (ObjectKind, String)> {
    snapshot
        .objects()
        .map(|(collection, id, _)| (format!("{collection}[{id}]"), (collection, id.to_owned())))
        .collect()
}

/// Holds every object a problem names; a problem that names no object refuses the snapshot.
fn attribute(
    snapshot: &ConfigSnapshot,
    problems: Vec<Problem>,
    held: &mut Held,
) -> Result<(), InputError> {
    if problems.is_empty() {
        return Ok(());
    }
    let names = names(snapshot);
    if problems.iter().any(|p| !names.contains_key(&p.object)) {
        return Err(InputError::new(problems));
    }
    for problem in problems {
        if let Some((collection, id)) = names.get(&problem.object) {
            held.hold(HeldObject {
                collection: *collection,
                id: Some(id.clone()),
                why: HeldWhy::Invalid,
                problems: vec![problem],
            });
        }
    }
    Ok(())
}

/// Holds the objects placed in a held division.
fn hold_dependents(snapshot: &ConfigSnapshot, held: &mut Held) {
    let dependents: Vec<HeldObject> = snapshot
        .objects()
        .filter_map(|(collection, id, placement)| {
            let Placement::In(division) = placement else {
                return None;
            };
            if held.contains(collection, id)
                || !held.contains(ObjectKind::Divisions, division.as_str())
            {
                return None;
            }
            Some(HeldObject {
                collection,
                id: Some(id.to_owned()),
                why: HeldWhy::Depends,
                problems: vec![Problem::new(
                    format!("{collection}[{id}]"),
                    "division",
                    format!(
                        "its division `{division}` is held back (divisions[{division}] is invalid)"
                    ),
                )],
            })
        })
        .collect();
    for object in dependents {
        held.hold(object);
    }
}

/// Drops the held objects from the snapshot's collections.
fn retain_valid(snapshot: &mut ConfigSnapshot, held: &Held) {
    if held.is_empty() {
        return;
    }
    let keep = |collection: ObjectKind, id: &str| !held.contains(collection, id);
    let s = snapshot;
    s.divisions
        .retain(|o| keep(ObjectKind::Divisions, o.id.as_str()));
    s.skills.retain(|o| keep(ObjectKind::Skills, o.id.as_str()));
    s.languages
        .retain(|o| keep(ObjectKind::Languages, o.id.as_str()));
    s.wrapup_codes
        .retain(|o| keep(ObjectKind::WrapupCodes, o.id.as_str()));
    s.secondary_statuses
        .retain(|o| keep(ObjectKind::SecondaryStatuses, o.id.as_str()));
    s.queues.retain(|o| keep(ObjectKind::Queues, o.id.as_str()));
    s.users.retain(|o| keep(ObjectKind::Users, o.id.as_str()));
}
