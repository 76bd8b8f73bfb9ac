//! Where a presigned upload URL may point. Pure.
//!
//! A presigned URL comes from Genesys's answer, and the recording's bytes go wherever it says, so
//! exsync checks it before a byte is sent:
//!
//! - by default only `https` URLs to an Amazon S3 endpoint (Genesys's upload buckets in every
//!   region; virtual-hosted or path-style, regional, dual-stack, FIPS, legacy and China forms, see
//!   [`super::s3_endpoint`]), on the default port: API Gateway, Lambda URLs and every other
//!   service are refused;
//! - plus each `EXSYNC_UPLOAD_HOSTS` entry: `host`, `host:port`, or `*.domain` (any host under
//!   it), over `https`; plain `http` only when the entry's host is a loopback address
//!   (`127.0.0.0/8`, `::1`, `localhost`), which is how tests and the demo reach the emulator;
//! - never a URL with a user name or password in it.

use std::net::IpAddr;

use url::{Host, Url};

use super::s3_endpoint::is_s3_host;

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("upload url refused: {reason}")]
pub struct HostRefused {
    /// what is wrong, naming the host (never the query string, which holds the signature)
    pub reason: String,
}

/// One `EXSYNC_UPLOAD_HOSTS` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// lowercase host, or the domain after `*.`
    host: String,
    wildcard: bool,
    port: Option<u16>,
}

/// The hosts an upload URL may point to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UploadHosts {
    extra: Vec<Entry>,
}

impl UploadHosts {
    /// The default hosts plus `extra` entries (as `EXSYNC_UPLOAD_HOSTS` lists them).
    ///
    /// # Errors
    ///
    /// A message naming an entry that is not `host`, `host:port` or `*.domain`.
    pub fn new<S: AsRef<str>>(extra: &[S]) -> Result<Self, String> {
        let extra = extra
            .iter()
            .map(|e| parse_entry(e.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(Self { extra })
    }

    /// Checks `url`.
    ///
    /// # Errors
    ///
    /// [`HostRefused`] when the URL does not parse or points anywhere not allowed.
    pub fn check(&self, url: &str) -> Result<Url, HostRefused> {
        let refuse = |reason: String| HostRefused { reason };
        let parsed = Url::parse(url).map_err(|e| refuse(format!("not a url ({e})")))?;
        let Some(host) = parsed.host() else {
            return Err(refuse("the url has no host".into()));
        };
        let host_text = host_text(&host);
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(refuse(format!(
                "the url to {host_text} carries credentials"
            )));
        }
        let scheme = parsed.scheme();
        if !matches!(scheme, "https" | "http") {
            return Err(refuse(format!("scheme {scheme} is not https")));
        }
        let port = parsed.port_or_known_default();
        let default_bucket = matches!(host, Host::Domain(_))
            && is_s3_host(&host_text)
            && scheme == "https"
            && parsed.port().is_none();
        if default_bucket {
            return Ok(parsed);
        }
        let Some(entry) = self.extra.iter().find(|e| e.matches(&host_text, port)) else {
            return Err(refuse(format!(
                "{host_text} is not an allowed upload host (an S3 endpoint over https, or EXSYNC_UPLOAD_HOSTS)"
            )));
        };
        if scheme == "http" && !is_loopback(&host) {
            return Err(refuse(format!(
                "plain http to {} is allowed only for loopback hosts",
                entry.host
            )));
        }
        Ok(parsed)
    }
}

impl Entry {
    fn matches(&self, host: &str, port: Option<u16>) -> bool {
        let host_ok = if self.wildcard {
            host.strip_suffix(self.host.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
        } else {
            host == self.host
        };
        host_ok && self.port.is_none_or(|p| Some(p) == port)
    }
}

fn host_text(host: &Host<&str>) -> String {
    match host {
        Host::Domain(d) => d.to_ascii_lowercase(),
        Host::Ipv4(ip) => ip.to_string(),
        Host::Ipv6(ip) => ip.to_string(),
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

fn parse_entry(text: &str) -> Result<Entry, String> {
    let text = text.trim().to_ascii_lowercase();
    let bad = || format!("upload host {text:?} is not host, host:port or *.domain");
    let (wildcard, rest) = match text.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (host, port) = split_port(rest).ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let valid = !host.is_empty()
        && (host.parse::<IpAddr>().is_ok()
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
    if !valid || (wildcard && host.parse::<IpAddr>().is_ok()) {
        return Err(bad());
    }
    Ok(Entry {
        host: host.to_owned(),
        wildcard,
        port,
    })
}

/// `host`, `host:port`, `[v6]:port` or a bare IPv6 address.
fn split_port(text: &str) -> Option<(&str, Option<u16>)> {
    if text.parse::<IpAddr>().is_ok() {
        return Some((text, None));
    }
    match text.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() => Some((host, Some(port.parse().ok()?))),
        Some(_) => None,
        None => Some((text, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_with_and_without_ports() {
        let hosts = UploadHosts::new(&["127.0.0.1:8080", "*.Example.com", "[::1]:9"]).unwrap();
        assert_eq!(hosts.extra.len(), 3);
        assert!(hosts.extra[1].wildcard);
        assert_eq!(hosts.extra[2].port, Some(9));
        assert!(UploadHosts::new(&["host:port"]).is_err());
        assert!(UploadHosts::new(&["*.10.0.0.1"]).is_err());
    }
}
