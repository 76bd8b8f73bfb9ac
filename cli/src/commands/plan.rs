//! `exsync plan --config F --mapping M [--json]`: what a sync would change, as a table (or the
//! `Plan` as JSON), without changing anything in Genesys.

use std::path::PathBuf;

use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::sync::{Mode, config_sync};

use super::Status;
use crate::connect::connect;
use crate::inputs::{check, render_findings};
use crate::render::{Names, notes, plan_table, skipped_table, summary_table};

/// Arguments of `plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration snapshot (exsync.config/v1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The mapping document (exsync.mapping/v1).
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// Print the plan as JSON (the `Plan` type) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The state store holding the id map (overrides EXSYNC_STATE_URL): s3://bucket/prefix,
    /// file:///path or a directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Prints the plan.
///
/// # Errors
/// Unreadable files, missing configuration, Genesys or the store unreachable.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let checked = check(&args.config, Some(&args.mapping))?;
    let findings = checked.findings.clone();
    eprint!("{}", render_findings(&checked.notes));
    let Some((snapshot, mapping)) = checked.both() else {
        eprint!("{}", render_findings(&findings));
        return Ok(Status::Failed);
    };
    let connection = connect(args.state_url.as_deref()).await?;
    let desired = Desired {
        snapshot: &snapshot,
        mapping: &mapping,
    };
    let outcome = config_sync(
        &connection.client,
        &connection.store,
        desired,
        "cli",
        Mode::DryRun,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await?;
    let plan = &outcome.plan;
    if args.json {
        println!("{}", serde_json::to_string_pretty(plan)?);
        return Ok(Status::Success);
    }
    if plan.is_empty() {
        println!(
            "Nothing to change: Genesys matches {}.",
            args.config.display()
        );
    } else {
        println!("{} changes planned:\n", plan.changes.len());
        print!("{}", plan_table(plan, &Names::from_idmap(&outcome.idmap)));
        println!();
        print!("{}", summary_table(plan));
    }
    print!("{}", notes(plan));
    print!("{}", skipped_table(&plan.skipped));
    Ok(if !plan.blocked.is_empty() {
        Status::Failed
    } else if !plan.skipped.is_empty() {
        Status::Partial
    } else {
        Status::Success
    })
}
