//! `exsync status [--json] [--state-url URL]`: what the state store says about the deployment:
//! the last reconcile (when, trigger, counts, failures with Genesys's code and correlation id,
//! whether it stopped early), dead letters per kind with the newest reasons, and recording
//! outcomes, with the uploads no upload report has settled for longer than the overdue age;
//! `--objects failed|skipped|synced|not-managed` lists objects from the per-object sync status.
//! Needs only the state store (no Genesys settings).

use std::time::Duration;

use super::Status;
use exsync::reconcile::SyncState;

use crate::ops::aws::{aws_settings, open_store};
use crate::ops::objects::{self, StateArg, objects_in};
use crate::ops::status::{Summary, gather};
use crate::render::plan::kind_label;
use crate::render::report::blocked_lines;
use crate::render::{Table, heading, skipped_table};

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// The newest dead-letter reasons shown per kind.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub newest: usize,
    /// Recording records read at most to count outcomes (all are counted as records).
    #[arg(long, value_name = "N", default_value_t = 5000)]
    pub max_records: usize,
    /// Hours after which an upload no upload report has settled is listed as overdue.
    #[arg(
        long,
        value_name = "HOURS",
        env = "EXSYNC_PENDING_OVERDUE_HOURS",
        default_value_t = 24,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub overdue_hours: u64,
    /// List the objects the last config sync left in this state instead of the summary.
    #[arg(long, value_enum, value_name = "STATE")]
    pub objects: Option<StateArg>,
    /// The state store (overrides EXSYNC_STATE_URL): s3://bucket/prefix, file:///path or a
    /// directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Reads and prints the summary.
///
/// # Errors
/// No state store, or it cannot be read.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let aws = aws_settings()?;
    let (store, state) = open_store(args.state_url.as_deref(), &aws).await?;
    if let Some(wanted) = args.objects {
        let wanted = SyncState::from(wanted);
        let Some((updated_at, lines)) = objects_in(&store, wanted).await? else {
            println!("no per-object status yet: config sync writes it on its first applied run");
            return Ok(Status::Success);
        };
        if args.json {
            println!("{}", serde_json::to_string_pretty(&lines)?);
        } else {
            print!("{}", objects::render(wanted, &updated_at, &lines));
        }
        return Ok(Status::Success);
    }
    let overdue_after = Duration::from_secs(args.overdue_hours.saturating_mul(3600));
    let summary = gather(&store, &state, args.newest, args.max_records, overdue_after).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print!("{}", render(&summary));
    }
    Ok(Status::Success)
}

/// The summary as text; pure.
pub fn render(summary: &Summary) -> String {
    let mut out = format!("State store: {}\n", summary.state);
    out.push_str(&heading("Last reconcile"));
    match &summary.last_reconcile {
        None => out.push_str("  no reconcile report yet\n"),
        Some(r) => {
            let c = r.counts;
            out.push_str(&format!(
                "  {} → {} · trigger {} · {}\n",
                r.started_at, r.finished_at, r.trigger, r.mode
            ));
            out.push_str(&format!(
                "  planned {} · applied {} · failed {} · skipped {} · Genesys {} calls, {} throttled\n",
                c.planned, c.applied, c.failed, c.skipped, r.genesys_calls, r.genesys_throttled
            ));
            if r.stopped_early {
                out.push_str("  stopped early at the deadline: the next run continues\n");
            }
            out.push_str(&skipped_table(&r.skipped));
            out.push_str(&blocked_lines(&r.blocked));
            if !r.failures.is_empty() {
                let mut table = Table::new(&[
                    "FAILED",
                    "EXTERNAL ID",
                    "ACTION",
                    "STATUS",
                    "CODE",
                    "CORRELATION ID",
                    "ERROR",
                ])
                .limit(6, 50)
                .indent(2);
                for f in &r.failures {
                    table.row([
                        kind_label(f.kind).to_owned(),
                        f.external_id.clone().unwrap_or_else(|| "-".into()),
                        f.action.clone(),
                        f.status.map_or_else(|| "-".into(), |s| s.to_string()),
                        f.code.clone().unwrap_or_else(|| "-".into()),
                        f.correlation_id.clone().unwrap_or_else(|| "-".into()),
                        f.error.clone(),
                    ]);
                }
                out.push_str(&table.render());
            }
        }
    }
    out.push_str(&heading("Dead letters"));
    let mut counts = Table::new(&["KIND", "WAITING", "REPLAYED"]).indent(2);
    for d in &summary.dead_letters {
        counts.row([
            d.kind.name().to_owned(),
            d.waiting.to_string(),
            d.replayed.to_string(),
        ]);
    }
    out.push_str(&counts.render());
    let mut newest = Table::new(&["NEWEST", "AT", "REASON"])
        .limit(2, 70)
        .indent(2);
    for d in &summary.dead_letters {
        for letter in &d.newest {
            newest.row([
                letter.key.clone(),
                letter.at.clone().unwrap_or_else(|| "-".into()),
                letter.reason.clone(),
            ]);
        }
    }
    if !newest.is_empty() {
        out.push('\n');
        out.push_str(&newest.render());
    }
    out.push_str(&heading("Recordings"));
    match &summary.recordings {
        None => out.push_str("  no recording records\n"),
        Some(r) => {
            out.push_str(&format!(
                "  uploaded {} · confirmed {} · upload failed {} · rejected {} · failed {}\n",
                r.uploaded, r.confirmed, r.upload_failed, r.rejected, r.failed
            ));
            if r.in_progress > 0 {
                out.push_str(&format!("  {} being uploaded\n", r.in_progress));
            }
            out.push_str(&format!(
                "  {} records, {} awaiting an upload report",
                r.records, r.pending_confirmation
            ));
            if r.counted < r.records {
                out.push_str(&format!(
                    "; counts over {} of them (raise --max-records)",
                    r.counted
                ));
            }
            if r.unreadable > 0 {
                out.push_str(&format!("; {} unreadable", r.unreadable));
            }
            out.push('\n');
            if r.waiting_for_contact > 0 {
                let (n, noun) = match r.waiting_for_contact {
                    1 => (1, "Connect recording waits for its contact trace record"),
                    n => (n, "Connect recordings wait for their contact trace records"),
                };
                out.push_str(&format!("  {n} {noun}"));
                if let Some(since) = &r.waiting_since {
                    out.push_str(&format!(" (the oldest since {since})"));
                }
                out.push_str("; the schedule resumes them\n");
            }
        }
    }
    out.push_str(&render_overdue(summary));
    out
}

