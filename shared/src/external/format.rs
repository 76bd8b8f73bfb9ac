//! The `schema` field every exsync document carries: which format it is and which major version.
//!
//! A document names its format as `exsync.<format>/v<major>` with an optional minor version
//! (`exsync.config/v1.2`). exsync reads every minor version of the major versions it knows, and
//! rejects anything else with a problem that says what it expected, before looking at any other
//! field: a document of another major version may use the same field names with other meanings.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::problems::Problem;

/// The document formats exsync reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `exsync.config/v1`: the configuration snapshot.
    Config,
    /// `exsync.agent-state/v1`: an agent-state event.
    AgentState,
    /// `exsync.interaction/v1`: an interaction record.
    Interaction,
    /// `exsync.recording/v1`: a recording sidecar.
    Recording,
    /// `exsync.mapping/v1`: the mapping document.
    Mapping,
}

impl Format {
    /// The format's family name, without the version (`exsync.config`).
    pub fn family(self) -> &'static str {
        match self {
            Self::Config => "exsync.config",
            Self::AgentState => "exsync.agent-state",
            Self::Interaction => "exsync.interaction",
            Self::Recording => "exsync.recording",
            Self::Mapping => "exsync.mapping",
        }
    }

    /// The major version this build reads.
    pub fn major(self) -> u32 {
        1
    }

    /// The canonical `schema` value this build writes (`exsync.config/v1`).
    pub fn tag(self) -> SchemaTag {
        SchemaTag(format!("{}/v{}", self.family(), self.major()))
    }

    /// Checks the `schema` field of a parsed document; `object` names the document in the problem.
    ///
    /// # Errors
    ///
    /// A [`Problem`] on field `schema` when it is missing, not a string, of another format or of an
    /// unsupported major version.
    pub fn check(self, document: &Value, object: &str) -> Result<(), Problem> {
        let expected = self.tag();
        let problem = |message: String| Problem::new(object, "schema", message);
        let Some(field) = document.as_object().and_then(|map| map.get("schema")) else {
            return Err(problem(format!("missing; expected `{expected}`")));
        };
        let Some(text) = field.as_str() else {
            return Err(problem(format!("must be a string such as `{expected}`")));
        };
        let Some((family, version)) = text.split_once("/v") else {
            return Err(problem(format!(
                "`{text}` is not a schema name; expected `{expected}`"
            )));
        };
        if family != self.family() {
            return Err(problem(format!(
                "`{text}` is another format; expected `{expected}`"
            )));
        }
        let (major, minor) = version.split_once('.').unwrap_or((version, "0"));
        let parsed = (major.parse::<u32>(), minor.parse::<u32>());
        let (Ok(major), Ok(_)) = parsed else {
            return Err(problem(format!(
                "`{text}` has no valid version; expected `{expected}`"
            )));
        };
        if major != self.major() {
            return Err(problem(format!(
                "major version {major} is not supported; expected `{expected}`"
            )));
        }
        Ok(())
    }
}

/// The value of a document's `schema` field, e.g. `exsync.config/v1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchemaTag(String);

impl SchemaTag {
    /// The raw value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchemaTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The JSON type of a value in words (`number`, `array`, ...), for messages about a value of the
/// wrong type that must not quote the value (it may be a secret, or very large).
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(schema: Value) -> Result<(), Problem> {
        Format::Config.check(&json!({ "schema": schema }), "config")
    }

    #[test]
    fn the_current_major_version_and_its_minor_versions_are_accepted() {
        assert!(check(json!("exsync.config/v1")).is_ok());
        assert!(check(json!("exsync.config/v1.3")).is_ok());
    }

    #[test]
    fn a_missing_schema_is_a_problem_on_the_schema_field() {
        let problem = Format::Config.check(&json!({}), "config").unwrap_err();
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("config", "schema")
        );
        assert_eq!(problem.message, "missing; expected `exsync.config/v1`");
    }

    #[test]
    fn another_major_version_is_rejected_with_the_expected_one() {
        let problem = check(json!("exsync.config/v2")).unwrap_err();
        assert_eq!(
            problem.message,
            "major version 2 is not supported; expected `exsync.config/v1`"
        );
    }

    #[test]
    fn another_format_is_rejected() {
        let problem = check(json!("exsync.mapping/v1")).unwrap_err();
        assert_eq!(
            problem.message,
            "`exsync.mapping/v1` is another format; expected `exsync.config/v1`"
        );
    }

    #[test]
    fn malformed_schema_values_are_rejected() {
        assert!(check(json!(1)).is_err());
        assert!(check(json!("config")).is_err());
        assert!(check(json!("exsync.config/vX")).is_err());
    }
}
