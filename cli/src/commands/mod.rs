//! The subcommands, one file each, and the command line that selects them.

pub mod apply;
pub mod demo;
pub mod emulator;
pub mod explain;
pub mod plan;
pub mod redrive;
pub mod replay;
pub mod status;
pub mod validate;

use clap::{Parser, Subcommand};

/// exsync keeps Genesys Cloud EX in step with an external contact-center platform.
///
/// `plan` and `apply` read the Genesys connection from GENESYS_REGION (or GENESYS_API_BASE and
/// GENESYS_LOGIN_BASE), GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET and GENESYS_RATE_PER_MINUTE, and
/// the state store from EXSYNC_STATE_URL. `replay`, `redrive` and `status` need no Genesys
/// settings: only the state store and AWS (the usual AWS_* variables; AWS_ENDPOINT_URL and
/// EXSYNC_S3_PATH_STYLE for an S3/SQS-compatible server). Exit codes: 0 success, 1 problems found or changes
/// failed, 2 usage errors, 3 partial (a sync left snapshot objects out: see the skipped table).
#[derive(Debug, Parser)]
#[command(name = "exsync", version, about, long_about)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a configuration snapshot (and a mapping) and print every problem.
    Validate(validate::Args),
    /// Show what a sync would change in Genesys, without changing anything.
    Plan(plan::Args),
    /// Sync: apply the plan to Genesys and print the report.
    Apply(apply::Args),
    /// Run the Genesys emulator in the foreground.
    Emulator(emulator::Args),
    /// Run the whole pipeline on the examples against an in-process emulator.
    Demo(demo::Args),
    /// Re-submit dead letters from the state store (after fixing their cause).
    Replay(replay::Args),
    /// Move messages from an SQS dead-letter queue back to its source queue.
    Redrive(redrive::Args),
    /// Summarise the last reconcile, dead letters and recording outcomes from the state store.
    Status(status::Args),
    /// Explain one object: its external record, mapping, Genesys object, last sync, state.
    Explain(explain::Args),
}

/// How a command ended (errors are `anyhow` errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// all good
    Success,
    /// problems found, or changes failed (exit code 1)
    Failed,
    /// the sync ran but left parts out: objects the snapshot holds back (exit code 3)
    Partial,
}

/// Runs the selected command.
///
/// # Errors
/// Whatever stopped the command (unreadable file, missing configuration, Genesys unreachable).
pub async fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Plan(args) => plan::run(&args).await,
        Command::Apply(args) => apply::run(&args).await,
        Command::Emulator(args) => emulator::run(&args).await,
        Command::Demo(args) => demo::run(&args).await,
        Command::Replay(args) => replay::run(&args).await,
        Command::Redrive(args) => redrive::run(&args).await,
        Command::Status(args) => status::run(&args).await,
        Command::Explain(args) => explain::run(&args).await,
    }
}
