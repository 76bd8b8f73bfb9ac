//! The Genesys Cloud contract (`contract.json`, extracted from the official Python SDK 269.0.0),
//! vendored into the crate and read as data: operations by method and path template, models by
//! name. Validation of bodies lives in [`validate`], of query parameters in [`query`].

pub mod query;
pub mod types;
pub mod validate;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

pub use types::TypeRef;
pub use validate::{Mode, Violation};

/// The vendored contract text (`emulator/contract.json`, extracted from Genesys's official
/// Python SDK 269.0.0; nothing outside this crate is read).
const CONTRACT_JSON: &str = include_str!("../../contract.json");

/// Why the contract could not be loaded.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the vendored contract.json is unreadable: {0}")]
pub struct ContractError(String);

/// The whole contract: every operation exsync may call and every model they use.
#[derive(Debug)]
pub struct Contract {
    operations: Vec<Operation>,
    models: HashMap<String, Model>,
    by_route: HashMap<(String, String), usize>,
}

/// One API operation (`GET /api/v2/users`, ...).
#[derive(Debug, Clone)]
pub struct Operation {
    /// The SDK method name, e.g. `get_users`.
    pub operation_id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template with `{param}` segments, as axum routes spell them.
    pub path: String,
    /// Path parameters.
    pub path_params: Vec<Param>,
    /// Query parameters.
    pub query_params: Vec<Param>,
    /// The request body, if the operation takes one.
    pub body: Option<BodySpec>,
    /// The response body type, if any.
    pub response: Option<TypeRef>,
}

/// A request body: its type and whether it must be present.
#[derive(Debug, Clone)]
pub struct BodySpec {
    /// The body type, e.g. `CreateUser` or `array<UserRoutingSkillPost>`.
    pub type_ref: TypeRef,
    /// Whether the body is required.
    pub required: bool,
}

/// A path or query parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name.
    pub name: String,
    /// Declared type.
    pub type_ref: TypeRef,
    /// Allowed values, when the contract lists them.
    pub values: Vec<String>,
}

/// A model: its fields by JSON name.
#[derive(Debug, Clone)]
pub struct Model {
    /// Fields by JSON name.
    pub fields: BTreeMap<String, Field>,
}

