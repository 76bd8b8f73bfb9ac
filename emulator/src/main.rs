//! `genesys-emulator` binary: serves the emulator on loopback until Ctrl-C and prints its base
//! URL.

use clap::Parser;
use genesys_emulator::{EmulatorConfig, start};

/// An in-memory Genesys Cloud Platform API on loopback.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 8089)]
    port: u16,
    /// OAuth client id to accept.
    #[arg(long, default_value = "exsync-emulator")]
    client_id: String,
    /// OAuth client secret to accept.
    #[arg(long, default_value = "emulator-secret")]
    client_secret: String,
    /// Requests per minute per token (unlimited when absent).
    #[arg(long)]
    rate_limit_per_minute: Option<u32>,
    /// Token lifetime in seconds.
    #[arg(long, default_value_t = 86_400)]
    token_ttl_secs: u64,
    /// Probability (0..1) of a random 503 on API calls.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Milliseconds of latency added to every API call.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let args = Args::parse();
    let config = EmulatorConfig {
        client_id: args.client_id,
        client_secret: args.client_secret,
        port: args.port,
        rate_limit_per_minute: args.rate_limit_per_minute,
        token_ttl_secs: args.token_ttl_secs,
        error_rate: args.error_rate,
        latency_ms: args.latency_ms,
        ..EmulatorConfig::default()
    };
    let (base_url, handle) = start(config).await?;
    println!("{base_url}");
    tokio::signal::ctrl_c().await?;
    handle.shutdown().await;
    Ok(())
}
