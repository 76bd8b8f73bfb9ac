//! `exsync demo`: the whole pipeline on the embedded examples against an in-process emulator
//! (see [`crate::demo`] for the stages).

use std::num::NonZeroU32;
use std::path::PathBuf;

use super::Status;

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keep the state store (id map, reports) in this directory instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// The demo client's request budget per minute (a real org allows 300 per OAuth client).
    #[arg(long, default_value = "6000")]
    pub rate_per_minute: NonZeroU32,
}

/// Runs the demo.
///
/// # Errors
/// Whatever stops a stage.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    crate::demo::run(args.state_dir.as_deref(), args.rate_per_minute).await?;
    Ok(Status::Success)
}
