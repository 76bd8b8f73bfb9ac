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
    /// The platform the day comes from: exsync's own formats (the example contact centre), or
    /// Amazon Connect's (its API, agent event stream, contact trace records, recording bucket).
    #[arg(long, value_enum, default_value_t = Platform::Formats)]
    pub platform: Platform,
}

/// Where the demo's day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Platform {
    /// exsync's four formats (`examples/`)
    Formats,
    /// Amazon Connect, through a loopback fake of its API and its stream and bucket shapes
    Connect,
}

/// Runs the demo.
///
/// # Errors
/// Whatever stops a stage.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    match args.platform {
        Platform::Formats => {
            crate::demo::run(args.state_dir.as_deref(), args.rate_per_minute).await?;
        }
        Platform::Connect => {
            crate::demo::connect::run(args.state_dir.as_deref(), args.rate_per_minute).await?;
        }
    }
    Ok(Status::Success)
}
