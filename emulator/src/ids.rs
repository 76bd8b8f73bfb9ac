//! Ids and timestamps: random V4 UUIDs for new objects, deterministic V4-shaped UUIDs for the
//! fixed objects every org starts with, V4 checks for event ids, and Genesys's timestamp format.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A fresh random V4 UUID.
pub fn new_id() -> String {
    Uuid::new_v4().to_string()
}

/// A V4-shaped UUID derived from a label, stable across runs (used for the home division and
/// the system presence definitions).
pub fn derived_id(label: &str) -> String {
    let digest = Sha256::digest(format!("genesys-emulator:{label}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Whether `text` is a canonical version-4, RFC 4122 variant UUID.
pub fn is_v4_uuid(text: &str) -> bool {
    Uuid::try_parse(text).is_ok_and(|u| {
        u.get_version_num() == 4 && u.get_variant() == uuid::Variant::RFC4122 && text.len() == 36
    })
}

/// Every UUID-shaped substring of `text` (8-4-4-4-12 hex digits), in order.
pub fn uuids_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 36 <= bytes.len() {
        let candidate = &text[i..i + 36];
        if is_uuid_shape(candidate) {
            found.push(candidate.to_ascii_lowercase());
            i += 36;
        } else {
            i += 1;
        }
    }
    found
}

fn is_uuid_shape(candidate: &str) -> bool {
    candidate.char_indices().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => c == '-',
        _ => c.is_ascii_hexdigit(),
    })
}

/// The current time.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Genesys's timestamp format: `2024-05-01T10:00:00.000Z`.
pub fn fmt_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses an ISO-8601 date-time with zone.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_v4_uuids() {
        let a = derived_id("division:home");
        assert_eq!(a, derived_id("division:home"));
        assert!(is_v4_uuid(&a));
    }

    #[test]
    fn non_v4_uuids_are_not_accepted_as_v4() {
        assert!(!is_v4_uuid("00000000-0000-1000-8000-000000000000"));
        assert!(!is_v4_uuid("not-a-uuid"));
        assert!(is_v4_uuid(&new_id()));
    }

    #[test]
    fn uuids_are_found_in_order_inside_file_names() {
        let conv = new_id();
        let comm = new_id();
        let name = format!("rec_{conv}_{comm}.wav");
        assert_eq!(uuids_in(&name), vec![conv, comm]);
    }
}
