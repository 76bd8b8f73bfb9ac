//! `exsync validate --config F [--mapping M]`: every problem of the snapshot, the mapping, and
//! the mapping against the snapshot, each naming its object and field and, for the mapping, the
//! concern it affects (config sync, agent state, interactions, recordings).

use std::path::PathBuf;

use super::Status;
use crate::inputs::{check, describe, render_findings};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration snapshot (exsync.config/v1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The mapping document (exsync.mapping/v1).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

/// Prints every problem; [`Status::Failed`] when there is any.
///
/// # Errors
/// A file that cannot be read.
pub fn run(args: &Args) -> anyhow::Result<Status> {
    let checked = check(&args.config, args.mapping.as_deref())?;
    if !checked.findings.is_empty() || !checked.notes.is_empty() {
        print!("{}", render_findings(&checked.findings));
        print!("{}", render_findings(&checked.notes));
        return Ok(Status::Failed);
    }
    if let Some(snapshot) = &checked.snapshot {
        println!("ok  {}: {}", args.config.display(), describe(snapshot));
    }
    if let (Some(path), Some(mapping)) = (&args.mapping, &checked.mapping) {
        println!(
            "ok  {}: user authority {:?}, presence source {:?}, {} status rules",
            path.display(),
            mapping.user_authority,
            mapping.presence_source_name,
            mapping.agent_state.rules.len()
        );
        println!("ok  the mapping's secondary statuses and divisions exist in the snapshot");
    }
    Ok(Status::Success)
}
