//! Reading a JSON document into typed values while naming the field of every serde error.
//!
//! `serde_json` reports where an error happened only as a line and column. exsync reprints the
//! parsed document with the pretty printer, where every value starts on a line of its own, and maps
//! the error's line back to the path of the value on it (`users[3].skills[0].proficiency`). After an
//! error inside an array element the element is dropped and the document read again, so one pass
//! reports every unreadable element rather than just the first. The original indices are kept in
//! the problems. A `null` where a value is required is named on its own field ("must not be null")
//! and dropped the same way, so the reading goes on as if the key were absent. (A snapshot is read
//! element by element: [`super::intake`].)

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::error::Category;

use super::format::Format;
use super::problems::{InputError, Problem};

/// Stop after this many unreadable elements; a document that bad needs no longer list.
const MAX_PROBLEMS: usize = 100;

/// One step of a path inside a document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// How problems are attributed to objects.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Layout<'a> {
    /// The document is one object with this name; a problem's field is its full path.
    Document(&'a str),
}

/// The outcome of [`decode`].
#[derive(Debug)]
pub(crate) struct Decoded<T> {
    /// The value read, without the elements that could not be read; `None` when the document as a
    /// whole could not be read.
    pub(crate) value: Option<T>,
    /// One problem per unreadable element (or the one that stopped the reading).
    pub(crate) problems: Vec<Problem>,
}

/// Parses JSON text; a syntax error becomes a problem on `object`.
pub(crate) fn parse_json(text: &str, object: &str) -> Result<Value, Problem> {
    serde_json::from_str(text)
        .map_err(|error| Problem::new(object, "", format!("not valid JSON: {error}")))
}

/// Checks the `schema` of a document that is one object named `object`, then reads it as a `T`.
///
/// # Errors
///
/// An [`InputError`] with the schema problem, or with every unreadable part.
pub(crate) fn read_document<T: DeserializeOwned>(
    value: Value,
    format: Format,
    object: &str,
) -> Result<T, InputError> {
    format.check(&value, object).map_err(InputError::single)?;
    let decoded = decode::<T>(value, Layout::Document(object));
    match decoded.value {
        Some(typed) if decoded.problems.is_empty() => Ok(typed),
        _ => Err(InputError::new(decoded.problems)),
    }
}

/// Reads `value` as a `T`, naming the object and field of every error.
pub(crate) fn decode<T: DeserializeOwned>(mut value: Value, layout: Layout<'_>) -> Decoded<T> {
    let mut decoded = Decoded {
        value: None,
        problems: Vec::new(),
    };
    if let Ok(typed) = T::deserialize(&value) {
        decoded.value = Some(typed);
        return decoded;
    }
    // what was dropped, as paths in the original document (array elements shift later indices)
    let mut removed: Vec<Vec<Seg>> = Vec::new();
    let mut nulls: Vec<Vec<Seg>> = Vec::new();
    loop {
        let text = serde_json::to_string_pretty(&value).unwrap_or_default();
        let error = match serde_json::from_str::<T>(&text) {
            Ok(typed) => {
                decoded.value = Some(typed);
                return decoded;
            }
            Err(error) => error,
        };
        let mut located = line_paths(&value)
            .into_iter()
            .nth(error.line().saturating_sub(1))
            .unwrap_or_default();
        let null = refuses_null(&text, &error)
            && !located.is_empty()
            && value
                .pointer(&pointer(&located))
                .is_some_and(Value::is_null);
        let message = if null {
            "must not be null".to_owned()
        } else if error.classify() == Category::Syntax {
            // the reprinted text is valid JSON: the value around this point has the wrong shape
            if matches!(located.last(), Some(Seg::Key(_))) {
                located.pop();
            }
            "has the wrong shape (for example a second key where exactly one is expected)"
                .to_owned()
        } else {
            strip_position(&error.to_string())
        };
        let mut field = located.clone();
        if let Some(name) = named_field(&message)
            && field.last() != Some(&Seg::Key(name.clone()))
        {
            field.push(Seg::Key(name));
        }
        let original = to_original(&field, &removed);
        // what follows from a dropped null (its key now missing, an enum's map left empty) is not
        // reported again: the null, named already, is the problem of its place and every enclosing
        if !nulls.iter().any(|null| null.starts_with(&original)) {
            decoded.problems.push(attribute(layout, &original, message));
        }
        if decoded.problems.len() >= MAX_PROBLEMS {
            return decoded;
        }
        let dropped = if null {
            nulls.push(original);
            located
        } else {
            match innermost_element(&located) {
                Some(element) => element,
                None => return decoded,
            }
        };
        removed.push(to_original(&dropped, &removed));
        drop_at(&mut value, &dropped);
    }
}

