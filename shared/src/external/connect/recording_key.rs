//! Where Amazon Connect writes a call recording, read back from the object key. Pure.
//!
//! Connect writes `<prefix>/YYYY/MM/DD/<contactId>_<YYYYMMDD>T<HH:MM>_UTC.wav`, where the prefix is
//! the instance's recording storage prefix (by default `connect/<instance-alias>/CallRecordings`).
//! The key given here is the decoded one: an EventBridge event carries it as is (colons and
//! all), a classic S3 notification form-encodes it and the caller decodes it first
//! ([`crate::sync::recordings::decode_event_key`]).
//!
//! Every check is a total function of the text: a key that does not have the layout is an
//! [`ConnectKeyMismatch`] that says what is wrong, never a panic.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

/// The longest contact id read from a file name (Connect's ids are 36-character UUIDs).
const MAX_CONTACT_ID: usize = 128;

/// The end of every recording's file name.
const FILE_SUFFIX: &str = "_UTC.wav";

/// A Connect contact id as a recording's file name carries it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConnectContactId(String);

impl ConnectContactId {
    /// Reads a contact id: 1 to 128 ASCII letters, digits and `-`.
    ///
    /// # Errors
    ///
    /// A reason naming what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            return Err("the contact id is empty".to_owned());
        }
        if text.len() > MAX_CONTACT_ID {
            return Err(format!(
                "the contact id is {} characters long, more than {MAX_CONTACT_ID}",
                text.len()
            ));
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(format!(
                "the contact id {text:?} holds {bad:?}; only letters, digits and `-` are expected"
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ConnectContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a Connect recording key says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRecordingKey {
    /// The contact the file name names (AWS notes this may not match the contact in every
    /// case; the CTR's `Recording.Location` is the reliable link).
    pub contact_id: ConnectContactId,
    /// The folder's date (`YYYY/MM/DD`).
    pub folder_date: NaiveDate,
    /// The minute the file name gives (UTC).
    pub started_at: DateTime<Utc>,
}

/// A key that is not a Connect recording under the prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectKeyMismatch {
    /// The key is not under the configured prefix.
    #[error("the key {key:?} is not under the Connect recording prefix {prefix:?}")]
    OutsidePrefix {
        /// the key
        key: String,
        /// the prefix
        prefix: String,
    },
    /// The key is under the prefix but not in Connect's layout.
    #[error(
        "the key {key:?} is not in Connect's recording layout (YYYY/MM/DD/<contactId>_<YYYYMMDD>T<HH:MM>_UTC.wav): {reason}"
    )]
    Layout {
        /// the key
        key: String,
        /// what is wrong
        reason: String,
    },
}

/// Reads `key` (decoded) as a Connect recording under `prefix` (leading and trailing `/` do not
/// matter; an empty prefix is the bucket's root).
///
/// # Errors
///
/// [`ConnectKeyMismatch`] saying why the key is not one.
pub fn parse_recording_key(
    prefix: &str,
    key: &str,
) -> Result<ConnectRecordingKey, ConnectKeyMismatch> {
    let prefix = prefix.trim_matches('/');
    let rest = if prefix.is_empty() {
        Some(key)
    } else {
        key.strip_prefix(prefix).and_then(|r| r.strip_prefix('/'))
    };
    let Some(rest) = rest else {
        return Err(ConnectKeyMismatch::OutsidePrefix {
            key: key.to_owned(),
            prefix: prefix.to_owned(),
        });
    };
    layout(rest).map_err(|reason| ConnectKeyMismatch::Layout {
        key: key.to_owned(),
        reason,
    })
}