/// The overdue uploads, oldest first; nothing when there are none.
fn render_overdue(summary: &Summary) -> String {
    let mut out = String::new();
    if !summary.overdue_uploads.is_empty() {
        out.push_str(&format!(
            "  {} upload(s) pending for more than {} h (no upload report has settled them):\n",
            summary.overdue_uploads.len(),
            summary.overdue_after_hours
        ));
        let mut table = Table::new(&["OVERDUE", "FILE", "UPLOADED", "HOURS"])
            .limit(0, 60)
            .indent(2);
        for u in &summary.overdue_uploads {
            table.row([
                u.record_key.clone(),
                u.file_name.clone(),
                u.uploaded_at.clone(),
                u.hours.to_string(),
            ]);
        }
        out.push_str(&table.render());
    }
    if summary.unreadable_pending > 0 {
        out.push_str(&format!(
            "  {} pending marker(s) unreadable\n",
            summary.unreadable_pending
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use exsync::reconcile::Counts;

    use super::*;
    use crate::ops::dead_letters::Kind;
    use crate::ops::overdue::OverdueUpload;
    use crate::ops::status::{DeadLetterCount, Failure, NewestLetter, Reconcile, RecordingCounts};

    fn summary() -> Summary {
        Summary {
            state: "file:///state".into(),
            last_reconcile: Some(Reconcile {
                key: "reports/config-sync/latest.json".into(),
                started_at: "2026-11-24T06:00:00.000Z".into(),
                finished_at: "2026-11-24T06:00:02.000Z".into(),
                trigger: "schedule".into(),
                mode: "apply".into(),
                counts: Counts {
                    planned: 3,
                    applied: 2,
                    failed: 1,
                    skipped: 0,
                },
                stopped_early: true,
                blocked: Vec::new(),
                warnings: Vec::new(),
                skipped: Vec::new(),
                genesys_calls: 12,
                genesys_throttled: 1,
                failures: vec![Failure {
                    kind: Some(exsync::external::ObjectKind::Users),
                    external_id: Some("agent-1001".into()),
                    action: "createUser".into(),
                    error: "400 bad request".into(),
                    status: Some(400),
                    code: Some("bad.request".into()),
                    correlation_id: Some("corr-1".into()),
                }],
            }),
            dead_letters: vec![DeadLetterCount {
                kind: Kind::AgentState,
                waiting: 2,
                replayed: 1,
                newest: vec![NewestLetter {
                    key: "dead-letters/agent-state/2026-11-24/m.json".into(),
                    at: None,
                    reason: "unknown agent".into(),
                }],
            }],
            recordings: Some(RecordingCounts {
                records: 4,
                counted: 4,
                uploaded: 1,
                confirmed: 2,
                rejected: 1,
                ..RecordingCounts::default()
            }),
            overdue_after_hours: 24,
            overdue_uploads: vec![OverdueUpload {
                record_key: "recordings/call-1/h1.json".into(),
                file_name: "c1_m1.wav".into(),
                upload_key: Some("k1".into()),
                uploaded_at: "2026-11-22T08:00:00+00:00".into(),
                hours: 49,
            }],
            unreadable_pending: 0,
        }
    }

    #[test]
    fn the_summary_lists_overdue_uploads_with_their_age() {
        let text = render(&summary());

        assert!(
            text.contains("1 upload(s) pending for more than 24 h"),
            "{text}"
        );
        let row = text.lines().find(|l| l.contains("h1.json")).unwrap();
        assert!(
            row.contains("c1_m1.wav") && row.trim_end().ends_with("49"),
            "{row}"
        );
    }

    #[test]
    fn the_summary_shows_failures_with_code_and_correlation_id() {
        let text = render(&summary());

        let failure = text.lines().find(|l| l.contains("agent-1001")).unwrap();
        assert!(
            failure.contains("bad.request") && failure.contains("corr-1"),
            "{text}"
        );
        assert!(text.contains("stopped early"), "{text}");
        assert!(text.contains("planned 3 · applied 2 · failed 1"), "{text}");
    }

    #[test]
    fn the_summary_counts_dead_letters_and_recordings() {
        let text = render(&summary());

        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with("agent-state"))
            .unwrap();
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            ["agent-state", "2", "1"]
        );
        assert!(text.contains("unknown agent"), "{text}");
        assert!(
            text.contains("uploaded 1 · confirmed 2 · upload failed 0 · rejected 1 · failed 0"),
            "{text}"
        );
    }
}
