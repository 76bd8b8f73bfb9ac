//! Object keys of the inbound bucket: decoding the key an S3 event carries, sidecar keys, and the
//! hash that names a recording in the state store (its keys are in [`crate::store::keys`]). Pure.
//!
//! S3 event notifications carry the key URL-encoded the way HTML forms are: a space is `+`, a
//! literal `+` is `%2B`, anything else outside ASCII letters and digits is `%XX` of its UTF-8
//! bytes. [`decode_event_key`] undoes that.

use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

/// The suffix of a recording's sidecar: `recordings/a.wav` → `recordings/a.wav.json`.
pub const SIDECAR_SUFFIX: &str = ".json";

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_separates_bucket_from_key() {
        assert_ne!(key_hash("ab", "c"), key_hash("a", "bc"));
        assert_eq!(key_hash("b", "k").len(), 24);
    }
}
