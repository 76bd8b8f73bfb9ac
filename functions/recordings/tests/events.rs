//! Reading invocations: S3 notifications in the AWS shape (keys decoded: `+` is a space, `%2B` a
//! plus sign, UTF-8 escapes, nested prefixes), scheduled events, and what is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use exsync::sync::recordings::decode_event_key;
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

#[test]
fn event_keys_decode_spaces_plus_signs_unicode_and_nested_prefixes() {
    let cases = [
        ("recordings/call-1.wav", "recordings/call-1.wav"),
        ("recordings/call+1.wav", "recordings/call 1.wav"),
        ("recordings/a%2Bb.wav", "recordings/a+b.wav"),
        ("recordings/2026%2F11/x.wav", "recordings/2026/11/x.wav"),
        (
            "recordings/M%C3%BCller+%C3%A9t%C3%A9.wav",
            "recordings/Müller été.wav",
        ),
        ("recordings/%E9%80%9A%E8%A9%B1.wav", "recordings/通話.wav"),
        ("recordings/100%25.wav", "recordings/100%.wav"),
    ];
    for (raw, want) in cases {
        assert_eq!(decode_event_key(raw).unwrap(), want, "{raw}");
    }
    assert!(decode_event_key("recordings/%FF%FE.wav").is_err());
    assert!(decode_event_key("").is_err());
}

#[test]
fn an_aws_s3_notification_yields_its_created_objects_and_ignores_the_rest() {
    let invocation = parse_event(&fixture("s3-object-created.json")).unwrap();

    let Invocation::Drops { objects, ignored } = invocation else {
        panic!("{invocation:?}")
    };
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0].bucket, "exsync-inbound");
    assert_eq!(
        objects[0].key,
        "recordings/Anruf Müller + Söhne/call-20261124-0001.wav"
    );
    assert_eq!(
        objects[0].etag.as_deref(),
        Some("0123456789abcdef0123456789abcdef")
    );
    assert_eq!(ignored.len(), 1);
    assert_eq!(
        ignored[0].reason,
        "event \"ObjectRemoved:Delete\" is not an ObjectCreated event"
    );
}

#[test]
fn a_key_that_is_not_utf8_is_ignored_with_the_reason() {
    let mut event = fixture("s3-object-created.json");
    event["Records"][0]["s3"]["object"]["key"] = json!("recordings/%C3.wav");

    let Invocation::Drops { objects, ignored } = parse_event(&event).unwrap() else {
        panic!("not drops")
    };

    assert!(objects.is_empty());
    assert!(
        ignored[0].reason.contains("does not decode to utf-8"),
        "{:?}",
        ignored[0]
    );
}

#[test]
fn scheduled_events_run_the_report_check() {
    let rule = parse_event(&fixture("scheduled-event.json")).unwrap();
    let scheduler = parse_event(&json!({"action": "check-uploads"})).unwrap();

    assert_eq!(rule, Invocation::CheckUploads);
    assert_eq!(scheduler, Invocation::CheckUploads);
}

#[test]
fn moto_shaped_notifications_and_other_payloads_are_refused() {
    let moto = parse_event(&fixture("moto-object-created.json")).unwrap_err();
    let empty = parse_event(&json!({})).unwrap_err();
    let array = parse_event(&json!([1])).unwrap_err();

    assert!(moto.to_string().contains("userIdentity"), "{moto}");
    assert!(empty.to_string().contains("keys []"), "{empty}");
    assert!(array.to_string().contains("not a JSON object"), "{array}");
}

#[test]
fn an_eventbridge_object_created_event_yields_its_object_with_the_key_as_stored() {
    let invocation = parse_event(&fixture("eventbridge-object-created.json")).unwrap();

    let Invocation::Drops { objects, ignored } = invocation else {
        panic!("{invocation:?}")
    };
    assert!(ignored.is_empty());
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0].bucket, "acme-connect-recordings");
    assert_eq!(
        objects[0].key,
        "connect/acme-prod/CallRecordings/2026/11/24/5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11_20261124T08:16_UTC.wav"
    );
    assert_eq!(
        objects[0].etag.as_deref(),
        Some("9f2e6c1d7b3a4e5f8091a2b3c4d5e6f7-2"),
        "a multipart SSE-KMS ETag is kept as it is, not read as an MD5"
    );
}

#[test]
fn the_same_recording_in_an_s3_notification_decodes_to_the_same_key() {
    let Invocation::Drops {
        objects: bridge, ..
    } = parse_event(&fixture("eventbridge-object-created.json")).unwrap()
    else {
        panic!("not drops")
    };
    let Invocation::Drops {
        objects: classic, ..
    } = parse_event(&fixture("s3-connect-object-created.json")).unwrap()
    else {
        panic!("not drops")
    };

    assert_eq!(classic, bridge);
}

#[test]
fn other_s3_eventbridge_events_are_ignored_with_the_reason() {
    let invocation = parse_event(&fixture("eventbridge-object-deleted.json")).unwrap();

    let Invocation::Drops { objects, ignored } = invocation else {
        panic!("{invocation:?}")
    };
    assert!(objects.is_empty());
    assert!(
        ignored[0].reason.contains("\"Object Deleted\""),
        "{ignored:?}"
    );
    assert!(
        ignored[0]
            .object
            .starts_with("s3://acme-connect-recordings/connect/")
    );
}

#[test]
fn an_s3_eventbridge_event_without_its_detail_is_refused_not_taken_for_a_schedule() {
    let mut event = fixture("eventbridge-object-created.json");
    event["detail"]["object"] = json!({"size": 1});

    let refused = parse_event(&event).unwrap_err();

    assert!(refused.to_string().contains("key"), "{refused}");
}
