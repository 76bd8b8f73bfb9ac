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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Policy {
    modes: Modes,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Modes {
    #[serde(default)]
    first: Mode,
    second: Mode,
    #[serde(default)]
    third: Option<Mode>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Mode {
    #[default]
    Keep,
    Drop,
}

#[test]
fn a_null_enum_is_named_on_its_own_field_and_read_past() {
    let value = json!({
        "modes": {"first": "keep", "second": null, "third": "sideways"},
        "items": [{"a": 1}, {"a": "x"}],
    });
    let decoded = decode::<Policy>(value, Layout::Document("doc"));
    assert_eq!(
        places(&decoded.problems),
        [
            ("doc", "items[1].a"),
            ("doc", "modes.second"),
            ("doc", "modes.third")
        ]
    );
    assert_eq!(decoded.problems[1].message, "must not be null");
    assert!(decoded.value.is_none());
}

#[test]
fn a_null_enum_that_has_a_default_is_read_past_and_the_rest_still_read() {
    let value =
        json!({"modes": {"first": null, "second": "drop"}, "items": [{"a": "x"}, {"a": 2}]});
    let decoded = decode::<Policy>(value, Layout::Document("doc"));
    assert_eq!(
        places(&decoded.problems),
        [("doc", "items[0].a"), ("doc", "modes.first")]
    );
    assert_eq!(decoded.value.map(|policy| policy.items.len()), Some(1));
}

#[test]
fn a_null_element_of_an_array_is_dropped_by_its_index() {
    let value = json!({"items": [{"a": 1}, null, {"a": "x"}], "name": "n"});
    let decoded = decode::<Doc>(value, Layout::Document("doc"));
    assert_eq!(
        places(&decoded.problems),
        [("doc", "items[1]"), ("doc", "items[2].a")]
    );
}

#[test]
fn a_null_for_a_required_string_is_named_once_as_null() {
    let decoded = decode::<Doc>(
        json!({"items": [{"a": 1}], "name": null}),
        Layout::Document("doc"),
    );
    assert_eq!(places(&decoded.problems), [("doc", "name")]);
    assert_eq!(decoded.problems[0].message, "must not be null");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Modes2 {
    modes: Vec<Mode>,
}

#[test]
fn a_null_enum_in_an_array_is_named_by_its_index_and_dropped() {
    let decoded = decode::<Modes2>(
        json!({"modes": ["keep", null, "sideways", "drop"]}),
        Layout::Document("doc"),
    );
    assert_eq!(
        places(&decoded.problems),
        [("doc", "modes[1]"), ("doc", "modes[2]")]
    );
    assert_eq!(decoded.problems[0].message, "must not be null");
    assert_eq!(decoded.value.map(|m| m.modes.len()), Some(2));
}

#[test]
fn two_keys_where_one_is_expected_are_the_wrong_shape_even_when_their_values_are_null() {
    let value = json!({"modes": {"second": {"keep": null, "drop": null}}, "items": []});
    let decoded = decode::<Policy>(value, Layout::Document("doc"));
    assert_eq!(places(&decoded.problems), [("doc", "modes.second")]);
    assert!(
        decoded.problems[0]
            .message
            .starts_with("has the wrong shape"),
        "{}",
        decoded.problems[0].message
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Target {
    System(Mode),
    Number(String),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Rules {
    rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Rule {
    to: Target,
}

#[test]
fn a_null_inside_an_enum_in_map_form_is_named_once_not_again_as_the_enums_shape() {
    let value = json!({"rules": [
        {"to": {"system": null}},
        {"to": {"number": null}},
        {"to": {"system": "keep"}},
    ]});
    let decoded = decode::<Rules>(value, Layout::Document("doc"));
    assert_eq!(
        places(&decoded.problems),
        [("doc", "rules[0].to.system"), ("doc", "rules[1].to.number")]
    );
    assert!(
        decoded
            .problems
            .iter()
            .all(|p| p.message == "must not be null")
    );
    assert_eq!(decoded.value.map(|r| r.rules.len()), Some(1));
}
