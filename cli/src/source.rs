//! `--config` of `plan` and `apply`: a snapshot file, or `connect://<instance-id>` for the live
//! configuration of an Amazon Connect instance (read through its API with the usual AWS settings:
//! `AWS_REGION`, credentials, and `AWS_ENDPOINT_URL_CONNECT` for another endpoint).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::Context as _;
use exsync::config::{CONNECT_SCHEME, ConnectInstanceId};
use exsync::connect_api;
use exsync::mapping::{Concern, parse_mapping_for};

use crate::inputs::{Checked, Finding, check, check_snapshot, read};

/// Where the desired configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// an `exsync.config/v1` snapshot file
    File(PathBuf),
    /// a live Amazon Connect instance
    Connect(ConnectInstanceId),
}

impl FromStr for ConfigSource {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.strip_prefix(CONNECT_SCHEME) {
            Some(id) => ConnectInstanceId::parse(id).map(Self::Connect),
            None => Ok(Self::File(PathBuf::from(value))),
        }
    }
}

impl fmt::Display for ConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Connect(id) => write!(f, "{CONNECT_SCHEME}{id}"),
        }
    }
}

/// Reads and checks the configuration at `source` and the mapping at `mapping` (a Connect
/// instance is read under the mapping's `connect` section, so a mapping config sync cannot use is
/// reported before Connect is called).
///
/// # Errors
/// A file that cannot be read, or a Connect instance that cannot be read (problems in what was
/// read are findings, not errors).
pub async fn check_source(source: &ConfigSource, mapping: &Path) -> anyhow::Result<Checked> {
    let instance = match source {
        ConfigSource::File(path) => return check(path, Some(mapping)),
        ConfigSource::Connect(instance) => instance,
    };
    let mapping_text = read(mapping)?;
    let name = mapping.display().to_string();
    let options = match parse_mapping_for(&mapping_text, Concern::ConfigSync) {
        Ok(parsed) => parsed.connect,
        Err(e) => {
            return Ok(Checked {
                findings: vec![Finding {
                    document: format!("{name} (config sync)"),
                    problems: e.into_problems(),
                }],
                ..Checked::default()
            });
        }
    };
    let client = connect_api::client_from_env().await;
    let label = source.to_string();
    // boxed: the reader's future is deep enough to overflow the compiler's layout query
    let read = match Box::pin(connect_api::read_snapshot(&client, instance, &options)).await {
        Ok(snapshot) => Ok(snapshot),
        Err(connect_api::ReadError::Invalid(problems)) => Err(problems),
        Err(connect_api::ReadError::Connect(error)) => {
            return Err(error).with_context(|| {
                format!("reading {label} (AWS_REGION, AWS credentials, AWS_ENDPOINT_URL_CONNECT)")
            });
        }
    };
    let text = match &read {
        Ok(snapshot) => serde_json::to_string_pretty(snapshot)?,
        Err(_) => String::new(),
    };
    Ok(check_snapshot(
        (&label, &text),
        read,
        Some((name, mapping_text)),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_connect_url_names_an_instance_and_anything_else_is_a_file() {
        let connect: ConfigSource = "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b"
            .parse()
            .unwrap();
        let file: ConfigSource = "examples/config/initial.json".parse().unwrap();

        assert!(matches!(connect, ConfigSource::Connect(_)));
        assert_eq!(
            connect.to_string(),
            "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b"
        );
        assert_eq!(
            file,
            ConfigSource::File("examples/config/initial.json".into())
        );
        let bad = "connect://prod".parse::<ConfigSource>().unwrap_err();
        assert!(bad.contains("a UUID"), "{bad}");
    }
}
