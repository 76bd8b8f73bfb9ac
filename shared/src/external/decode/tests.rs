//! Naming the object and field of serde errors, and reading on past them.

use serde::Deserialize;
use serde_json::json;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    items: Vec<Item>,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    a: u8,
    #[serde(default)]
    tags: Vec<String>,
}

fn places(problems: &[Problem]) -> Vec<(&str, &str)> {
    problems
        .iter()
        .map(|p| (p.object.as_str(), p.field.as_str()))
        .collect()
}

#[test]
fn every_bad_element_is_named_by_its_original_index() {
    let value =
        json!({"items": [{"a": "x"}, {"a": 1}, {"a": 300}, {"a": 2, "tags": [1]}], "name": "n"});
    let decoded = decode::<Doc>(value, Layout::Document("doc"));
    let expected = [
        ("doc", "items[0].a"),
        ("doc", "items[2].a"),
        ("doc", "items[3].tags[0]"),
    ];
    assert_eq!(places(&decoded.problems), expected);
    assert_eq!(decoded.value.map(|doc| doc.items.len()), Some(2));
}

#[test]
fn a_problem_outside_any_array_stops_the_reading() {
    let value = json!({"items": [], "name": 5});
    let decoded = decode::<Doc>(value, Layout::Document("doc"));
    assert_eq!(places(&decoded.problems), [("doc", "name")]);
    assert!(decoded.value.is_none());
}

#[test]
fn messages_lose_the_line_and_column() {
    let decoded = decode::<Doc>(json!({"items": []}), Layout::Document("doc"));
    assert_eq!(decoded.problems[0].message, "missing field `name`");
    assert_eq!(decoded.problems[0].field, "name");
}
