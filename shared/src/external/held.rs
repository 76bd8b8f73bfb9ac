//! Snapshot objects held back from a sync: invalid ones, and the ones that depend on them.
//!
//! One invalid object must not stop the others, and must never be deleted or deactivated for
//! being invalid. So reading a snapshot splits it: the valid objects go on to planning, and every
//! object that cannot be synced is *held*: left exactly as Genesys has it (not created, not
//! updated, not removed, not counted by the deletion policy or the mass-change guard), with the
//! problems that explain why. The planner consults [`Held`] for references into it (a manager
//! link, a skill assignment) and skips those with a reason that names the held object.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::kind::ObjectKind;
use super::problems::Problem;

/// Why an object is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HeldWhy {
    /// the object itself breaks a rule (its problems say which)
    Invalid,
    /// the object is valid but needs a held one (its division)
    Depends,
}

/// One held object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldObject {
    /// where it is in the snapshot
    pub collection: ObjectKind,
    /// its external id; `None` when it has none that can be read (then its Genesys counterpart
    /// cannot be known, and nothing of its collection is removed in this run)
    pub id: Option<String>,
    /// why
    pub why: HeldWhy,
    /// every problem, each naming the object and the field
    pub problems: Vec<Problem>,
}

impl HeldObject {
    /// The problems in one line: `email: not an email address; skills[0].skill: unknown skill`.
    pub fn reason(&self) -> String {
        self.problems
            .iter()
            .map(|p| {
                if p.field.is_empty() {
                    p.message.clone()
                } else {
                    format!("{}: {}", p.field, p.message)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// `users[agent-1001]`, or `users[#3]` for an object without a readable id.
    pub fn object(&self) -> String {
        match &self.id {
            Some(id) => format!("{}[{id}]", self.collection),
            None => self
                .problems
                .first()
                .map_or_else(|| format!("{}[?]", self.collection), |p| p.object.clone()),
        }
    }
}

/// The objects of a snapshot held back from the sync.
///
/// Serialized as the list of held objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Vec<HeldObject>", from = "Vec<HeldObject>")]
pub struct Held {
    objects: Vec<HeldObject>,
    index: BTreeMap<(ObjectKind, String), usize>,
}

impl From<Vec<HeldObject>> for Held {
    fn from(objects: Vec<HeldObject>) -> Self {
        let mut held = Self::default();
        for object in objects {
            held.hold(object);
        }
        held
    }
}

impl From<Held> for Vec<HeldObject> {
    fn from(held: Held) -> Self {
        held.objects
    }
}

impl Held {
    /// Holds `object` (a second hold of the same object adds its problems to the first).
    pub fn hold(&mut self, object: HeldObject) {
        let Some(id) = object.id.clone() else {
            self.objects.push(object);
            return;
        };
        match self.index.get(&(object.collection, id.clone())) {
            Some(&at) => {
                if let Some(existing) = self.objects.get_mut(at) {
                    existing.problems.extend(object.problems);
                    if object.why == HeldWhy::Invalid {
                        existing.why = HeldWhy::Invalid;
                    }
                }
            }
            None => {
                self.index
                    .insert((object.collection, id), self.objects.len());
                self.objects.push(object);
            }
        }
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// How many objects are held.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Every held object, in the order they were found.
    pub fn objects(&self) -> &[HeldObject] {
        &self.objects
    }

    /// The held object with this id, if any.
    pub fn get(&self, collection: ObjectKind, id: &str) -> Option<&HeldObject> {
        self.index
            .get(&(collection, id.to_owned()))
            .and_then(|at| self.objects.get(*at))
    }

    /// Whether the object with this id is held.
    pub fn contains(&self, collection: ObjectKind, id: &str) -> bool {
        self.index.contains_key(&(collection, id.to_owned()))
    }

    /// Whether an object of `collection` without a readable id is held: its Genesys counterpart
    /// is unknown, so no object of the collection may be removed as "no longer in the snapshot".
    pub fn has_unidentified(&self, collection: ObjectKind) -> bool {
        self.objects
            .iter()
            .any(|o| o.collection == collection && o.id.is_none())
    }

    /// Every problem of every held object.
    pub fn problems(&self) -> Vec<Problem> {
        self.objects
            .iter()
            .flat_map(|o| o.problems.iter().cloned())
            .collect()
    }
}
