//! `exsync apply --config F --mapping M [--yes] [--state-url URL]`: shows the plan, asks (unless
//! `--yes`), applies it with a progress bar on a terminal (plain progress lines elsewhere), and
//! prints the report. Exits 1 when any
//! change failed, the guard refused the plan, or the run stopped early; 3 when it synced everything
//! but the snapshot objects it holds back (listed with their reasons).

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::bail;
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, ApplyProgress, Desired};
use exsync::store::keys;
use exsync::sync::{Mode, config_sync};

use super::Status;
use crate::apply_bar::ApplyBar;
use crate::connect::connect;
use crate::inputs::{check, render_findings};
use crate::render::{Names, heading, notes, plan_table, report, skipped_table};

/// Arguments of `apply`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration snapshot (exsync.config/v1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The mapping document (exsync.mapping/v1).
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// Apply without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// The state store (overrides EXSYNC_STATE_URL): s3://bucket/prefix, file:///path or a
    /// directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Plans, confirms, applies, reports.
///
/// # Errors
/// Unreadable files, missing configuration, Genesys or the store unreachable, no confirmation
/// possible.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let checked = check(&args.config, Some(&args.mapping))?;
    let findings = checked.findings.clone();
    print!("{}", render_findings(&checked.notes));
    let Some((snapshot, mapping)) = checked.both() else {
        print!("{}", render_findings(&findings));
        return Ok(Status::Failed);
    };
    let connection = connect(args.state_url.as_deref()).await?;
    let desired = Desired {
        snapshot: &snapshot,
        mapping: &mapping,
    };
    let options = ApplyOptions::default();
    let preview = config_sync(
        &connection.client,
        &connection.store,
        desired,
        "cli",
        Mode::DryRun,
        &options,
        Deadline::none(),
    )
    .await?;
    let plan = &preview.plan;
    if plan.is_empty() {
        println!(
            "Nothing to change: Genesys matches {}.",
            args.config.display()
        );
        print!("{}", skipped_table(&plan.skipped));
        return Ok(if plan.skipped.is_empty() {
            Status::Success
        } else {
            Status::Partial
        });
    }
    print!(
        "{}",
        heading(&format!("Plan: {} changes", plan.changes.len()))
    );
    print!("{}", plan_table(plan, &Names::from_idmap(&preview.idmap)));
    print!("{}", notes(plan));
    print!("{}", skipped_table(&plan.skipped));
    if !plan.blocked.is_empty() {
        println!("\nThe mass-change guard refuses this plan; nothing was applied.");
        return Ok(Status::Failed);
    }
    if !args.yes && !confirm(plan.changes.len(), connection.client.api_base().as_str())? {
        println!("Nothing applied.");
        return Ok(Status::Success);
    }
    let progress = Arc::new(ApplyProgress::default());
    let options = ApplyOptions {
        progress: Some(progress.clone()),
        ..options
    };
    let bar = ApplyBar::start(progress, &connection.client);
    let started = Instant::now();
    let result = config_sync(
        &connection.client,
        &connection.store,
        desired,
        "cli",
        Mode::Apply,
        &options,
        Deadline::none(),
    )
    .await;
    bar.finish();
    let outcome = result?;
    let key = keys::config_sync_report(&outcome.report.started_at);
    print!("{}", heading("Report"));
    print!("{}", report(&outcome.report, Some(&key), started.elapsed()));
    println!("  state store: {}", connection.state);
    let apply = &outcome.report.apply;
    Ok(
        if apply.counts.failed > 0 || apply.stopped_early || !apply.blocked.is_empty() {
            Status::Failed
        } else if outcome.report.is_partial() {
            Status::Partial
        } else {
            Status::Success
        },
    )
}

/// Asks on the terminal; refuses to guess when stdin is not one.
fn confirm(changes: usize, target: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        bail!("not applying without --yes: stdin is not a terminal to confirm on");
    }
    print!("\nApply {changes} changes to {target}? [y/N] ");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES"))
}
