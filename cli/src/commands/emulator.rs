//! `exsync emulator`: the Genesys emulator in the foreground, until Ctrl-C, with the
//! environment that points `plan` and `apply` at it.

use anyhow::Context as _;
use genesys_emulator::EmulatorConfig;

use super::Status;

/// Arguments of `emulator`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8089)]
    pub port: u16,
    /// OAuth client id the emulator accepts.
    #[arg(long, default_value = "exsync-emulator")]
    pub client_id: String,
    /// OAuth client secret the emulator accepts.
    #[arg(long, default_value = "emulator-secret")]
    pub client_secret: String,
    /// Requests per minute per token, answered with 429 beyond (unlimited when absent).
    #[arg(long)]
    pub rate_limit_per_minute: Option<u32>,
}

/// Serves until Ctrl-C.
///
/// # Errors
/// The port is taken or Ctrl-C cannot be awaited.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let config = EmulatorConfig {
        client_id: args.client_id.clone(),
        client_secret: args.client_secret.clone(),
        port: args.port,
        rate_limit_per_minute: args.rate_limit_per_minute,
        ..EmulatorConfig::default()
    };
    let (base_url, handle) = genesys_emulator::start(config)
        .await
        .with_context(|| format!("starting the emulator on 127.0.0.1:{}", args.port))?;
    let base = base_url.trim_end_matches('/');
    println!("{base}");
    println!();
    println!("Genesys emulator running in memory. Point exsync at it with:");
    println!("  export GENESYS_API_BASE={base}");
    println!("  export GENESYS_LOGIN_BASE={base}");
    println!("  export GENESYS_CLIENT_ID={}", args.client_id);
    println!("  export GENESYS_CLIENT_SECRET={}", args.client_secret);
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    handle.shutdown().await;
    Ok(Status::Success)
}
