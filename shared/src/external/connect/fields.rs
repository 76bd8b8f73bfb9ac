//! Reading the fields of a Connect JSON object: each accessor names the field (as a dotted path)
//! in the [`Problem`] it returns, so a bad record says exactly what is wrong with it.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::external::json_type;
use crate::external::problems::Problem;

/// A JSON object of a Connect event, with the object name problems use and the path it sits at.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields<'a, 'p> {
    /// The object in problems: `connect event[<EventId>]`.
    pub(super) object: &'a str,
    /// The path of this object inside the event (empty at the top).
    pub(super) path: &'p str,
    /// The object's members.
    pub(super) map: &'a Map<String, Value>,
}

impl<'a> Fields<'a, '_> {
    /// The path of member `name`.
    pub(super) fn field(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    fn problem(&self, name: &str, message: impl Into<String>) -> Problem {
        Problem::new(self.object, self.field(name), message)
    }

    /// A member that must be a string that is not blank.
    pub(super) fn required_str(&self, name: &str) -> Result<&'a str, Problem> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(self.problem(name, "missing")),
            Some(Value::String(text)) if text.trim().is_empty() => {
                Err(self.problem(name, "must not be empty"))
            }
            Some(Value::String(text)) => Ok(text),
            Some(other) => {
                Err(self.problem(name, format!("must be a string, not {}", json_type(other))))
            }
        }
    }

    /// A member that may be absent, null or blank (all read as none), else a string.
    pub(super) fn optional_str(&self, name: &str) -> Result<Option<&'a str>, Problem> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => {
                Err(self.problem(name, format!("must be a string, not {}", json_type(other))))
            }
        }
    }

    /// A member that must be an object.
    pub(super) fn required_object(&self, name: &str) -> Result<&'a Map<String, Value>, Problem> {
        match self.map.get(name) {
            None | Some(Value::Null) => Err(self.problem(name, "missing")),
            Some(Value::Object(map)) => Ok(map),
            Some(other) => {
                Err(self.problem(name, format!("must be an object, not {}", json_type(other))))
            }
        }
    }

    /// A member that may be absent or null (read as empty), else an array.
    pub(super) fn optional_array(&self, name: &str) -> Result<&'a [Value], Problem> {
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => {
                Err(self.problem(name, format!("must be an array, not {}", json_type(other))))
            }
        }
    }

    /// A member holding an ISO-8601 timestamp with an offset, in whole seconds or with a
    /// fraction (`2026-11-24T08:00:03Z`, `2026-11-24T08:00:03.250Z`).
    pub(super) fn timestamp(&self, name: &str) -> Result<DateTime<Utc>, Problem> {
        let text = self.required_str(name)?;
        DateTime::parse_from_rfc3339(text)
            .map(|at| at.with_timezone(&Utc))
            .map_err(|error| self.problem(name, format!("not an ISO-8601 timestamp: {error}")))
    }
}