/// Whether `error` refuses a `null`: serde_json reports one given to an enum as a syntax error at
/// the `null` token (a malformed value would read the same, hence the token check), and one given
/// to any other type as an invalid type.
fn refuses_null(text: &str, error: &serde_json::Error) -> bool {
    match error.classify() {
        Category::Syntax => text
            .lines()
            .nth(error.line().saturating_sub(1))
            .and_then(|line| line.get(error.column().saturating_sub(1)..))
            .is_some_and(|rest| rest.starts_with("null")),
        Category::Data => error.to_string().starts_with("invalid type: null"),
        Category::Io | Category::Eof => false,
    }
}

/// The path of the value starting or ending on each line of the pretty-printed `value`.
fn line_paths(value: &Value) -> Vec<Vec<Seg>> {
    fn walk(value: &Value, path: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(path.clone());
        let before = out.len();
        match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(Seg::Index(index));
                    walk(item, path, out);
                    path.pop();
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    path.push(Seg::Key(key.clone()));
                    walk(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
        if out.len() > before {
            out.push(path.clone());
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// The field name a serde message is about (`missing field `x``, `unknown field `x``, ...).
fn named_field(message: &str) -> Option<String> {
    let (_, after) = message.split_once("field `")?;
    let (name, _) = after.split_once('`')?;
    Some(name.to_owned())
}

/// Drops serde_json's ` at line L column C` suffix; the path says where.
fn strip_position(message: &str) -> String {
    message
        .rsplit_once(" at line ")
        .map_or(message, |(before, _)| before)
        .to_owned()
}

/// The path up to and including the innermost array element on `path`.
fn innermost_element(path: &[Seg]) -> Option<Vec<Seg>> {
    let last = path.iter().rposition(|seg| matches!(seg, Seg::Index(_)))?;
    path.get(..=last).map(<[Seg]>::to_vec)
}

/// Maps a path in the current (reduced) document to the same place in the original one.
fn to_original(path: &[Seg], removed: &[Vec<Seg>]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(path.len());
    for seg in path {
        match seg {
            Seg::Key(key) => out.push(Seg::Key(key.clone())),
            Seg::Index(current) => {
                let mut gone: Vec<usize> = removed
                    .iter()
                    .filter_map(|r| match r.split_last() {
                        Some((Seg::Index(i), parent)) if parent == out.as_slice() => Some(*i),
                        _ => None,
                    })
                    .collect();
                gone.sort_unstable();
                let mut index = *current;
                for g in gone {
                    if g <= index {
                        index = index.saturating_add(1); // at most the original array's length
                    }
                }
                out.push(Seg::Index(index));
            }
        }
    }
    out
}

/// `path` as a JSON pointer (RFC 6901).
fn pointer(path: &[Seg]) -> String {
    path.iter()
        .map(|seg| match seg {
            Seg::Key(key) => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            Seg::Index(index) => format!("/{index}"),
        })
        .collect()
}

/// Removes the array element or object key `path` ends in.
fn drop_at(value: &mut Value, path: &[Seg]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (value.pointer_mut(&pointer(parent)), last) {
        (Some(Value::Array(items)), Seg::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        (Some(Value::Object(map)), Seg::Key(key)) => {
            map.remove(key);
        }
        _ => {}
    }
}

/// Names the object and field of a problem; `original` is its place in the document as given.
fn attribute(layout: Layout<'_>, original: &[Seg], message: String) -> Problem {
    let Layout::Document(root) = layout;
    Problem::new(root, format_path(original), message)
}

/// `a.b[0].c` from a path.
fn format_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests;
