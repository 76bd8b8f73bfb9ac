//! The `exsync` command line, as a library so the binary stays a few lines.
//!
//! | module | what |
//! |---|---|
//! | [`commands`] | the command line ([`commands::Cli`]) and one file per subcommand |
//! | [`demo`] | `exsync demo`: stages over a shared [`demo::DemoContext`] |
//! | [`render`] | tables, plans and reports as text (pure) |
//! | [`inputs`] | reading and checking snapshot and mapping files |
//! | [`source`] | `--config`: a snapshot file or `connect://<instance-id>`, read and checked |
//! | [`connect`] | the Genesys client and state store from the environment |
//! | [`progress`] | the spinner shown on a terminal |
//! | [`apply_bar`] | `exsync apply`'s progress: a bar on a terminal, plain lines elsewhere |
//! | [`explain`] | `exsync explain`: one object from external record to Genesys, assembled purely |
//! | [`ops`] | `replay`, `redrive`, `status`: dead letters, SQS, the state store's reports |
#![warn(missing_docs)]

pub mod apply_bar;
pub mod commands;
pub mod connect;
pub mod demo;
pub mod explain;
pub mod inputs;
pub mod ops;
pub mod progress;
pub mod render;
pub mod source;

use std::process::ExitCode;

use commands::{Cli, Status};
use tracing_subscriber::EnvFilter;

/// Runs the parsed command line and turns the outcome into the exit code: 0 success, 1
/// problems or failed changes or an error (printed on stderr).
pub async fn main(cli: Cli) -> ExitCode {
    init_tracing(cli.verbose);
    match commands::run(cli).await {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failed) => ExitCode::from(1),
        Ok(Status::Partial) => ExitCode::from(3),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// Logs go to stderr; quiet unless `-v` or `RUST_LOG` asks (the commands print what matters).
fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "error",
        1 => "info",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
