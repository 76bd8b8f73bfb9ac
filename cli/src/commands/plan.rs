//! `exsync plan --config F|connect://ID --mapping M [--json] [--out plan.json]`: what a sync would change, as a
//! table (or the `Plan` as JSON), without changing anything in Genesys. `--out` also saves it, with
//! what it was made against, for `exsync apply plan.json` to apply exactly that plan later.

use std::path::PathBuf;

use anyhow::Context as _;
use exsync::deadline::Deadline;
use exsync::reconcile::{Desired, SavedPlan};
use exsync::sync::{dry_run, prepare};

use super::Status;
use crate::connect::connect;
use crate::inputs::render_findings;
use crate::render::{Names, notes, plan_table, skipped_table, summary_table};
use crate::source::{ConfigSource, check_source};

/// Arguments of `plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration snapshot (exsync.config/v1), or connect://<instance-id> to read a live
    /// Amazon Connect instance (AWS_REGION, AWS credentials, AWS_ENDPOINT_URL_CONNECT).
    #[arg(long, value_name = "FILE|connect://ID")]
    pub config: ConfigSource,
    /// The mapping document (exsync.mapping/v1).
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// Print the plan as JSON (the `Plan` type) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also save the plan to this file (`exsync apply FILE` applies it, or refuses it when the
    /// org or the id map changed since).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
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
    let checked = Box::pin(check_source(&args.config, &args.mapping)).await?;
    let findings = checked.findings.clone();
    let (snapshot_text, mapping_text) = checked.texts.clone();
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
    let prepared = prepare(
        &connection.client,
        &connection.store,
        desired,
        Deadline::none(),
    )
    .await?;
    if let Some(out) = &args.out {
        let saved = SavedPlan::new(
            prepared.plan.clone(),
            prepared.basis.clone(),
            (&snapshot_text, mapping_text.as_deref().unwrap_or_default()),
            connection.client.api_base().as_str(),
            &prepared.started_at,
        );
        let body = serde_json::to_string_pretty(&saved)?;
        std::fs::write(out, body + "\n")
            .with_context(|| format!("cannot write the plan to {}", out.display()))?;
        eprintln!(
            "Saved the plan to {}; apply exactly it with `exsync apply {}`.",
            out.display(),
            out.display()
        );
    }
    let outcome = dry_run(&connection.client, prepared, "cli");
    let plan = &outcome.plan;
    if args.json {
        println!("{}", serde_json::to_string_pretty(plan)?);
        return Ok(Status::Success);
    }
    if plan.is_empty() {
        println!("Nothing to change: Genesys matches {}.", args.config);
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
