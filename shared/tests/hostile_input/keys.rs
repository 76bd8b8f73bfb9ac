//! Object keys from S3 events: form-style percent-decoding, the key patterns that find the
//! interaction in a key, and the state-store keys built from what a key names.

use exsync::mapping::RecordingRules;
use exsync::store::keys;
use exsync::sync::recordings::{KeyError, decode_event_key, recording_of_sidecar};
use proptest::prelude::*;

use crate::mutate::config;

/// A key as S3 event notifications carry it: a space is `+`, ASCII letters and digits stay,
/// every other byte is `%XX`.
fn form_encode(key: &str) -> String {
    key.bytes()
        .map(|b| match b {
            b' ' => "+".to_owned(),
            b if b.is_ascii_alphanumeric() => char::from(b).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Keys made of the characters recordings are named with, and of anything at all.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "recordings/[a-zA-Z0-9 ._+%~/-]{1,60}\\.(wav|opus|mp3|json)",
        "recordings/[a-z0-9-]{1,20}_[0-9TZ:-]{0,20}\\.[a-z0-9]{0,12}",
        ".{1,200}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_raw_event_key_decodes_or_is_refused_never_a_panic(raw in prop_oneof![
        ".{0,200}",
        "[%+0-9A-Fa-f]{0,64}",
        "(%[0-9A-Fa-f]{2}|%|%[0-9A-Fa-f]|[a-z+/]){0,64}",
    ]) {
        match decode_event_key(&raw) {
            Ok(key) => prop_assert!(key.len() <= raw.len()),
            Err(KeyError::Empty) => prop_assert!(raw.is_empty()),
            Err(KeyError::NotUtf8 { raw: named }) => prop_assert_eq!(named, raw),
        }
    }

    #[test]
    fn a_form_encoded_key_decodes_back_to_itself(key in key()) {
        let raw = form_encode(&key);

        let decoded = decode_event_key(&raw).unwrap();

        prop_assert_eq!(decoded, key);
    }

    #[test]
    fn any_key_is_matched_or_not_and_a_match_names_part_of_the_key(key in key()) {
        let rules = RecordingRules::default();

        if let Some(found) = rules.match_key(&key) {
            let id = found.interaction_id.as_str();
            prop_assert!(!id.is_empty() && key.contains(id), "{id:?} in {key:?}");
            prop_assert!(!id.contains('/'));
        }
        let _ = recording_of_sidecar(&key);
    }

    #[test]
    fn a_record_key_stays_one_folder_under_recordings_whatever_the_interaction_id(
        id in prop_oneof![".{0,80}", Just("..".to_owned()), Just(".".to_owned()), Just("~pending".to_owned())],
    ) {
        let key = keys::recording_record(Some(&id), "0123abcd");

        let segments: Vec<&str> = key.split('/').collect();
        prop_assert_eq!(segments.len(), 3, "{}", key);
        prop_assert_eq!(segments[0], "recordings");
        prop_assert!(!matches!(segments[1], "" | "." | ".." | "~pending"), "{}", key);
        prop_assert!(segments[1] != "~unmatched" || id.is_empty(), "{}", key);
        prop_assert_eq!(segments[2], "0123abcd.json");
    }
}
