//! What a reference in a snapshot may point at: the ids of each kind of object, plus the objects
//! that could not be read (already reported, so references to them are not reported again).

use std::collections::{HashMap, HashSet};

use super::Excused;
use crate::external::problems::Problem;
use crate::external::snapshot::ConfigSnapshot;

/// The kinds of object a reference can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Division,
    Skill,
    Language,
    WrapupCode,
    Queue,
    User,
}

impl Kind {
    /// The snapshot collection holding this kind.
    fn collection(self) -> &'static str {
        match self {
            Self::Division => "divisions",
            Self::Skill => "skills",
            Self::Language => "languages",
            Self::WrapupCode => "wrapupCodes",
            Self::Queue => "queues",
            Self::User => "users",
        }
    }

    /// The kind in words, for messages.
    fn noun(self) -> &'static str {
        match self {
            Self::Division => "division",
            Self::Skill => "skill",
            Self::Language => "language",
            Self::WrapupCode => "wrap-up code",
            Self::Queue => "queue",
            Self::User => "user",
        }
    }
}

/// The ids each reference may point at.
pub(super) struct Known<'a> {
    ids: HashMap<Kind, HashSet<&'a str>>,
    excused: &'a Excused,
}

impl<'a> Known<'a> {
    pub(super) fn of(snapshot: &'a ConfigSnapshot, excused: &'a Excused) -> Self {
        let s = snapshot;
        let ids = HashMap::from([
            (
                Kind::Division,
                s.divisions.iter().map(|o| o.id.as_str()).collect(),
            ),
            (
                Kind::Skill,
                s.skills.iter().map(|o| o.id.as_str()).collect(),
            ),
            (
                Kind::Language,
                s.languages.iter().map(|o| o.id.as_str()).collect(),
            ),
            (
                Kind::WrapupCode,
                s.wrapup_codes.iter().map(|o| o.id.as_str()).collect(),
            ),
            (
                Kind::Queue,
                s.queues.iter().map(|o| o.id.as_str()).collect(),
            ),
            (Kind::User, s.users.iter().map(|o| o.id.as_str()).collect()),
        ]);
        Self { ids, excused }
    }

    /// Whether `id` names an object of `kind` (or one already reported as unreadable).
    pub(super) fn has(&self, kind: Kind, id: &str) -> bool {
        self.ids.get(&kind).is_some_and(|ids| ids.contains(id))
            || self.excused.contains(kind.collection(), id)
    }

    /// Reports a reference that points nowhere.
    pub(super) fn reference(
        &self,
        problems: &mut Vec<Problem>,
        object: &str,
        field: &str,
        kind: Kind,
        id: Option<&str>,
    ) {
        if let Some(id) = id
            && !self.has(kind, id)
        {
            let message = format!("unknown {} `{id}`", kind.noun());
            problems.push(Problem::new(object, field, message));
        }
    }

    /// Reports dangling and repeated entries of an id list such as a queue's `wrapupCodes`, given
    /// as (field, id) pairs.
    pub(super) fn list<'i>(
        &self,
        problems: &mut Vec<Problem>,
        object: &str,
        kind: Kind,
        entries: impl Iterator<Item = (String, &'i str)>,
    ) {
        let mut seen = HashSet::new();
        for (field, id) in entries {
            if !seen.insert(id) {
                let message = format!("{} `{id}` is listed twice", kind.noun());
                problems.push(Problem::new(object, &field, message));
            } else {
                self.reference(problems, object, &field, kind, Some(id));
            }
        }
    }
}
