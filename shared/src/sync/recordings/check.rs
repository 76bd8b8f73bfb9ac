//! The scheduled check: asks Genesys for an upload report covering every pending upload, waits for
//! it, downloads it from its signed URL (allowed hosts only), and marks each upload it lists as
//! `Success` confirmed and each `Failure` failed; `WaitForConversation` and `Pending` stay pending
//! for the next run.
//!
//! The report's download format is not documented (api-reference §7.1); rows are read from a JSON
//! array, or from an object's `uploads`, `entities` or `rows` array, and matched by `uploadKey`,
//! else by `fileName`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::RecordingError;
use super::key::PENDING_PREFIX;
use super::record::{PendingUpload, RecordingStatus, load_record, save_record};
use super::transfer::Uploader;
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::genesys::model::RecordingUploadReportRequest;
use crate::store::StateStore;

/// A report window starts this long before the oldest pending upload.
const WINDOW_MARGIN: chrono::Duration = chrono::Duration::minutes(5);
/// The largest report download accepted.
const MAX_REPORT_BYTES: usize = 64 * 1024 * 1024;

/// How the check polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// between polls of an `InProgress` report
    pub poll_interval: Duration,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(2),
        }
    }
}

/// What one check did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckOutcome {
    /// pending uploads before the check
    pub pending: usize,
    /// the report asked for (none when nothing was pending)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
    /// the report's last state
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_state: Option<String>,
    /// record keys confirmed
    pub confirmed: Vec<String>,
    /// record keys the report says failed
    pub failed: Vec<String>,
    /// uploads still waiting for their conversation
    pub waiting_for_conversation: usize,
    /// pending uploads the report does not list (yet)
    pub not_in_report: usize,
}

/// One report row, as far as exsync reads it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    #[serde(default)]
    upload_key: Option<String>,
    #[serde(default)]
    file_name: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    failure_reason: Option<String>,
}

/// Runs one check.
///
/// # Errors
/// Store, Genesys and download failures; a report still `InProgress` at the deadline is not an
/// error (the outcome says so, and the next run asks again).
#[tracing::instrument(skip_all)]
pub async fn check_uploads(
    client: &GenesysClient,
    store: &StateStore,
    uploader: &Uploader,
    options: CheckOptions,
    deadline: Deadline,
) -> Result<CheckOutcome, RecordingError> {
    let mut pending = Vec::new();
    for key in store.list(PENDING_PREFIX).await? {
        if let Some((marker, _)) = store.get_json::<PendingUpload>(&key).await? {
            pending.push((key, marker));
        }
    }
    let mut outcome = CheckOutcome {
        pending: pending.len(),
        ..CheckOutcome::default()
    };
    let Some(oldest) = pending.iter().map(|(_, p)| p.uploaded_at).min() else {
        return Ok(outcome);
    };
    let request = RecordingUploadReportRequest {
        date_since: (oldest - WINDOW_MARGIN).to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        upload_status: None,
    };
    let mut report = client.create_upload_report(&request, deadline).await?;
    outcome.report_id = Some(report.id.clone());
    while report.state.as_deref() == Some("InProgress") {
        if deadline.would_pass(options.poll_interval) {
            outcome.report_state = report.state;
            return Ok(outcome);
        }
        tokio::time::sleep(options.poll_interval).await;
        report = client.upload_report(&report.id, deadline).await?;
    }
    outcome.report_state.clone_from(&report.state);
    let Some(url) = report
        .signed_url
        .filter(|_| report.state.as_deref() == Some("Completed"))
    else {
        return Ok(outcome);
    };
    let body = uploader.get(&url, MAX_REPORT_BYTES).await?;
    let rows = report_rows(&body);
    for (marker_key, marker) in pending {
        let row = rows.iter().find(|r| matches(r, &marker));
        settle(store, &marker_key, &marker, row, &mut outcome).await?;
    }
    tracing::info!(
        pending = outcome.pending,
        confirmed = outcome.confirmed.len(),
        failed = outcome.failed.len(),
        waiting = outcome.waiting_for_conversation,
        "upload report checked"
    );
    Ok(outcome)
}

fn matches(row: &Row, marker: &PendingUpload) -> bool {
    match (&row.upload_key, &marker.upload_key) {
        (Some(a), Some(b)) => a == b,
        _ => row.file_name.as_deref() == Some(marker.file_name.as_str()),
    }
}

