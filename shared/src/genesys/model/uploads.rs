//! Recording uploads: presigned upload URLs and upload reports.

use std::collections::BTreeMap;

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

/// `UploadUrlResponse`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// `RecordingUploadReport`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
