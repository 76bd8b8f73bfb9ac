//! Recording uploads and upload reports: what `POST /uploads/recordings` promised, what the
//! signed PUT delivered (length and hashes only, never the bytes), and how the upload bound to
//! its conversation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::table::keyed_by_id;

/// Upload status, as upload reports filter it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UploadStatus {
    /// URL issued; nothing received yet.
    Pending,
    /// Received and bound to its conversation.
    Success,
    /// Received but unusable (no conversation id in the file name).
    Failure,
    /// Received; its conversation does not exist yet.
    WaitForConversation,
}

impl UploadStatus {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            UploadStatus::Pending => "Pending",
            UploadStatus::Success => "Success",
            UploadStatus::Failure => "Failure",
            UploadStatus::WaitForConversation => "WaitForConversation",
        }
    }
}

/// One recording upload.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Upload {
    /// Upload id (in the URL).
    pub id: String,
    /// `uploadKey` returned to the client.
    pub upload_key: String,
    /// Requested file name.
    pub file_name: String,
    /// Headers the PUT must carry, lower-case names.
    pub required_headers: Vec<(String, String)>,
    /// URL expiry.
    pub expires_at: DateTime<Utc>,
    /// When the URL was issued.
    pub created_at: DateTime<Utc>,
    /// Status.
    pub status: UploadStatus,
    /// When the PUT completed.
    #[serde(default)]
    pub uploaded_at: Option<DateTime<Utc>>,
    /// Bytes received.
    #[serde(default)]
    pub size_bytes: Option<u64>,
    /// Base64 MD5 of the bytes.
    #[serde(default)]
    pub md5_base64: Option<String>,
    /// Hex SHA-256 of the bytes.
    #[serde(default)]
    pub sha256_hex: Option<String>,
    /// First UUID in the file name.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Second UUID in the file name.
    #[serde(default)]
    pub communication_id: Option<String>,
    /// Recording id once bound.
    #[serde(default)]
    pub recording_id: Option<String>,
    /// Why it failed.
    #[serde(default)]
    pub failure_reason: Option<String>,
}

/// An upload report request and its result.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Report {
    /// Report id.
    pub id: String,
    /// `dateSince` of the request.
    pub date_since: DateTime<Utc>,
    /// `uploadStatus` filter of the request.
    #[serde(default)]
    pub upload_status: Option<String>,
    /// When requested.
    pub created_at: DateTime<Utc>,
    /// Whether it has been polled (the first answer is `InProgress`, later ones `Completed`).
    #[serde(default)]
    pub polled: bool,
    /// The report rows, computed when requested.
    #[serde(default)]
    pub rows: Vec<Value>,
}

keyed_by_id!(Upload, Report);

impl Upload {
    /// One report row.
    pub fn report_row(&self) -> Value {
        serde_json::json!({
            "uploadKey": self.upload_key,
            "fileName": self.file_name,
            "status": self.status.as_str(),
            "conversationId": self.conversation_id,
            "communicationId": self.communication_id,
            "recordingId": self.recording_id,
            "sizeBytes": self.size_bytes,
            "contentMd5": self.md5_base64,
            "sha256": self.sha256_hex,
            "dateCreated": crate::ids::fmt_time(&self.created_at),
            "dateUploaded": self.uploaded_at.as_ref().map(crate::ids::fmt_time),
            "failureReason": self.failure_reason,
        })
    }
}
