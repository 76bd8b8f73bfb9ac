//! What `exsync status` reads from the state store: the last reconcile report
//! (`reports/config-sync/latest.json`), the dead letters of each kind (waiting, replayed, the
//! newest reasons) and the recording records (`recordings/<interaction>/<hash>.json`) counted by
//! status, the Amazon Connect recordings waiting for their contact trace record
//! (`connect/waiting-recordings/`), and the uploads pending longer than the overdue age. One
//! serialisable [`Summary`], so `--json` prints exactly what the table shows.

use std::time::Duration;

use exsync::reconcile::{Counts, GuardViolation, Outcome, RunReport, Skipped};
use exsync::store::{StateStore, StoreError, keys};
use exsync::sync::recordings::{RecordingRecord, RecordingStatus, WaitingRecording};
use serde::Serialize;

use super::dead_letters::{self, Kind};
use super::overdue::{OverdueUpload, overdue_uploads};
use super::read_lenient;

/// Letters read at most per kind to find the newest.
const NEWEST_READS: usize = 50;

/// Everything `status` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// the state store
    pub state: String,
    /// the last reconcile, if one ran
    pub last_reconcile: Option<Reconcile>,
    /// per kind
    pub dead_letters: Vec<DeadLetterCount>,
    /// when recording records exist
    pub recordings: Option<RecordingCounts>,
    /// the overdue age, in hours
    pub overdue_after_hours: u64,
    /// uploads pending longer than that, oldest first
    pub overdue_uploads: Vec<OverdueUpload>,
    /// pending markers that did not parse
    pub unreadable_pending: usize,
}

/// The last reconcile report, in brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reconcile {
    /// where it is stored
    pub key: String,
    /// when it started
    pub started_at: String,
    /// when it ended
    pub finished_at: String,
    /// `schedule`, `s3://...`, `cli`
    pub trigger: String,
    /// `apply` or `dry-run`
    pub mode: String,
    /// planned, applied, failed, skipped
    pub counts: Counts,
    /// whether the deadline cut it short
    pub stopped_early: bool,
    /// the mass-change guard's refusals
    pub blocked: Vec<GuardViolation>,
    /// planner warnings
    pub warnings: Vec<String>,
    /// what the run left out because the snapshot holds it back
    pub skipped: Vec<Skipped>,
    /// Genesys calls and 429s
    pub genesys_calls: u64,
    /// 429 answers
    pub genesys_throttled: u64,
    /// every failed change
    pub failures: Vec<Failure>,
}

/// One failed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// object type (`users`, ...), none for the presence source
    pub kind: Option<exsync::external::ObjectKind>,
    /// external id
    pub external_id: Option<String>,
    /// the action, e.g. `createUser`
    pub action: String,
    /// what went wrong
    pub error: String,
    /// HTTP status
    pub status: Option<u16>,
    /// Genesys error code
    pub code: Option<String>,
    /// `ININ-Correlation-Id`
    pub correlation_id: Option<String>,
}

/// One kind's dead letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetterCount {
    /// the kind
    pub kind: Kind,
    /// not replayed yet
    pub waiting: usize,
    /// moved to `replayed/`
    pub replayed: usize,
    /// the newest waiting ones
    pub newest: Vec<NewestLetter>,
}

/// A recent dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewestLetter {
    /// its key
    pub key: String,
    /// when it was dead-lettered (RFC 3339), if known
    pub at: Option<String>,
    /// why
    pub reason: String,
}

/// The recording records, counted by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingCounts {
    /// records in the store
    pub records: usize,
    /// records read and counted below (all, unless more than the limit)
    pub counted: usize,
    /// sent, not yet in an upload report
    pub uploaded: usize,
    /// an upload report says `Success`
    pub confirmed: usize,
    /// an upload report says `Failure`
    pub upload_failed: usize,
    /// refused (dead-lettered)
    pub rejected: usize,
    /// the upload failed
    pub failed: usize,
    /// an invocation holds the upload (claimed, or its URL asked for)
    #[serde(skip_serializing_if = "is_zero")]
    pub in_progress: usize,
    /// records that did not parse
    pub unreadable: usize,
    /// uploads awaiting the report check (`recording-uploads/pending/`)
    pub pending_confirmation: usize,
    /// Amazon Connect recordings waiting for their contact trace record
    /// (`connect/waiting-recordings/`; the schedule resumes them)
    #[serde(skip_serializing_if = "is_zero")]
    pub waiting_for_contact: usize,
    /// when the longest-waiting of those read started waiting (at most `--max-records` are read)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting_since: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Reads the summary; `newest` reasons per kind, at most `max_records` recording records, the
