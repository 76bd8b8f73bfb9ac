//! Mutations of valid input: bit flips, truncation, extreme fixed-width values written over
//! length, count and time fields, inserted and removed bytes; for JSON, values swapped for
//! hostile ones (huge numbers, times at the ends of the calendar, wrong types, deep nesting).

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// Bounded runs: 256 cases a property, no regression files written beside the sources.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Fewer cases for properties whose one case decodes a large document.
pub fn config_for_large_documents() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..config()
    }
}

/// A value a length, count, rate or time field should never hold.
fn extreme() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(1),
        Just(u64::from(u16::MAX)),
        Just(u64::from(u32::MAX)),
        Just(u64::from(u32::MAX) + 1),
        Just(1 << 62),
        Just(1 << 63),
        Just(u64::MAX - 1),
        Just(u64::MAX),
        any::<u64>(),
    ]
}

/// One change to a byte string; positions are taken relative to its length at the time.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Flip one bit.
    Flip(Index, u8),
    /// Cut the string here.
    Truncate(Index),
    /// Write `width` bytes of a value, little- or big-endian.
    Overwrite {
        at: Index,
        value: u64,
        width: usize,
        big_endian: bool,
    },
    /// Insert bytes.
    Insert(Index, Vec<u8>),
    /// Remove up to `len` bytes.
    Remove(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        3 => (any::<Index>(), extreme(), prop::sample::select(vec![1usize, 2, 4, 8]), any::<bool>())
            .prop_map(|(at, value, width, big_endian)| Mutation::Overwrite { at, value, width, big_endian }),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        1 => (any::<Index>(), 1usize..64).prop_map(|(at, len)| Mutation::Remove(at, len)),
    ]
}

/// Applies one mutation.
pub fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        if let Mutation::Insert(_, more) = mutation {
            bytes.extend_from_slice(more);
        }
        return;
    }
    let len = bytes.len();
    match mutation {
        Mutation::Flip(at, bit) => bytes[at.index(len)] ^= 1 << bit,
        Mutation::Truncate(at) => bytes.truncate(at.index(len)),
        Mutation::Overwrite {
            at,
            value,
            width,
            big_endian,
        } => {
            let raw = if *big_endian {
                value.to_be_bytes()[8 - width..].to_vec()
            } else {
                value.to_le_bytes()[..*width].to_vec()
            };
            let start = at.index(len);
            for (offset, byte) in raw.into_iter().enumerate() {
                if let Some(slot) = bytes.get_mut(start + offset) {
                    *slot = byte;
                }
            }
        }
        Mutation::Insert(at, more) => {
            let at = at.index(len + 1);
            bytes.splice(at..at, more.iter().copied());
        }
        Mutation::Remove(at, count) => {
            let at = at.index(len);
            bytes.drain(at..(at + count).min(len));
        }
    }
}

/// `base` changed by one to eight mutations.
pub fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(mutation(), 1..8).prop_map(move |mutations| {
        let mut bytes = base.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        bytes
    })
}

/// A JSON value no field of a document should hold.
pub fn hostile_value() -> impl Strategy<Value = Value> {
    let fixed = [
        json!(null),
        json!(true),
        json!(""),
        json!("   "),
        json!(0),
        json!(-1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e308),
        json!(-1e308),
        json!(f64::MIN_POSITIVE),
        json!("+262142-12-31T23:59:59.999999999Z"),
        json!("-262143-01-01T00:00:00Z"),
        json!("9999-12-31T23:59:59.999Z"),
        json!("0000-01-01T00:00:00Z"),
        json!("1970-01-01T00:00:00-23:59"),
        json!("2026-11-24T08:00:00+23:59"),
        json!("2026-02-30T25:61:61Z"),
        json!("2026-11-24T08:00:00.999999999999999999Z"),
        json!("%FF%00../../.."),
        json!("\u{0}\u{202e}\u{1F600}é"),
        json!([]),
        json!({}),
        serde_json::from_str(&format!("{}{}", "[".repeat(60), "]".repeat(60))).unwrap(),
        json!({"a": {"b": {"c": {"d": [{"e": null}]}}}}),
        json!("x".repeat(10_000)),
    ];
    prop_oneof![
        3 => prop::sample::select(fixed.to_vec()),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_filter("json numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        1 => ".{0,24}".prop_map(Value::String),
    ]
}

/// One change to a JSON document.
#[derive(Debug, Clone)]
pub enum JsonMutation {
    /// Replace the value at a path.
    Replace(Index, Value),
    /// Remove the value at a path from its object or array.
    Remove(Index),
    /// Add an unknown key to the object at a path.
    AddKey(Index, String, Value),
    /// Repeat an array element many times.
    Repeat(Index, usize),
}

fn json_mutation() -> impl Strategy<Value = JsonMutation> {
    prop_oneof![
        4 => (any::<Index>(), hostile_value()).prop_map(|(at, v)| JsonMutation::Replace(at, v)),
        2 => any::<Index>().prop_map(JsonMutation::Remove),
        1 => (any::<Index>(), "[a-zA-Z]{1,12}", hostile_value())
            .prop_map(|(at, k, v)| JsonMutation::AddKey(at, k, v)),
        1 => (any::<Index>(), 2usize..300).prop_map(|(at, n)| JsonMutation::Repeat(at, n)),
    ]
}

/// Every path in `value`, as object keys and array indices, the root first.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
        out.push(path.clone());
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    path.push(Step::Key(key.clone()));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Step::Index(index));
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn at_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

/// Applies one JSON mutation.
pub fn apply_json(value: &mut Value, mutation: &JsonMutation) {
    let all = paths(value);
    let pick = |at: &Index| all[at.index(all.len())].clone();
    match mutation {
        JsonMutation::Replace(at, new) => {
            if let Some(slot) = at_mut(value, &pick(at)) {
                *slot = new.clone();
            }
        }
        JsonMutation::Remove(at) => {
            let path = pick(at);
            let Some((last, parent)) = path.split_last() else {
                return;
            };
            match (at_mut(value, parent), last) {
                (Some(Value::Object(map)), Step::Key(key)) => {
                    map.remove(key);
                }
                (Some(Value::Array(items)), Step::Index(index)) => {
                    items.remove(*index);
                }
                _ => {}
            }
        }
        JsonMutation::AddKey(at, key, new) => {
            if let Some(Value::Object(map)) = at_mut(value, &pick(at)) {
                map.insert(key.clone(), new.clone());
            }
        }
        JsonMutation::Repeat(at, times) => {
            if let Some(Value::Array(items)) = at_mut(value, &pick(at))
                && let Some(first) = items.first().cloned()
            {
                items.extend(std::iter::repeat_n(first, *times));
            }
        }
    }
}

/// `base` changed by one to four JSON mutations, as text.
pub fn mutated_json(base: Value) -> impl Strategy<Value = String> {
    prop::collection::vec(json_mutation(), 1..4).prop_map(move |mutations| {
        let mut value = base.clone();
        for m in &mutations {
            apply_json(&mut value, m);
        }
        value.to_string()
    })
}

/// Text of a valid document with byte-level mutations (read back as UTF-8, lossily).
pub fn mutated_text(base: &str) -> impl Strategy<Value = String> + use<> {
    mutated(base.as_bytes().to_vec()).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}
