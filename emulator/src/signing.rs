//! HMAC-SHA256 signatures for the emulator's own presigned URLs (recording uploads and report
//! downloads): the signature covers the object, the expiry and the headers the PUT must carry.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical(kind: &str, object: &str, expires: i64, headers: &[(String, String)]) -> String {
    let mut sorted: Vec<_> = headers.to_vec();
    sorted.sort();
    let mut text = format!("{kind}\n{object}\n{expires}\n");
    for (name, value) in sorted {
        text.push_str(&format!("{name}:{value}\n"));
    }
    text
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this never fails for a 32-byte key.
    <HmacSha256 as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()))
}

/// The hex signature of (kind, object, expiry, headers).
pub fn sign(
    key: &[u8],
    kind: &str,
    object: &str,
    expires: i64,
    headers: &[(String, String)],
) -> String {
    let mut m = mac(key);
    m.update(canonical(kind, object, expires, headers).as_bytes());
    hex(&m.finalize().into_bytes())
}

/// Whether `signature` (hex) is right, compared in constant time.
pub fn verify(
    key: &[u8],
    kind: &str,
    object: &str,
    expires: i64,
    headers: &[(String, String)],
    signature: &str,
) -> bool {
    let Some(bytes) = unhex(signature) else {
        return false;
    };
    let mut m = mac(key);
    m.update(canonical(kind, object, expires, headers).as_bytes());
    m.verify_slice(&bytes).is_ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_the_same_inputs() {
        let headers = vec![("content-type".to_owned(), "audio/wav".to_owned())];
        let signature = sign(b"key", "PUT", "u1", 100, &headers);
        assert!(verify(b"key", "PUT", "u1", 100, &headers, &signature));
        assert!(!verify(b"key", "PUT", "u1", 101, &headers, &signature));
        assert!(!verify(b"other", "PUT", "u1", 100, &headers, &signature));
        assert!(!verify(b"key", "PUT", "u1", 100, &[], &signature));
    }
}