/// uploads pending longer than `overdue_after`.
///
/// # Errors
/// Store failures; a latest report that does not parse.
pub async fn gather(
    store: &StateStore,
    state: &str,
    newest: usize,
    max_records: usize,
    overdue_after: Duration,
) -> Result<Summary, StoreError> {
    let last_reconcile = store
        .get_json::<RunReport>(keys::LATEST_CONFIG_SYNC_REPORT)
        .await?
        .map(|(report, _)| brief(&report));
    let mut letters = Vec::new();
    for kind in Kind::ALL {
        let listing = dead_letters::list(store, kind).await?;
        let recent = dead_letters::newest(store, &listing.waiting, newest, NEWEST_READS).await?;
        letters.push(DeadLetterCount {
            kind,
            waiting: listing.waiting.len(),
            replayed: listing.replayed.len(),
            newest: recent
                .iter()
                .map(|l| NewestLetter {
                    key: l.key.clone(),
                    at: l.at().map(|t| t.to_rfc3339()),
                    reason: l.reason(),
                })
                .collect(),
        });
    }
    let (overdue, unreadable_pending) =
        overdue_uploads(store, chrono::Utc::now(), overdue_after).await?;
    Ok(Summary {
        state: state.to_owned(),
        last_reconcile,
        dead_letters: letters,
        recordings: recordings(store, max_records).await?,
        overdue_after_hours: overdue_after.as_secs() / 3600,
        overdue_uploads: overdue,
        unreadable_pending,
    })
}

fn brief(report: &RunReport) -> Reconcile {
    let apply = &report.apply;
    Reconcile {
        key: keys::LATEST_CONFIG_SYNC_REPORT.to_owned(),
        started_at: report.started_at.clone(),
        finished_at: report.finished_at.clone(),
        trigger: report.trigger.clone(),
        mode: report.mode.to_string(),
        counts: apply.counts,
        stopped_early: apply.stopped_early,
        blocked: apply.blocked.clone(),
        warnings: report.warnings.clone(),
        skipped: report.skipped.clone(),
        genesys_calls: report.genesys.calls,
        genesys_throttled: report.genesys.throttled,
        failures: apply
            .failures()
            .filter_map(|item| match &item.outcome {
                Outcome::Failed {
                    error,
                    status,
                    code,
                    correlation_id,
                    ..
                } => Some(Failure {
                    kind: item.kind,
                    external_id: item.external_id.as_ref().map(ToString::to_string),
                    action: item.action.clone(),
                    error: error.clone(),
                    status: *status,
                    code: code.clone(),
                    correlation_id: correlation_id.clone(),
                }),
                Outcome::Applied | Outcome::Skipped { .. } => None,
            })
            .collect(),
    }
}

async fn recordings(
    store: &StateStore,
    max_records: usize,
) -> Result<Option<RecordingCounts>, StoreError> {
    let records: Vec<String> = store
        .list(keys::RECORDINGS)
        .await?
        .into_iter()
        // pending-confirmation markers live under the same prefix; they are counted apart
        .filter(|k| k.ends_with(".json") && !k.starts_with(keys::PENDING_UPLOADS))
        .collect();
    let waiting = store.list(keys::CONNECT_WAITING_RECORDINGS).await?;
    if records.is_empty() && waiting.is_empty() {
        return Ok(None);
    }
    let mut counts = RecordingCounts {
        records: records.len(),
        pending_confirmation: store.list(keys::PENDING_UPLOADS).await?.len(),
        waiting_for_contact: waiting.len(),
        waiting_since: oldest_waiting(store, &waiting, max_records).await?,
        ..RecordingCounts::default()
    };
    let read = &records[..records.len().min(max_records)];
    for record in read_lenient::<RecordingRecord>(store, read).await? {
        counts.counted += 1;
        match record.map(|r| r.status) {
            Some(RecordingStatus::Uploaded) => counts.uploaded += 1,
            Some(RecordingStatus::Confirmed) => counts.confirmed += 1,
            Some(RecordingStatus::UploadFailed) => counts.upload_failed += 1,
            Some(RecordingStatus::Rejected) => counts.rejected += 1,
            Some(RecordingStatus::Failed) => counts.failed += 1,
            Some(RecordingStatus::Claimed | RecordingStatus::UrlRequested) => {
                counts.in_progress += 1;
            }
            None => counts.unreadable += 1,
        }
    }
    Ok(Some(counts))
}

/// When the longest-waiting Connect recording (of the first `max_reads` markers) started waiting;
/// a marker that does not parse or has gone since the listing is passed over.
async fn oldest_waiting(
    store: &StateStore,
    markers: &[String],
    max_reads: usize,
) -> Result<Option<String>, StoreError> {
    let read = &markers[..markers.len().min(max_reads)];
    let oldest = read_lenient::<WaitingRecording>(store, read)
        .await?
        .into_iter()
        .flatten()
        .map(|marker| marker.since)
        .min();
    Ok(oldest.map(|since| since.to_rfc3339()))
}
