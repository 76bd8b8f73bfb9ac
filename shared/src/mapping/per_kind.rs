//! [`PerKind`]: one value for each [`ObjectKind`], in place of seven parallel fields and the
//! matches that pick among them (the id map's tables, the mass-change guard's limits, the deletion
//! policy).
//!
//! In JSON it is an object keyed by the types' names (`users`, `wrapupCodes`, ...): a type left
//! out gets the default value (and a default value is left out when written), a key that names no
//! type is an error naming the allowed ones. Flattened into a struct, it takes every key the
//! struct's own fields do not, so unknown keys are refused there too.

use std::collections::BTreeMap;

use serde::de::Deserializer;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::external::ObjectKind;

/// A value per object type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PerKind<T> {
    /// users
    pub users: T,
    /// divisions
    pub divisions: T,
    /// skills
    pub skills: T,
    /// languages
    pub languages: T,
    /// wrap-up codes
    pub wrapup_codes: T,
    /// secondary statuses
    pub secondary_statuses: T,
    /// queues
    pub queues: T,
}

impl<T> PerKind<T> {
    /// The value of one type.
    pub fn get(&self, kind: ObjectKind) -> &T {
        match kind {
            ObjectKind::Users => &self.users,
            ObjectKind::Divisions => &self.divisions,
            ObjectKind::Skills => &self.skills,
            ObjectKind::Languages => &self.languages,
            ObjectKind::WrapupCodes => &self.wrapup_codes,
            ObjectKind::SecondaryStatuses => &self.secondary_statuses,
            ObjectKind::Queues => &self.queues,
        }
    }

    /// The value of one type, mutable.
    pub fn get_mut(&mut self, kind: ObjectKind) -> &mut T {
        match kind {
            ObjectKind::Users => &mut self.users,
            ObjectKind::Divisions => &mut self.divisions,
            ObjectKind::Skills => &mut self.skills,
            ObjectKind::Languages => &mut self.languages,
            ObjectKind::WrapupCodes => &mut self.wrapup_codes,
            ObjectKind::SecondaryStatuses => &mut self.secondary_statuses,
            ObjectKind::Queues => &mut self.queues,
        }
    }

    /// Every type with its value, in [`ObjectKind::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectKind, &T)> {
        ObjectKind::ALL.iter().map(|kind| (*kind, self.get(*kind)))
    }
}

impl<T: Serialize + Default + PartialEq> Serialize for PerKind<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let default = T::default();
        let mut map = serializer.serialize_map(None)?;
        for (kind, value) in self.iter().filter(|(_, v)| **v != default) {
            map.serialize_entry(&kind, value)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for PerKind<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut given = BTreeMap::<ObjectKind, T>::deserialize(deserializer)?;
        let mut out = Self::default();
        for kind in ObjectKind::ALL {
            if let Some(value) = given.remove(&kind) {
                *out.get_mut(kind) = value;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_left_out_gets_the_default_and_json_round_trips() {
        let read: PerKind<u8> = serde_json::from_str(r#"{"wrapupCodes": 7}"#).unwrap();
        assert_eq!(*read.get(ObjectKind::WrapupCodes), 7);
        assert_eq!(*read.get(ObjectKind::Users), 0);
        let back: PerKind<u8> =
            serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
        assert_eq!(back, read);
    }

    #[test]
    fn a_key_naming_no_type_is_refused_with_the_allowed_names() {
        let error = serde_json::from_str::<PerKind<u8>>(r#"{"agents": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown variant `agents`"), "{error}");
        assert!(error.contains("wrapupCodes"), "{error}");
    }
}
