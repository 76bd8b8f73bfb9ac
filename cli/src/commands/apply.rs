//! `exsync apply --config F --mapping M [--yes]` or `exsync apply PLAN.json [--yes]`: shows the
//! plan, asks (unless `--yes`), applies that very plan with a progress bar on a terminal (plain
//! progress lines elsewhere), and prints the report.
//!
//! With documents, the org is read once: the plan shown is the value applied. With a saved plan
//! (`exsync plan --out`), the org's listings and the id map are read again and compared with what
//! the plan was made against; a plan that is stale is refused, naming what changed.
//!
//! Exits 1 when any change failed, the guard refused the plan, the saved plan is stale, or the
//! run stopped early; 3 when it synced everything but the snapshot objects it holds back (listed
//! with their reasons).

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, bail};
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, ApplyProgress, Desired, SavedPlan};
use exsync::store::keys;
use exsync::sync::{Prepared, check_saved, execute, prepare};

use super::Status;
use crate::apply_bar::ApplyBar;
use crate::connect::{Connection, connect};
use crate::inputs::{check_documents, render_findings};
use crate::render::{Names, heading, notes, plan_table, report, skipped_table};
use crate::source::{ConfigSource, check_source};

/// Arguments of `apply`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["saved", "config"])))]
pub struct Args {
    /// A plan saved by `exsync plan --out` (instead of --config and --mapping).
    #[arg(value_name = "PLAN", conflicts_with_all = ["config", "mapping"])]
    pub saved: Option<PathBuf>,
    /// The configuration snapshot (exsync.config/v1), or connect://<instance-id> to read a live
    /// Amazon Connect instance (AWS_REGION, AWS credentials, AWS_ENDPOINT_URL_CONNECT).
    #[arg(long, value_name = "FILE|connect://ID", requires = "mapping")]
    pub config: Option<ConfigSource>,
    /// The mapping document (exsync.mapping/v1).
    #[arg(long, value_name = "FILE", requires = "config")]
    pub mapping: Option<PathBuf>,
    /// Apply without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// The state store (overrides EXSYNC_STATE_URL): s3://bucket/prefix, file:///path or a
    /// directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Plans (or reads and checks a saved plan), confirms, applies, reports.
///
/// # Errors
/// Unreadable files, missing configuration, Genesys or the store unreachable, no confirmation
/// possible.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let (checked, saved) = match (&args.saved, &args.config, &args.mapping) {
        (Some(path), _, _) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let saved: SavedPlan = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a saved plan", path.display()))?;
            let problems = saved.integrity_problems();
            if !problems.is_empty() {
                bail!(
                    "{} cannot be applied: {}",
                    path.display(),
                    problems.join("; ")
                );
            }
            let label = format!("{} (its snapshot)", path.display());
            let mapping = (
                format!("{} (its mapping)", path.display()),
                saved.mapping.clone(),
            );
            (
                check_documents((&label, &saved.snapshot), Some(mapping)),
                Some(saved),
            )
        }
        (None, Some(config), Some(mapping)) => {
            (Box::pin(check_source(config, mapping)).await?, None)
        }
        _ => bail!("give a saved plan, or --config and --mapping"),
    };
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
    let prepared = match &saved {
        None => {
            prepare(
                &connection.client,
                &connection.store,
                desired,
                Deadline::none(),
            )
            .await?
        }
        Some(saved) => {
            let target = connection.client.api_base().as_str();
            if saved.target != target {
                bail!(
                    "the plan was made for {}, not {target}; plan again against this org",
                    saved.target
                );
            }
            let (stale, prepared) = check_saved(
                &connection.client,
                &connection.store,
                saved,
                Deadline::none(),
            )
            .await?;
            if !stale.is_empty() {
                println!(
                    "The saved plan (made {}) is stale; nothing was applied. What changed since:",
                    saved.planned_at
                );
                for s in &stale {
                    println!("  {s}");
                }
                println!("Plan again (exsync plan --out) and review the new plan.");
                return Ok(Status::Failed);
            }
            prepared
        }
    };
    confirm_and_apply(&connection, desired, prepared, args.yes).await
}

/// Shows the plan, asks, applies exactly it.
async fn confirm_and_apply(
    connection: &Connection,
    desired: Desired<'_>,
    prepared: Prepared,
    yes: bool,
) -> anyhow::Result<Status> {
    let plan = &prepared.plan;
    if plan.is_empty() {
        println!("Nothing to change: Genesys matches the snapshot.");
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
    print!("{}", plan_table(plan, &Names::from_idmap(&prepared.idmap)));
    print!("{}", notes(plan));
    print!("{}", skipped_table(&plan.skipped));
    if !plan.blocked.is_empty() {
        println!("\nThe mass-change guard refuses this plan; nothing was applied.");
        return Ok(Status::Failed);
    }
    if !yes && !confirm(plan.changes.len(), connection.client.api_base().as_str())? {
        println!("Nothing applied.");
        return Ok(Status::Success);
    }
    let progress = Arc::new(ApplyProgress::default());
    let options = ApplyOptions {
        progress: Some(progress.clone()),
        ..ApplyOptions::default()
    };
    let bar = ApplyBar::start(progress, &connection.client);
    let started = Instant::now();
    let result = execute(
        &connection.client,
        &connection.store,
        desired,
        prepared,
        "cli",
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
