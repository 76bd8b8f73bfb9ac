//! `exsync explain <kind> <external-id> [--config F] [--mapping M] [--json]`: one object as
//! exsync sees it (see [`crate::explain`]). Needs read access to the state store; reads Genesys
//! only when the `GENESYS_*` settings are there, and says so when they are not.

use std::path::PathBuf;

use anyhow::bail;
use exsync::config::Config;
use exsync::genesys::GenesysClient;

use super::Status;
use crate::explain::{Kind, explain, read_files, read_live, read_store, render, target};
use crate::ops::aws::{aws_settings, open_store};

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the id names.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The external platform's id (an interaction id; for a recording, its interaction id or
    /// object key).
    pub external_id: String,
    /// The configuration snapshot, to show the object's record in it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The mapping document, to show what it makes of the object (with --config).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Print the explanation as JSON.
    #[arg(long)]
    pub json: bool,
    /// The state store (overrides EXSYNC_STATE_URL): s3://bucket/prefix, file:///path or a
    /// directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Reads, explains and prints.
///
/// # Errors
/// No state store, unreadable files, or an object nothing is known about.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let (snapshot, mapping) = read_files(args.config.as_deref(), args.mapping.as_deref())?;
    let aws = aws_settings()?;
    let (store, state) = open_store(args.state_url.as_deref(), &aws).await?;
    let mut inputs = read_store(&store, state, args.kind, &args.external_id).await?;
    inputs.snapshot = snapshot;
    inputs.mapping = mapping;
    let client = genesys_client().await;
    let target = target(args.kind, &args.external_id, &inputs);
    let live = if crate::explain::is_known(args.kind, &args.external_id, &inputs) {
        read_live(client.as_ref().map_err(String::as_str), &target).await
    } else {
        crate::explain::Live::NotFound
    };
    let Some(explanation) = explain(args.kind, &args.external_id, &inputs, live) else {
        bail!(
            "no {} {} known: not in the id map, the object status, the last sync report, the snapshot given or any record or dead letter in {}",
            args.kind.name(),
            args.external_id,
            inputs.state
        );
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        print!("{}", render(&explanation));
    }
    Ok(Status::Success)
}

/// The Genesys client from the environment, or why there is none.
async fn genesys_client() -> Result<GenesysClient, String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    exsync::runtime::genesys_client(&config)
        .await
        .map_err(|e| e.to_string())
}
