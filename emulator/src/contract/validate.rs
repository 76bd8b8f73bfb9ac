//! Data-driven validation of a JSON value against a contract type: unknown fields, missing
//! required fields, wrong JSON types, enum values and date-time syntax, each reported with the
//! dotted path of the offending field (`addresses[0].mediaType`).

use serde_json::Value;

use super::{Contract, Model, TypeRef};

/// Which side of the wire is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A request body: required fields are enforced.
    Request,
    /// A response body: the SDK marks read fields optional even when always sent, and required
    /// flags on read models are unreliable, so required-ness is not enforced; everything else is.
    Response,
}

/// One contract violation: the field path and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Dotted path of the field (`[2].proficiency`, `addresses[0].type`); empty for the root.
    pub field: String,
    /// Lower-case description of the problem.
    pub message: String,
}

impl Contract {
    /// Validates `value` as `type_ref`; an empty result means it conforms.
    pub fn validate(&self, type_ref: &TypeRef, value: &Value, mode: Mode) -> Vec<Violation> {
        let mut out = Vec::new();
        Walker {
            contract: self,
            mode,
            out: &mut out,
        }
        .walk(type_ref, value, "");
        out
    }

    /// Validates `value` as the model named `model`.
    pub fn validate_model(&self, model: &str, value: &Value, mode: Mode) -> Vec<Violation> {
        self.validate(&TypeRef::Model(model.to_owned()), value, mode)
    }
}

struct Walker<'a> {
    contract: &'a Contract,
    mode: Mode,
    out: &'a mut Vec<Violation>,
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn kind_name(type_ref: &TypeRef) -> String {
    match type_ref {
        TypeRef::String => "a string".into(),
        TypeRef::DateTime => "an ISO-8601 date-time string".into(),
        TypeRef::Date => "a yyyy-MM-dd date string".into(),
        TypeRef::Integer => "an integer".into(),
        TypeRef::Number => "a number".into(),
        TypeRef::Boolean => "a boolean".into(),
        TypeRef::Object => "a JSON value".into(),
        TypeRef::Array(_) => "an array".into(),
        TypeRef::Map(_) => "an object (map)".into(),
        TypeRef::Model(name) => format!("an object ({name})"),
    }
}

impl Walker<'_> {
    fn fail(&mut self, path: &str, message: String) {
        self.out.push(Violation {
            field: path.to_owned(),
            message,
        });
    }

    fn wrong_type(&mut self, path: &str, type_ref: &TypeRef) {
        let shown = if path.is_empty() { "body" } else { path };
        self.fail(
            path,
            format!("field \"{shown}\" must be {}", kind_name(type_ref)),
        );
    }

    fn walk(&mut self, type_ref: &TypeRef, value: &Value, path: &str) {
        match type_ref {
            TypeRef::String => {
                if !value.is_string() {
                    self.wrong_type(path, type_ref);
                }
            }
            TypeRef::DateTime => match value.as_str() {
                Some(text) if chrono::DateTime::parse_from_rfc3339(text).is_ok() => {}
                Some(_) => self.fail(
                    path,
                    format!("field \"{path}\" is not a valid ISO-8601 date-time"),
                ),
                None => self.wrong_type(path, type_ref),
            },
            TypeRef::Date => match value.as_str() {
                Some(text) if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() => {}
                Some(_) => self.fail(path, format!("field \"{path}\" is not a valid date")),
                None => self.wrong_type(path, type_ref),
            },
            TypeRef::Integer => {
                if !(value.is_i64() || value.is_u64()) {
                    self.wrong_type(path, type_ref);
                }
            }
            TypeRef::Number => {
                if !value.is_number() {
                    self.wrong_type(path, type_ref);
                }
            }
            TypeRef::Boolean => {
                if !value.is_boolean() {
                    self.wrong_type(path, type_ref);
                }
            }
            TypeRef::Object => {}
            TypeRef::Array(item) => match value.as_array() {
                Some(items) => {
                    for (i, element) in items.iter().enumerate() {
                        self.walk(item, element, &format!("{path}[{i}]"));
                    }
                }
                None => self.wrong_type(path, type_ref),
            },
            TypeRef::Map(item) => match value.as_object() {
                Some(map) => {
                    for (key, element) in map {
                        self.walk(item, element, &child(path, key));
                    }
                }
                None => self.wrong_type(path, type_ref),
            },
            TypeRef::Model(name) => match value.as_object() {
                // A model the extractor did not expand has an unknown shape: any object passes.
                Some(object) => {
                    if let Some(model) = self.contract.model(name) {
                        self.walk_model(name, model, object, path);
                    }
                }
                None => self.wrong_type(path, type_ref),
            },
        }
    }

    fn walk_model(
        &mut self,
        name: &str,
        model: &Model,
        object: &serde_json::Map<String, Value>,
        path: &str,
    ) {
        for (key, element) in object {
            let field_path = child(path, key);
            let Some(field) = model.fields.get(key) else {
                self.fail(
                    &field_path,
                    format!("unrecognized field \"{field_path}\" (not part of {name})"),
                );
                continue;
            };
            if element.is_null() {
                continue;
            }
            self.walk(&field.type_ref, element, &field_path);
            if let (Some(allowed), Some(text)) = (&field.enum_values, element.as_str())
                && !allowed.iter().any(|a| a == text)
            {
                self.fail(
                    &field_path,
                    format!(
                        "field \"{field_path}\" has value \"{text}\", which is not one of {}",
                        allowed.join("|")
                    ),
                );
            }
        }
        if self.mode == Mode::Request {
            for (key, field) in &model.fields {
                let present = object.get(key).is_some_and(|v| !v.is_null());
                if field.required == Some(true) && !present {
                    let field_path = child(path, key);
                    self.fail(
                        &field_path,
                        format!("missing required field \"{field_path}\""),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(violations: &[Violation]) -> Vec<&str> {
        violations.iter().map(|v| v.field.as_str()).collect()
    }

    #[test]
    fn a_complete_create_user_conforms() {
        let contract = Contract::official().unwrap();
        let body = json!({"name": "Ann", "email": "ann@example.com", "divisionId": "d1",
            "addresses": [{"address": "+1555", "mediaType": "PHONE", "type": "WORK"}]});
        assert!(
            contract
                .validate_model("CreateUser", &body, Mode::Request)
                .is_empty()
        );
    }

    #[test]
    fn nested_problems_name_their_full_path() {
        let contract = Contract::official().unwrap();
        let body = json!({"name": "Ann", "email": "a@x", "divisionId": "d1",
            "addresses": [{"mediaType": "FAX"}, {"colour": "red"}]});
        let found = contract.validate_model("CreateUser", &body, Mode::Request);
        assert_eq!(
            fields(&found),
            vec!["addresses[0].mediaType", "addresses[1].colour"]
        );
    }

    #[test]
    fn response_mode_does_not_demand_required_fields() {
        let contract = Contract::official().unwrap();
        let body = json!({"id": "u1"});
        assert!(
            contract
                .validate_model("User", &body, Mode::Response)
                .is_empty()
        );
        assert_eq!(
            fields(&contract.validate_model("User", &body, Mode::Request)),
            vec!["version"]
        );
    }

    #[test]
    fn null_counts_as_absent() {
        let contract = Contract::official().unwrap();
        let body = json!({"name": "Ann", "email": "a@x", "divisionId": null});
        assert_eq!(
            fields(&contract.validate_model("CreateUser", &body, Mode::Request)),
            vec!["divisionId"]
        );
    }
}
