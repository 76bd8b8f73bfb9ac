//! The scheduled check: asks Genesys for an upload report covering every pending upload, waits for
//! it, downloads it from its signed URL (allowed hosts only), and marks each upload it lists as
//! `Success` confirmed and each `Failure` failed; `WaitForConversation` and `Pending` stay pending
//! for the next run.
//!
//! The report's download format is not documented (api-reference §7.1); rows are read from a JSON
//! array, or from an object's `uploads`, `entities` or `rows` array, and matched by `uploadKey`,
//! else by `fileName`. A report in any other shape, or with a row that is not an upload row, is
//! [`RecordingError::ReportUnreadable`]: read as "no rows" it would leave every upload pending for
//! ever without a word. Uploads pending longer than [`CheckOptions::overdue_after`] are counted
//! ([`CheckOutcome::overdue`]).

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::RecordingError;
use super::record::{PendingUpload, RecordingStatus, load_record, save_record};
use super::transfer::Uploader;
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::genesys::model::RecordingUploadReportRequest;
use crate::store::{StateStore, keys};

/// A report window starts this long before the oldest pending upload.
const WINDOW_MARGIN: chrono::Duration = chrono::Duration::minutes(5);
/// The largest report download accepted.
const MAX_REPORT_BYTES: usize = 64 * 1024 * 1024;

/// How long an upload may stay pending before it counts as overdue, unless configured.
pub const DEFAULT_OVERDUE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// How the check polls, and when a pending upload is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// between polls of an `InProgress` report
    pub poll_interval: Duration,
    /// a pending upload older than this is overdue (`EXSYNC_PENDING_OVERDUE_HOURS`)
    pub overdue_after: Duration,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(2),
            overdue_after: DEFAULT_OVERDUE_AFTER,
        }
    }
}

/// Whether an upload sent at `uploaded_at` has been pending longer than `after` at `now`.
pub fn is_overdue(uploaded_at: DateTime<Utc>, now: DateTime<Utc>, after: Duration) -> bool {
    chrono::Duration::from_std(after).is_ok_and(|after| now - uploaded_at > after)
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
    /// pending uploads older than [`CheckOptions::overdue_after`] when the check started
    pub overdue: usize,
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
    for key in store.list(keys::PENDING_UPLOADS).await? {
        if let Some((marker, _)) = store.get_json::<PendingUpload>(&key).await? {
            pending.push((key, marker));
        }
    }
    let now = Utc::now();
    let mut outcome = CheckOutcome {
        pending: pending.len(),
        overdue: pending
            .iter()
            .filter(|(_, p)| is_overdue(p.uploaded_at, now, options.overdue_after))
            .count(),
        ..CheckOutcome::default()
    };
    if outcome.overdue > 0 {
        tracing::warn!(
            overdue = outcome.overdue,
            after_hours = options.overdue_after.as_secs() / 3600,
            "uploads pending longer than the overdue age (exsync status lists them)"
        );
    }
    let Some(oldest) = pending.iter().map(|(_, p)| p.uploaded_at).min() else {
        return Ok(outcome);
    };
    let request = RecordingUploadReportRequest {
        date_since: oldest
            .checked_sub_signed(WINDOW_MARGIN)
            .unwrap_or(oldest)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
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
    let rows = report_rows(&body).map_err(|reason| RecordingError::ReportUnreadable {
        report_id: report.id.clone(),
        reason,
    })?;
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

/// The rows of a downloaded report, or what is wrong with it (never the body itself, which may
/// be large or hostile).
fn report_rows(body: &[u8]) -> Result<Vec<Row>, String> {
    let value = serde_json::from_slice::<Value>(body)
        .map_err(|e| format!("not json ({} bytes): {e}", body.len()))?;
    let array = match value {
        Value::Array(rows) => rows,
        Value::Object(mut object) => {
            let found =
                ["uploads", "entities", "rows"]
                    .iter()
                    .find_map(|k| match object.remove(*k) {
                        Some(Value::Array(rows)) => Some(rows),
                        _ => None,
                    });
            let Some(rows) = found else {
                let mut fields: Vec<&str> = object.keys().map(String::as_str).take(10).collect();
                fields.sort_unstable();
                return Err(format!(
                    "an object without an uploads, entities or rows array (fields: {})",
                    fields.join(", ")
                ));
            };
            rows
        }
        other => {
            return Err(format!(
                "a json {} where rows were expected",
                crate::external::json_type(&other)
            ));
        }
    };
    array
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            if !row.is_object() {
                return Err(format!(
                    "row {i} is a json {}, not an object",
                    crate::external::json_type(&row)
                ));
            }
            serde_json::from_value(row).map_err(|e| format!("row {i}: {e}"))
        })
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
        assert_eq!(
            report_rows(listed).unwrap()[0].upload_key.as_deref(),
            Some("k")
        );
        let bare = br#"[{"fileName":"f.wav","status":"Failure"}]"#;
        assert_eq!(
            report_rows(bare).unwrap()[0].status.as_deref(),
            Some("Failure")
        );
        assert!(report_rows(br#"{"uploads":[]}"#).unwrap().is_empty());
    }

    #[test]
    fn a_report_that_cannot_be_parsed_is_an_error_not_an_empty_report() {
        let cases: [(&[u8], &str); 5] = [
            (b"not json", "not json"),
            (br#"{"reportId":"r","items":[]}"#, "fields: items, reportId"),
            (br#""Completed""#, "a json string"),
            (br#"[{"uploadKey":"k"}, 7]"#, "row 1 is a json number"),
            (br#"[{"uploadKey":"k","status":5}]"#, "row 0"),
        ];

        for (body, said) in cases {
            let error = report_rows(body).unwrap_err();

            assert!(error.contains(said), "{error}");
        }
    }

    #[test]
    fn an_upload_is_overdue_only_past_the_configured_age() {
        let now = Utc::now();
        let day = Duration::from_secs(24 * 3600);

        assert!(is_overdue(now - chrono::Duration::hours(25), now, day));
        assert!(!is_overdue(now - chrono::Duration::hours(23), now, day));
        assert!(!is_overdue(
            now - chrono::Duration::hours(3),
            now,
            Duration::from_secs(4 * 3600)
        ));
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