fn layout(rest: &str) -> Result<ConnectRecordingKey, String> {
    let parts: Vec<&str> = rest.split('/').collect();
    let [year, month, day, file] = parts.as_slice() else {
        return Err(format!(
            "{} path segments after the prefix, expected 4",
            parts.len()
        ));
    };
    let folder_date = date(year, month, day)
        .ok_or_else(|| format!("the folders {year}/{month}/{day} are not a date"))?;
    let stem = file
        .strip_suffix(FILE_SUFFIX)
        .ok_or_else(|| format!("the file name {file:?} does not end in {FILE_SUFFIX}"))?;
    let (contact, stamp) = stem
        .split_once('_')
        .ok_or_else(|| format!("the file name {file:?} has no `_` after the contact id"))?;
    let contact_id = ConnectContactId::parse(contact)?;
    let started_at = timestamp(stamp)
        .ok_or_else(|| format!("{stamp:?} in the file name is not a time as YYYYMMDDTHH:MM"))?;
    Ok(ConnectRecordingKey {
        contact_id,
        folder_date,
        started_at,
    })
}

/// `count` ASCII digits as a number.
fn digits(text: &str, count: usize) -> Option<u32> {
    (text.len() == count && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn date(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year = i32::try_from(digits(year, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(month, 2)?, digits(day, 2)?)
}

/// `YYYYMMDDTHH:MM`.
fn timestamp(stamp: &str) -> Option<DateTime<Utc>> {
    let (day, time) = stamp.split_once('T')?;
    let (hour, minute) = time.split_once(':')?;
    let date = date(day.get(0..4)?, day.get(4..6)?, day.get(6..)?)?;
    let time = date.and_hms_opt(digits(hour, 2)?, digits(minute, 2)?, 0)?;
    Some(time.and_utc())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const PREFIX: &str = "connect/acme-prod/CallRecordings";

    #[test]
    fn a_key_in_connects_layout_gives_its_contact_and_minute() {
        let key = "connect/acme-prod/CallRecordings/2026/11/24/5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11_20261124T08:16_UTC.wav";

        let parsed = parse_recording_key(PREFIX, key).unwrap();

        assert_eq!(
            parsed.contact_id.as_str(),
            "5b0c6f8e-1d2a-4e3b-9c4d-6e7f8a9b0c11"
        );
        assert_eq!(parsed.folder_date.to_string(), "2026-11-24");
        assert_eq!(parsed.started_at.to_rfc3339(), "2026-11-24T08:16:00+00:00");
    }

    #[test]
    fn the_prefix_may_be_given_with_slashes_or_be_empty() {
        let key = "c/2026/01/02/abc_20260102T23:59_UTC.wav";
        assert!(parse_recording_key("/c/", key).is_ok());
        assert!(parse_recording_key("", "2026/01/02/abc_20260102T23:59_UTC.wav").is_ok());
    }

    #[test]
    fn keys_outside_the_prefix_or_layout_say_why() {
        let outside = parse_recording_key(PREFIX, "recordings/a.wav").unwrap_err();
        let sibling = parse_recording_key(
            PREFIX,
            "connect/acme-prod/CallRecordingsX/2026/11/24/a_20261124T08:16_UTC.wav",
        )
        .unwrap_err();
        let cases = [
            ("2026/11/24/a_20261124T08:16_UTC.mp3", "does not end in"),
            ("2026/13/24/a_20261124T08:16_UTC.wav", "not a date"),
            ("2026/11/24/a_20261124T0816_UTC.wav", "not a time"),
            ("2026/11/24/a_20261124T24:00_UTC.wav", "not a time"),
            ("2026/11/24/_20261124T08:16_UTC.wav", "contact id is empty"),
            ("2026/11/24/a.b_20261124T08:16_UTC.wav", "holds '.'"),
            ("2026/11/a_20261124T08:16_UTC.wav", "3 path segments"),
            ("2026/11/24/a_20261124T08%3A16_UTC.wav", "not a time"),
        ];

        assert!(matches!(outside, ConnectKeyMismatch::OutsidePrefix { .. }));
        assert!(matches!(sibling, ConnectKeyMismatch::OutsidePrefix { .. }));
        for (rest, why) in cases {
            let error = parse_recording_key(PREFIX, &format!("{PREFIX}/{rest}")).unwrap_err();
            assert!(error.to_string().contains(why), "{rest}: {error}");
        }
    }
}
