//! The `exsync` binary: parses the command line and hands it to the library.

use std::process::ExitCode;

use clap::Parser;
use exsync_cli::commands::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    exsync_cli::main(Cli::parse()).await
}
