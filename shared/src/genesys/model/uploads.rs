//! Recording uploads: presigned upload URLs and upload reports.
//!
//! A presigned URL is a credential (whoever holds it may write or read the object until it
//! expires), so the types holding one print it in `Debug` as its host only.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `UploadUrlRequest`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadUrlRequest {
    /// file name (carries the conversation binding, see the README)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// base64 MD5 of the file
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_md5: Option<String>,
    /// URL lifetime, 1–604800 s
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_url_timeout_seconds: Option<u32>,
    /// MIME type
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `AES256`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_side_encryption: Option<String>,
}

/// `UploadUrlResponse` (`Debug` shows the URL's host and the header names only)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadUrlResponse {
    /// the presigned URL to PUT the file to
    pub url: String,
    /// the object's key
    #[serde(default)]
    pub upload_key: Option<String>,
    /// headers the PUT must carry, exactly
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// `RecordingUploadReportRequest`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingUploadReportRequest {
    /// ISO-8601 start of the reported window
    pub date_since: String,
    /// `Pending`, `Success`, `Failure` or `WaitForConversation`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_status: Option<String>,
}

/// `RecordingUploadReport` (`Debug` shows the signed URL's host only)
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingUploadReport {
    /// report id
    pub id: String,
    /// `InProgress`, `Completed` or `Failed`
    #[serde(default)]
    pub state: Option<String>,
    /// where to download the finished report
    #[serde(default)]
    pub signed_url: Option<String>,
}

/// A presigned URL as `Debug` may show it: scheme and host, never the path or the signature.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => format!(
            "{}://{}/[redacted]",
            parsed.scheme(),
            parsed.host_str().unwrap_or("?")
        ),
        Err(_) => "[redacted]".to_owned(),
    }
}

impl fmt::Debug for UploadUrlResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadUrlResponse")
            .field("url", &redacted(&self.url))
            .field("upload_key", &self.upload_key)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl fmt::Debug for RecordingUploadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordingUploadReport")
            .field("id", &self.id)
            .field("state", &self.state)
            .field("signed_url", &self.signed_url.as_deref().map(redacted))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED: &str = "https://bucket.s3.eu-central-1.amazonaws.com/org/f.wav?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=abc123sig";

    #[test]
    fn debug_of_an_upload_url_shows_neither_the_signature_nor_header_values() {
        let response = UploadUrlResponse {
            url: SIGNED.to_owned(),
            upload_key: Some("k1".into()),
            headers: BTreeMap::from([("x-amz-security-token".into(), "tok-value".into())]),
        };

        let printed = format!("{response:?}");

        assert!(
            printed.contains("bucket.s3.eu-central-1.amazonaws.com"),
            "{printed}"
        );
        for secret in ["abc123sig", "AKIAEXAMPLE", "org/f.wav", "tok-value"] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }

    #[test]
    fn debug_of_an_upload_report_shows_no_signature() {
        let report = RecordingUploadReport {
            id: "r1".into(),
            state: Some("Completed".into()),
            signed_url: Some(SIGNED.to_owned()),
        };

        let printed = format!("{report:?}");

        assert!(
            printed.contains("r1") && printed.contains("Completed"),
            "{printed}"
        );
        assert!(!printed.contains("abc123sig"), "{printed}");
        assert!(
            !format!(
                "{:?}",
                RecordingUploadReport {
                    signed_url: Some("not a url zq9".into()),
                    ..report
                }
            )
            .contains("zq9")
        );
    }
}
