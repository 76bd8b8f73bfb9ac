//! Hostile invocations: recorded S3 notifications and schedules with values swapped for hostile
//! ones (huge numbers, wrong types, keys with broken escapes), and arbitrary JSON. Each is read
//! as drops, a check, or an `UnrecognisedEvent`, never a panic. 256 cases a property.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use proptest::prelude::*;
use proptest::sample::Index;
use recordings::event::parse_event;
use recordings::invocation::Invocation;
use serde_json::{Value, json};

fn fixture(name: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/recordings/"
    );
    serde_json::from_str(&std::fs::read_to_string(format!("{path}{name}")).unwrap()).unwrap()
}

fn events() -> Vec<Value> {
    [
        "s3-object-created.json",
        "moto-object-created.json",
        "scheduled-event.json",
    ]
    .map(fixture)
    .to_vec()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn hostile_value() -> impl Strategy<Value = Value> {
    let fixed = vec![
        json!(null),
        json!(""),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(-1),
        json!(1e308),
        json!([]),
        json!({}),
        json!("%"),
        json!("%FF%FE"),
        json!("%C3"),
        json!("+++%2B%2b%zz"),
        json!("recordings/%2E%2E/%2e%2e/x.wav"),
        json!("ObjectCreated:"),
        json!("\u{0}\u{202e}"),
        json!("x".repeat(5000)),
    ];
    prop_oneof![
        3 => prop::sample::select(fixed),
        1 => any::<i64>().prop_map(Value::from),
        1 => ".{0,40}".prop_map(Value::String),
    ]
}

/// The paths of every value in `value`.
fn paths(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(key, item)| {
            path.push(json!(key));
            paths(item, path, out);
            path.pop();
        }),
        Value::Array(items) => items.iter().enumerate().for_each(|(index, item)| {
            path.push(json!(index));
            paths(item, path, out);
            path.pop();
        }),
        _ => {}
    }
}

/// `event` with the value at one path (picked by `at`) replaced.
fn replaced(mut event: Value, at: Index, new: Value) -> Value {
    let mut all = Vec::new();
    paths(&event, &mut Vec::new(), &mut all);
    let path = &all[at.index(all.len())];
    let slot = path.iter().try_fold(&mut event, |node, step| match step {
        Value::String(key) => node.get_mut(key.as_str()),
        step => node.get_mut(usize::try_from(step.as_u64()?).ok()?),
    });
    if let Some(slot) = slot {
        *slot = new;
    }
    event
}

fn check(event: &Value) {
    match parse_event(event) {
        Ok(Invocation::Drops { objects, .. }) => {
            for object in objects {
                assert!(
                    !object.bucket.is_empty() && !object.key.is_empty(),
                    "{object:?}"
                );
            }
        }
        Ok(Invocation::CheckUploads) => {}
        Err(error) => assert!(!error.reason.is_empty()),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn recorded_events_with_hostile_values_are_read_or_refused_never_a_panic(
        event in prop::sample::select(events()),
        changes in prop::collection::vec((any::<Index>(), hostile_value()), 1..4),
    ) {
        let event = changes
            .into_iter()
            .fold(event, |event, (at, new)| replaced(event, at, new));

        check(&event);
    }

    #[test]
    fn any_object_key_in_a_notification_is_decoded_or_ignored_with_a_reason(
        key in prop_oneof![".{0,200}", "(%[0-9A-Fa-f]{0,2}|\\+|[a-z/]){0,60}"],
    ) {
        let mut event = fixture("s3-object-created.json");
        event["Records"][0]["s3"]["object"]["key"] = json!(key);

        let Ok(Invocation::Drops { objects, ignored }) = parse_event(&event) else {
            panic!("a notification with key {key:?} was not read as drops");
        };

        prop_assert_eq!(objects.len() + ignored.len(), 2);
    }

    #[test]
    fn arbitrary_json_is_an_invocation_or_unrecognised_never_a_panic(
        text in prop_oneof![".{0,120}", "\\{\"Records\": ?\\[.{0,80}\\]\\}"],
    ) {
        if let Ok(event) = serde_json::from_str::<Value>(&text) {
            check(&event);
        }
    }
}