/// One model field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Declared type.
    pub type_ref: TypeRef,
    /// `Some(true)` required, `Some(false)` optional, `None` unknown (treated as optional).
    pub required: Option<bool>,
    /// Allowed values of a string field.
    pub enum_values: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawContract {
    operations: Vec<RawOperation>,
    models: HashMap<String, RawModel>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOperation {
    operation_id: String,
    method: String,
    path: String,
    #[serde(default)]
    path_params: Vec<RawParam>,
    #[serde(default)]
    query_params: Vec<RawParam>,
    body: Option<RawBody>,
    response: Option<String>,
}

#[derive(Deserialize)]
struct RawParam {
    name: String,
    #[serde(rename = "type")]
    type_name: String,
    #[serde(default)]
    values: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawBody {
    #[serde(rename = "type")]
    type_name: String,
    required: Option<bool>,
}

#[derive(Deserialize)]
struct RawModel {
    #[serde(default)]
    fields: BTreeMap<String, RawField>,
}

#[derive(Deserialize)]
struct RawField {
    #[serde(rename = "type")]
    type_name: String,
    required: Option<bool>,
    #[serde(rename = "enum")]
    enum_values: Option<Vec<String>>,
}

impl From<RawParam> for Param {
    fn from(raw: RawParam) -> Self {
        Param {
            name: raw.name,
            type_ref: TypeRef::parse(&raw.type_name),
            values: raw.values.unwrap_or_default(),
        }
    }
}

impl Contract {
    /// The vendored official contract, parsed once per process.
    ///
    /// # Errors
    /// [`ContractError`] if the vendored file does not parse (a packaging bug).
    pub fn official() -> Result<&'static Contract, ContractError> {
        static CONTRACT: OnceLock<Result<Contract, ContractError>> = OnceLock::new();
        CONTRACT
            .get_or_init(|| Contract::parse(CONTRACT_JSON))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses a contract document.
    ///
    /// # Errors
    /// [`ContractError`] when the text is not a contract.
    pub fn parse(text: &str) -> Result<Contract, ContractError> {
        let raw: RawContract =
            serde_json::from_str(text).map_err(|e| ContractError(e.to_string()))?;
        let operations: Vec<Operation> = raw
            .operations
            .into_iter()
            .map(|op| Operation {
                operation_id: op.operation_id,
                method: op.method.to_ascii_uppercase(),
                path: op.path,
                path_params: op.path_params.into_iter().map(Param::from).collect(),
                query_params: op.query_params.into_iter().map(Param::from).collect(),
                body: op.body.map(|b| BodySpec {
                    type_ref: TypeRef::parse(&b.type_name),
                    required: b.required.unwrap_or(false),
                }),
                response: op.response.as_deref().map(TypeRef::parse),
            })
            .collect();
        let models = raw
            .models
            .into_iter()
            .map(|(name, model)| {
                let fields = model
                    .fields
                    .into_iter()
                    .map(|(json_name, f)| {
                        let field = Field {
                            type_ref: TypeRef::parse(&f.type_name),
                            required: f.required,
                            enum_values: f.enum_values,
                        };
                        (json_name, field)
                    })
                    .collect();
                (name, Model { fields })
            })
            .collect();
        let by_route = operations
            .iter()
            .enumerate()
            .map(|(i, op)| ((op.method.clone(), op.path.clone()), i))
            .collect();
        Ok(Contract {
            operations,
            models,
            by_route,
        })
    }

    /// Every operation, in contract order.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// A model by name; `None` for names the extractor did not expand.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.get(name)
    }

    /// The operation registered for a method and path template (`/api/v2/users/{userId}`).
    pub fn operation(&self, method: &str, template: &str) -> Option<&Operation> {
        self.by_route
            .get(&(method.to_ascii_uppercase(), template.to_owned()))
            .map(|&i| &self.operations[i])
    }

    /// The operation a concrete request path matches (literal segments beat parameters).
    pub fn match_path(&self, method: &str, path: &str) -> Option<&Operation> {
        let method = method.to_ascii_uppercase();
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        self.operations
            .iter()
            .filter(|op| op.method == method)
            .filter_map(|op| template_score(&op.path, &segments).map(|score| (score, op)))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, op)| op)
    }
}

/// How well a template matches: `None` when it does not; otherwise a score in which literal
/// segments matched early rank higher.
fn template_score(template: &str, segments: &[&str]) -> Option<Vec<bool>> {
    let parts: Vec<&str> = template.split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut score = Vec::with_capacity(parts.len());
    for (part, segment) in parts.iter().zip(segments) {
        let is_param = part.starts_with('{') && part.ends_with('}');
        if !is_param && part != segment {
            return None;
        }
        if is_param && segment.is_empty() {
            return None;
        }
        score.push(!is_param);
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_contract_has_all_operations_and_models() {
        let contract = Contract::official().unwrap();
        assert_eq!(contract.operations().len(), 54);
        assert!(contract.model("CreateUser").is_some());
        assert_eq!(contract.models.len(), 162);
    }

    #[test]
    fn literal_segments_win_over_parameters_when_matching_paths() {
        let segments: Vec<&str> = "/api/v2/authorization/divisions/home".split('/').collect();
        let literal = template_score("/api/v2/authorization/divisions/home", &segments);
        let param = template_score("/api/v2/authorization/divisions/{divisionId}", &segments);
        assert!(literal.unwrap() > param.unwrap());
        let contract = Contract::official().unwrap();
        let by_id = contract
            .match_path("PUT", "/api/v2/authorization/divisions/abc")
            .unwrap();
        assert_eq!(by_id.path, "/api/v2/authorization/divisions/{divisionId}");
    }

    #[test]
    fn array_bodies_keep_their_item_model() {
        let contract = Contract::official().unwrap();
        let op = contract
            .operation("PUT", "/api/v2/users/{userId}/routingskills/bulk")
            .unwrap();
        let body = op.body.as_ref().unwrap();
        assert_eq!(
            body.type_ref.item(),
            Some(&TypeRef::Model("UserRoutingSkillPost".into()))
        );
    }
}
