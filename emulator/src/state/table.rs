//! [`Table`]: objects keyed by id, serialized as a JSON list (the shape of `state_json` and of
//! seed snapshots).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Something stored in a [`Table`].
pub trait Keyed {
    /// The object's id.
    fn key(&self) -> &str;
}

/// Implements [`Keyed`] for types whose key is their `id` field.
macro_rules! keyed_by_id {
    ($($t:ty),*) => {$(
        impl $crate::state::table::Keyed for $t {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}
pub(crate) use keyed_by_id;

/// Objects by id; iteration is in id order, listings sort as the API requires.
#[derive(Debug, Clone)]
pub struct Table<T>(BTreeMap<String, T>);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table(BTreeMap::new())
    }
}

impl<T: Keyed> Table<T> {
    /// Inserts or replaces by id.
    pub fn insert(&mut self, item: T) {
        self.0.insert(item.key().to_owned(), item);
    }

    /// The object with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.get(id)
    }

    /// The object with this id, mutably.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        self.0.get_mut(id)
    }

    /// Removes and returns the object with this id.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.0.remove(id)
    }

    /// Whether an object with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// All objects.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.values()
    }

    /// All objects, mutably.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.values_mut()
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Moves every object of `other` in, replacing same ids.
    pub fn merge(&mut self, other: Table<T>) {
        self.0.extend(other.0);
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

impl<'de, T: Deserialize<'de> + Keyed> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        let mut table = Table::default();
        for item in items {
            table.insert(item);
        }
        Ok(table)
    }
}
