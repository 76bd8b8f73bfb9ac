//! The key Amazon Connect writes a call recording under, read back: total on any key (never a
//! panic), and every key in Connect's layout gives back the contact and minute it was made from,
//! whether it arrives raw (EventBridge: colons as they are) or form-encoded (S3 notifications:
//! `%3A`, `+` for a space) and decoded first.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use chrono::{Datelike, NaiveDate, Timelike};
use exsync::external::connect::{ConnectKeyMismatch, parse_recording_key};
use exsync::sync::recordings::decode_event_key;
use proptest::prelude::*;

/// What a valid key is made of.
#[derive(Debug, Clone)]
struct Parts {
    prefix: String,
    contact: String,
    folder: NaiveDate,
    day: NaiveDate,
    hour: u32,
    minute: u32,
}

impl Parts {
    fn key(&self) -> String {
        let folder = self.folder.format("%Y/%m/%d");
        let day = self.day.format("%Y%m%d");
        let file = format!(
            "{}_{day}T{:02}:{:02}_UTC.wav",
            self.contact, self.hour, self.minute
        );
        if self.prefix.is_empty() {
            format!("{folder}/{file}")
        } else {
            format!("{}/{folder}/{file}", self.prefix)
        }
    }
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn parts() -> impl Strategy<Value = Parts> {
    (
        prop::sample::select(vec![
            "",
            "connect/acme-prod/CallRecordings",
            "Connect Recordings/a+b/CallRecordings",
            "x",
        ]),
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9-]{1,40}",
        date(),
        date(),
        0u32..24,
        0u32..60,
    )
        .prop_map(|(prefix, contact, folder, day, hour, minute)| Parts {
            prefix: prefix.to_owned(),
            contact,
            folder,
            day,
            hour,
            minute,
        })
}

/// How an S3 notification carries a key: form-encoded, `+` for a space.
fn form_encoded(key: &str) -> String {
    let mut out = String::new();
    for byte in key.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' | b'/' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn check(parts: &Parts, key: &str) -> Result<(), TestCaseError> {
    let parsed = parse_recording_key(&parts.prefix, key)
        .map_err(|e| TestCaseError::fail(format!("{key}: {e}")))?;
    prop_assert_eq!(parsed.contact_id.as_str(), parts.contact.as_str());
    prop_assert_eq!(parsed.folder_date, parts.folder);
    prop_assert_eq!(parsed.started_at.date_naive(), parts.day);
    prop_assert_eq!(
        (parsed.started_at.hour(), parsed.started_at.minute()),
        (parts.hour, parts.minute)
    );
    prop_assert_eq!(parsed.started_at.year(), parts.day.year());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_key_is_read_or_refused_with_a_reason_never_a_panic(prefix in ".{0,12}", key in ".{0,120}") {
        if let Err(e) = parse_recording_key(&prefix, &key) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn keys_near_the_layout_never_panic(
        parts in parts(),
        cut in 0usize..120,
        junk in "[0-9T:_/%A-]{0,6}",
    ) {
        let key = parts.key();
        let mut mangled: String = key.chars().take(cut).collect();
        mangled.push_str(&junk);
        let _ = parse_recording_key(&parts.prefix, &mangled);
    }

    #[test]
    fn a_raw_key_as_eventbridge_carries_it_round_trips(parts in parts()) {
        check(&parts, &parts.key())?;
    }

    #[test]
    fn an_encoded_key_as_s3_notifications_carry_it_round_trips_once_decoded(parts in parts()) {
        let encoded = form_encoded(&parts.key());
        prop_assert!(encoded.contains("%3A"), "the colon is encoded: {}", encoded);
        let decoded = decode_event_key(&encoded).unwrap();
        check(&parts, &decoded)?;
    }

    #[test]
    fn an_encoded_key_not_decoded_is_refused(parts in parts()) {
        let encoded = form_encoded(&parts.key()).replace('+', " ");
        let refused = parse_recording_key(&parts.prefix, &encoded);
        prop_assert!(refused.is_err(), "{}", encoded);
    }
}

#[test]
fn a_key_beside_the_prefix_is_outside_it() {
    let refused = parse_recording_key(
        "connect/a/CallRecordings",
        "connect/a/CallRecordings-old/2026/11/24/c_20261124T08:16_UTC.wav",
    );
    assert!(matches!(
        refused,
        Err(ConnectKeyMismatch::OutsidePrefix { .. })
    ));
}
