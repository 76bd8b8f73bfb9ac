//! Event recognition, from the recorded payloads in `tests/fixtures/events/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};

use super::*;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/events/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn scheduled_event_is_a_schedule_with_its_rule() {
    let invocation = parse_event(&fixture("config-sync-scheduled.json")).unwrap();

    assert_eq!(
        invocation,
        Invocation::Schedule {
            rule: Some(
                "arn:aws:events:eu-central-1:123456789012:rule/exsync-ConfigSyncFunctionSchedule-1QX7Z3KJ5V0B"
                    .into()
            ),
            time: Some("2026-11-24T06:00:00Z".into()),
        }
    );
}

#[test]
fn s3_put_under_config_decodes_plus_as_space_and_escaped_plus() {
    let invocation = parse_event(&fixture("config-sync-s3-put.json")).unwrap();

    let Invocation::Snapshots { objects, ignored } = invocation else {
        panic!("not snapshots: {invocation:?}");
    };
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(
        objects,
        vec![S3Object {
            bucket: "exsync-inbound-123456789012".into(),
            key: "config/daily export + changes 2026-11-24.json".into(),
        }]
    );
}

#[test]
fn s3_object_outside_snapshot_keys_is_ignored_with_reason() {
    let invocation = parse_event(&fixture("config-sync-s3-other-prefix.json")).unwrap();

    let Invocation::Snapshots { objects, ignored } = invocation else {
        panic!("not snapshots: {invocation:?}");
    };
    assert!(objects.is_empty());
    assert_eq!(ignored.len(), 1);
    assert_eq!(
        ignored[0].object,
        "s3://exsync-inbound-123456789012/config/README.txt"
    );
    assert_eq!(ignored[0].reason, "not a .json file");
}

#[test]
fn keys_outside_config_prefix_and_removals_are_ignored() {
    let record = |name: &str, key: &str| json!({"eventName": name, "s3": {"bucket": {"name": "b"}, "object": {"key": key}}});
    let event = json!({"Records": [
        record("ObjectCreated:Put", "recordings/call.json"),
        record("ObjectRemoved:Delete", "config/a.json"),
        record("ObjectCreated:CompleteMultipartUpload", "config/b.json"),
        record("ObjectCreated:Put", "config/b.json"),
    ]});

    let Invocation::Snapshots { objects, ignored } = parse_event(&event).unwrap() else {
        panic!("not snapshots");
    };

    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0].url(), "s3://b/config/b.json");
    let reasons: Vec<&str> = ignored.iter().map(|i| i.reason.as_str()).collect();
    assert_eq!(
        reasons,
        vec![
            "not under config/",
            "ObjectRemoved:Delete is not an object creation",
            "the same object twice in one event",
        ]
    );
}

#[test]
fn sqs_message_is_unrecognised_naming_its_source() {
    let error = parse_event(&fixture("sqs-message.json")).unwrap_err();

    assert!(error.found.contains("aws:sqs"), "{error}");
    assert!(error.to_string().contains("Scheduled Event"), "{error}");
}

#[test]
fn other_shapes_are_unrecognised_with_what_was_found() {
    let eventbridge = json!({"detail-type": "Object Created", "source": "aws.s3", "detail": {}});
    let empty = json!({});
    let array = json!([1, 2]);

    assert!(
        parse_event(&eventbridge)
            .unwrap_err()
            .found
            .contains("\"Object Created\" from source \"aws.s3\"")
    );
    assert_eq!(
        parse_event(&empty).unwrap_err().found,
        "an object with keys []"
    );
    assert_eq!(parse_event(&array).unwrap_err().found, "a JSON array");
    assert!(parse_event(&json!({"Records": []})).is_err());
}
