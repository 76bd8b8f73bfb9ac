//! Where config sync's desired state comes from (`EXSYNC_CONFIG_URL`): a snapshot document
//! (`s3://…`, `file://…`) or a live Amazon Connect instance (`connect://<instance-id>`).
//!
//! Beside [`Location`] rather than inside it: a state store or a mapping document can only be a
//! document, so only this one variable takes `connect://`.

use std::fmt;

use super::Location;

/// The scheme of a Connect source.
pub const CONNECT_SCHEME: &str = "connect://";

/// The desired state of a config sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotSource {
    /// an `exsync.config/v1` snapshot document
    Document(Location),
    /// the configuration of a live Amazon Connect instance, read through its API
    Connect(ConnectInstanceId),
}

impl SnapshotSource {
    /// Parses `connect://<instance-id>`, `s3://bucket/key` or `file:///path`.
    ///
    /// # Errors
    /// A reason naming what is wrong (a malformed instance id, an unknown scheme).
    pub fn parse(value: &str) -> Result<Self, String> {
        match value.strip_prefix(CONNECT_SCHEME) {
            Some(rest) => ConnectInstanceId::parse(rest).map(Self::Connect),
            None => Location::parse(value)
                .map(Self::Document)
                .map_err(|reason| format!("{reason}, or connect://<instance-id>")),
        }
    }
}

impl From<Location> for SnapshotSource {
    fn from(location: Location) -> Self {
        Self::Document(location)
    }
}

impl fmt::Display for SnapshotSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Document(location) => location.fmt(f),
            Self::Connect(id) => write!(f, "{CONNECT_SCHEME}{id}"),
        }
    }
}

/// An Amazon Connect instance id: the UUID at the end of the instance ARN
/// (`arn:aws:connect:eu-central-1:123456789012:instance/<id>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConnectInstanceId(String);

impl ConnectInstanceId {
    /// Parses an instance id: a UUID, case-insensitively (kept as given).
    ///
    /// # Errors
    /// A reason that shows the expected form.
    pub fn parse(value: &str) -> Result<Self, String> {
        let expected = "connect://<instance-id> needs the instance id, a UUID such as \
             0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b (the last part of the instance ARN)";
        if value.is_empty() {
            return Err(format!("{expected}; none given"));
        }
        if !is_uuid(value) {
            return Err(format!("{expected}; `{value}` is not one"));
        }
        Ok(Self(value.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ConnectInstanceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn connect_url_names_the_instance() {
        let source =
            SnapshotSource::parse("connect://0C6F1F9E-2d3b-4f4a-9a55-1c2d3e4f5a6b").unwrap();

        let SnapshotSource::Connect(id) = &source else {
            panic!("{source:?}");
        };
        assert_eq!(id.as_str(), "0C6F1F9E-2d3b-4f4a-9a55-1c2d3e4f5a6b");
        assert_eq!(
            source.to_string(),
            "connect://0C6F1F9E-2d3b-4f4a-9a55-1c2d3e4f5a6b"
        );
    }

    #[test]
    fn documents_still_parse_as_locations() {
        assert_eq!(
            SnapshotSource::parse("s3://bucket/config/snapshot.json").unwrap(),
            SnapshotSource::Document(Location::S3 {
                bucket: "bucket".into(),
                prefix: "config/snapshot.json".into()
            })
        );
    }

    #[test]
    fn malformed_instance_ids_are_refused_with_the_expected_form() {
        for bad in [
            "connect://",
            "connect://my-instance",
            "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6",
            "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b/extra",
            "connect://arn:aws:connect:eu-central-1:123456789012:instance/0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b",
        ] {
            let reason = SnapshotSource::parse(bad).unwrap_err();
            assert!(reason.contains("a UUID such as"), "{bad}: {reason}");
        }
    }

    #[test]
    fn an_unknown_scheme_names_every_accepted_form() {
        let reason = SnapshotSource::parse("https://example.com/x.json").unwrap_err();

        assert!(reason.contains("s3://"), "{reason}");
        assert!(reason.contains("connect://<instance-id>"), "{reason}");
    }
}
