//! Query strings: parsing (both `id=a,b` and `id=a&id=b` list styles, as api-reference §1.5
//! asks) and validation of typed parameters (integers, booleans, listed values) against the
//! operation's contract.

use super::{Operation, TypeRef, Violation};

/// A parsed query string, in order, percent-decoded.
#[derive(Debug, Clone, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Parses a raw query string (without the `?`).
    pub fn parse(raw: Option<&str>) -> QueryParams {
        let pairs = raw
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        QueryParams { pairs }
    }

    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// All values of a list parameter, accepting repeated and comma-joined forms.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// An integer parameter (already validated), or the default.
    pub fn int(&self, name: &str, default: i64) -> i64 {
        self.get(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    /// A boolean parameter (already validated), or the default.
    pub fn bool(&self, name: &str, default: bool) -> bool {
        self.get(name)
            .map(|v| v.eq_ignore_ascii_case("true"))
            .unwrap_or(default)
    }

    /// All pairs except the named ones, for building paging URIs.
    pub fn without(&self, names: &[&str]) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .filter(|(k, _)| !names.contains(&k.as_str()))
            .cloned()
            .collect()
    }
}

/// Sort-order spellings differ between operations (`ASC`, `asc`, `ascending`); all are accepted.
fn is_sort_order(value: &str) -> bool {
    ["asc", "desc", "ascending", "descending"]
        .iter()
        .any(|v| v.eq_ignore_ascii_case(value))
}

/// Checks each declared query parameter that is present: integers and booleans must parse,
/// string parameters with listed values must use one of them (case-insensitive).
pub fn validate_query(op: &Operation, query: &QueryParams) -> Vec<Violation> {
    let mut out = Vec::new();
    for param in &op.query_params {
        let Some(value) = query.get(&param.name) else {
            continue;
        };
        let bad = match &param.type_ref {
            TypeRef::Integer => value.parse::<i64>().is_err(),
            TypeRef::Boolean => {
                !(value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false"))
            }
            TypeRef::String if param.name == "sortOrder" => !is_sort_order(value),
            TypeRef::String if !param.values.is_empty() => {
                !param.values.iter().any(|v| v.eq_ignore_ascii_case(value))
            }
            _ => false,
        };
        if bad {
            out.push(Violation {
                field: param.name.clone(),
                message: format!(
                    "query parameter \"{}\" has an invalid value \"{value}\"",
                    param.name
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Contract;

    #[test]
    fn list_parameters_accept_repeated_and_comma_joined_forms() {
        let query = QueryParams::parse(Some("id=a,b&id=c&pageSize=5"));
        assert_eq!(query.list("id"), vec!["a", "b", "c"]);
        assert_eq!(query.int("pageSize", 25), 5);
    }

    #[test]
    fn an_unknown_state_value_is_rejected_by_name() {
        let contract = Contract::official().unwrap();
        let op = contract.operation("GET", "/api/v2/users").unwrap();
        let found = validate_query(op, &QueryParams::parse(Some("state=gone&pageSize=x")));
        let names: Vec<_> = found.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(names, vec!["pageSize", "state"]);
    }
}
