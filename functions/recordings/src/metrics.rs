//! The invocation's CloudWatch EMF line: recordings uploaded, skipped, rejected, failed and
//! waiting for their Connect contact trace record, bytes uploaded, the waiting ones resumed, the upload-report check's counts (overdue uploads among them), a failed check (an
//! unreadable report apart), and the Genesys client's calls. Pure.

use exsync::emf::{EmfLine, Unit};
use exsync::genesys::ClientStats;
use exsync::sync::recordings::{
    CheckOutcome, Disposition, DropsOutcome, RecordingError, WaitingOutcome,
};

/// The line for an S3 invocation.
pub fn drops_line(
    outcome: &DropsOutcome,
    ignored: usize,
    genesys: &ClientStats,
    request_id: &str,
) -> EmfLine {
    let bytes: u64 = outcome
        .recordings
        .iter()
        .filter(|r| r.disposition == Disposition::Uploaded)
        .filter_map(|r| r.record.as_ref().and_then(|rec| rec.size_bytes))
        .sum();
    let retried = outcome.retries().count() as u64;
    let failed = outcome.count(Disposition::Failed) as u64;
    let mut line = EmfLine::new("recordings");
    line.count("RecordingsReceived", outcome.recordings.len() as u64)
        .count(
            "RecordingsUploaded",
            outcome.count(Disposition::Uploaded) as u64,
        )
        .count(
            "RecordingsSkipped",
            outcome.count(Disposition::Skipped) as u64,
        )
        .count(
            "RecordingsRejected",
            outcome.count(Disposition::Rejected) as u64,
        )
        .count("RecordingsFailed", failed)
        .count(
            "RecordingsWaiting",
            outcome.count(Disposition::Waiting) as u64,
        )
        .count("RecordingsRetried", retried)
        .count("RecordsIgnored", ignored as u64)
        .add("BytesUploaded", bytes as f64, Unit::Bytes)
        .genesys(genesys)
        .property("requestId", request_id);
    line
}

/// The line for a scheduled check.
pub fn check_line(outcome: &CheckOutcome, genesys: &ClientStats, request_id: &str) -> EmfLine {
    let mut line = EmfLine::new("recordings");
    line.count("UploadsPending", outcome.pending as u64)
        .count("UploadsConfirmed", outcome.confirmed.len() as u64)
        .count("UploadsFailed", outcome.failed.len() as u64)
        .count(
            "UploadsWaitingForConversation",
            outcome.waiting_for_conversation as u64,
        )
        .count("UploadsNotInReport", outcome.not_in_report as u64)
        .count("UploadsOverdue", outcome.overdue as u64)
        .count("UploadReportsUnreadable", 0)
        .count("UploadChecksFailed", 0)
        .genesys(genesys)
        .property("requestId", request_id);
    line
}

/// Adds what the scheduled run did with the Connect recordings waiting for their contact trace
/// record: how many were run again, how many were uploaded then, how many still wait.
pub fn add_waiting(line: &mut EmfLine, waiting: &WaitingOutcome) {
    let uploaded = waiting
        .resumed
        .iter()
        .filter(|r| r.disposition == Disposition::Uploaded)
        .count();
    line.count("RecordingsResumed", waiting.resumed.len() as u64)
        .count("RecordingsResumedUploaded", uploaded as u64)
        .count("RecordingsStillWaiting", waiting.still_waiting as u64);
}

/// The line for a scheduled check that failed; an unreadable report counts apart, since no
/// retry fixes it and every upload it should settle stays pending.
pub fn check_failed_line(
    error: &RecordingError,
    genesys: &ClientStats,
    request_id: &str,
) -> EmfLine {
    let unreadable = matches!(error, RecordingError::ReportUnreadable { .. });
    let mut line = EmfLine::new("recordings");
    line.count("UploadChecksFailed", 1)
        .count("UploadReportsUnreadable", u64::from(unreadable))
        .genesys(genesys)
        .property("requestId", request_id);
    line
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn an_empty_invocation_still_reports_zeroes() {
        let line = drops_line(&DropsOutcome::default(), 2, &ClientStats::default(), "r-1");

        let json: serde_json::Value = serde_json::from_str(&line.render(0)).unwrap();

        assert_eq!(json["RecordingsUploaded"], 0.0);
        assert_eq!(json["RecordsIgnored"], 2.0);
        assert_eq!(json["requestId"], "r-1");
        assert_eq!(json["Function"], "recordings");
    }

    #[test]
    fn an_unreadable_report_is_counted_in_its_own_metric() {
        let unreadable = RecordingError::ReportUnreadable {
            report_id: "r-9".into(),
            reason: "not json".into(),
        };
        let other = RecordingError::NoPresenceSource;

        let line = check_failed_line(&unreadable, &ClientStats::default(), "r-1");
        let json: serde_json::Value = serde_json::from_str(&line.render(0)).unwrap();
        let other_line = check_failed_line(&other, &ClientStats::default(), "r-2");
        let other_json: serde_json::Value = serde_json::from_str(&other_line.render(0)).unwrap();

        assert_eq!(json["UploadReportsUnreadable"], 1.0);
        assert_eq!(json["UploadChecksFailed"], 1.0);
        assert_eq!(other_json["UploadReportsUnreadable"], 0.0);
    }

    #[test]
    fn a_check_reports_its_overdue_uploads() {
        let outcome = CheckOutcome {
            pending: 3,
            overdue: 2,
            ..CheckOutcome::default()
        };

        let line = check_line(&outcome, &ClientStats::default(), "r-1");
        let json: serde_json::Value = serde_json::from_str(&line.render(0)).unwrap();

        assert_eq!(json["UploadsOverdue"], 2.0);
        assert_eq!(json["UploadReportsUnreadable"], 0.0);
    }
}
