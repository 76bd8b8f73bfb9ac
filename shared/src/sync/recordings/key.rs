//! Object keys: decoding the key an S3 event carries, sidecar keys, and the state-store keys of a
//! recording's record, pending marker and dead letter. Pure.
//!
//! S3 event notifications carry the key URL-encoded the way HTML forms are: a space is `+`, a
//! literal `+` is `%2B`, anything else outside ASCII letters and digits is `%XX` of its UTF-8
//! bytes. [`decode_event_key`] undoes that.

use chrono::{DateTime, Utc};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

/// The suffix of a recording's sidecar: `recordings/a.wav` → `recordings/a.wav.json`.
pub const SIDECAR_SUFFIX: &str = ".json";

/// The record-key folder of recordings whose interaction could not be found. `~` is escaped in
/// every [`path_segment`], so no interaction id can name this folder.
pub const UNMATCHED: &str = "~unmatched";

/// An event key that does not decode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is empty.
    #[error("the object key is empty")]
    Empty,
    /// The percent-decoded bytes are not UTF-8.
    #[error("the object key {raw:?} does not decode to utf-8 text")]
    NotUtf8 {
        /// the key as the event carried it
        raw: String,
    },
}

/// Decodes an S3 event's object key: `+` is a space, then `%XX` escapes are resolved.
///
/// # Errors
///
/// [`KeyError`] when the key is empty or does not decode to UTF-8.
pub fn decode_event_key(raw: &str) -> Result<String, KeyError> {
    if raw.is_empty() {
        return Err(KeyError::Empty);
    }
    let spaced = raw.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .map(|key| key.into_owned())
        .map_err(|_| KeyError::NotUtf8 {
            raw: raw.to_owned(),
        })
}

/// Whether `key` names a sidecar rather than a recording.
pub fn is_sidecar(key: &str) -> bool {
    key.ends_with(SIDECAR_SUFFIX)
}

/// The sidecar key of a recording.
pub fn sidecar_key(recording_key: &str) -> String {
    format!("{recording_key}{SIDECAR_SUFFIX}")
}

/// The recording a sidecar belongs to.
pub fn recording_of_sidecar(sidecar: &str) -> Option<&str> {
    sidecar
        .strip_suffix(SIDECAR_SUFFIX)
        .filter(|key| !key.is_empty())
}

/// A short stable hash of an object's bucket and key (hex, 24 characters).
pub fn key_hash(bucket: &str, key: &str) -> String {
    let digest = Sha256::new()
        .chain_update(bucket.as_bytes())
        .chain_update([0u8])
        .chain_update(key.as_bytes())
        .finalize();
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// A state-store path segment for an external id: letters, digits, `-`, `_` and `.` stay, every
/// other byte is `%XX`, and a leading dot is escaped so the segment is never `.` or `..`.
pub fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for (i, byte) in id.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.');
        if keep && !(i == 0 && byte == b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() {
        UNMATCHED.to_owned()
    } else {
        out
    }
}

/// `recordings/<interaction-id>/<key-hash>.json`; `~unmatched` when no interaction was found.
pub fn record_key(interaction_id: Option<&str>, hash: &str) -> String {
    let folder = interaction_id.map_or_else(|| UNMATCHED.to_owned(), path_segment);
    format!("recordings/{folder}/{hash}.json")
}

/// `recordings/~pending/<key-hash>.json`: an upload the report check has yet to confirm (under
/// `recordings/`, so one prefix holds everything the function writes besides dead letters).
pub fn pending_key(hash: &str) -> String {
    format!("{PENDING_PREFIX}{hash}.json")
}

/// The prefix of every pending marker.
pub const PENDING_PREFIX: &str = "recordings/~pending/";

/// `dead-letters/recordings/<yyyy-mm-dd>/<key-hash>.json`.
pub fn dead_letter_key(at: DateTime<Utc>, hash: &str) -> String {
    format!(
        "dead-letters/recordings/{}/{hash}.json",
        at.format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_id_goes_to_the_unmatched_folder() {
        assert_eq!(path_segment(""), "~unmatched");
        assert_eq!(record_key(None, "ab"), "recordings/~unmatched/ab.json");
        assert_eq!(path_segment("~pending"), "%7Epending");
    }

    #[test]
    fn dot_segments_cannot_climb_out() {
        assert_eq!(path_segment(".."), "%2E.");
        assert_eq!(path_segment("a/../b"), "a%2F..%2Fb");
    }

    #[test]
    fn the_hash_separates_bucket_from_key() {
        assert_ne!(key_hash("ab", "c"), key_hash("a", "bc"));
        assert_eq!(key_hash("b", "k").len(), 24);
    }
}