/// The rows of a downloaded report.
fn report_rows(body: &[u8]) -> Vec<Row> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let array = match value {
        Value::Array(rows) => rows,
        Value::Object(mut object) => ["uploads", "entities", "rows"]
            .iter()
            .find_map(|k| match object.remove(*k) {
                Some(Value::Array(rows)) => Some(rows),
                _ => None,
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    array
        .into_iter()
        .filter_map(|row| serde_json::from_value(row).ok())
        .collect()
}

async fn settle(
    store: &StateStore,
    marker_key: &str,
    marker: &PendingUpload,
    row: Option<&Row>,
    outcome: &mut CheckOutcome,
) -> Result<(), RecordingError> {
    let Some(row) = row else {
        outcome.not_in_report += 1;
        return Ok(());
    };
    let status = row.status.clone().unwrap_or_default();
    let settled = match status.as_str() {
        "Success" => Some(RecordingStatus::Confirmed),
        "Failure" => Some(RecordingStatus::UploadFailed),
        "WaitForConversation" => {
            outcome.waiting_for_conversation += 1;
            None
        }
        _ => None,
    };
    let Some(mut record) = load_record(store, &marker.record_key).await? else {
        store.delete(marker_key).await?; // the record is gone: nothing left to settle
        return Ok(());
    };
    let now: DateTime<Utc> = Utc::now();
    record.report_status = Some(status);
    record.updated_at = now;
    if let Some(settled) = settled {
        record.status = settled;
        record.settled_at = Some(now);
        if settled == RecordingStatus::UploadFailed {
            record.reason = Some(
                row.failure_reason
                    .clone()
                    .unwrap_or_else(|| "the upload report lists it as failed".into()),
            );
            outcome.failed.push(marker.record_key.clone());
        } else {
            outcome.confirmed.push(marker.record_key.clone());
        }
    }
    save_record(store, &marker.record_key, &record).await?;
    if settled.is_some() {
        store.delete(marker_key).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::recordings::record::RecordingRecord;

    #[test]
    fn rows_are_found_in_an_array_or_under_a_known_field() {
        let listed = br#"{"reportId":"r","uploads":[{"uploadKey":"k","status":"Success"}]}"#;
        assert_eq!(report_rows(listed)[0].upload_key.as_deref(), Some("k"));
        let bare = br#"[{"fileName":"f.wav","status":"Failure"}]"#;
        assert_eq!(report_rows(bare)[0].status.as_deref(), Some("Failure"));
        assert!(report_rows(b"not json").is_empty());
    }

    #[tokio::test]
    async fn a_failure_row_marks_the_record_failed_with_its_reason_and_ends_pending() {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::Dir(crate::store::DirStore::new(dir.path().to_path_buf()));
        let record = RecordingRecord::new("b", "k", "e", RecordingStatus::Uploaded);
        save_record(&store, "recordings/i/h.json", &record)
            .await
            .unwrap();
        let marker = PendingUpload {
            record_key: "recordings/i/h.json".into(),
            upload_key: Some("k1".into()),
            file_name: "f.wav".into(),
            uploaded_at: Utc::now(),
        };
        let marker_key = "recordings/~pending/h.json";
        store
            .put_json(marker_key, &marker, crate::store::PutMode::Overwrite)
            .await
            .unwrap();
        let row = Row {
            upload_key: Some("k1".into()),
            status: Some("Failure".into()),
            failure_reason: Some("the file name carries no conversation id".into()),
            ..Row::default()
        };
        let mut outcome = CheckOutcome::default();

        settle(&store, marker_key, &marker, Some(&row), &mut outcome)
            .await
            .unwrap();

        let saved = load_record(&store, "recordings/i/h.json")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(saved.status, RecordingStatus::UploadFailed);
        assert_eq!(
            saved.reason.as_deref(),
            Some("the file name carries no conversation id")
        );
        assert_eq!(outcome.failed, ["recordings/i/h.json"]);
        assert!(store.get(marker_key).await.unwrap().is_none());
    }

    #[test]
    fn rows_match_by_upload_key_before_file_name() {
        let marker = PendingUpload {
            record_key: "r".into(),
            upload_key: Some("k1".into()),
            file_name: "f.wav".into(),
            uploaded_at: Utc::now(),
        };
        let other_key = Row {
            upload_key: Some("k2".into()),
            file_name: Some("f.wav".into()),
            ..Row::default()
        };
        assert!(!matches(&other_key, &marker));
        let by_name = Row {
            file_name: Some("f.wav".into()),
            ..Row::default()
        };
        assert!(matches(&by_name, &marker));
    }
}
