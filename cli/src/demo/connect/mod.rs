//! `exsync demo --platform connect`: a Connect-shaped day through the same pipeline, against
//! the Genesys emulator and a loopback fake of the Amazon Connect API, both in this process.
//!
//! 1. configuration read from the fake instance's API (`connect://<instance-id>`, as config sync
//!    reads it) and synced: users, queues and memberships, skills, languages, secondary statuses;
//! 2. a day of Connect agent events (as the agent event stream carries them) → presence and
//!    routing-status timelines;
//! 3. contact trace records (as the CTR stream carries them), one of them a transfer between two
//!    agents → conversations;
//! 4. the transferred call's recording at Connect's key layout → uploaded and bound to its
//!    conversation through the CTR's recording location.
//!
//! | file | what |
//! |---|---|
//! | `day.rs` | the day's records, built from the instance's ids (pure) |
//! | `stages.rs` | the four stages |

mod day;
mod stages;

use std::num::NonZeroU32;
use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;
use genesys_emulator::connect::{ConnectFakeConfig, InstanceSpec, generate};

use super::DemoContext;

/// `examples/connect/mapping.json`, embedded.
pub const CONNECT_MAPPING: &str = include_str!("../../../../examples/connect/mapping.json");

/// The fake instance: 60 users (every 30th without an email, which Genesys needs), 6 queues,
/// 5 custom agent statuses.
fn instance_spec() -> InstanceSpec {
    InstanceSpec {
        without_email_every: Some(30),
        ..InstanceSpec::new(60, 6, 5)
    }
}

/// Runs the Connect demo.
///
/// # Errors
/// The first stage that fails.
pub async fn run(state_dir: Option<&Path>, rate_per_minute: NonZeroU32) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut cx = DemoContext::start(state_dir, rate_per_minute, CONNECT_MAPPING).await?;
    let instance = generate(instance_spec());
    let (connect_url, connect) =
        genesys_emulator::connect::start(instance.clone(), ConnectFakeConfig::default())
            .await
            .context("starting the fake Connect API")?;
    println!("exsync demo --platform connect");
    println!("══════════════════════════════");
    println!(
        "An Amazon Connect contact centre synced into an in-memory Genesys Cloud, the way the"
    );
    println!("Lambda functions do it when the stack is deployed with a Connect instance.");
    println!();
    println!(
        "  Connect API (fake)  {connect_url} (in this process), instance {}",
        instance.id
    );
    println!("  Genesys emulator    {} (in this process)", cx.base_url);
    println!("  mapping             examples/connect/mapping.json");
    let cast = stages::config(&mut cx, &connect_url, &instance).await?;
    stages::agent_events(&mut cx, &cast).await?;
    stages::contact_records(&mut cx, &cast).await?;
    stages::recording(&mut cx).await?;
    let calls = connect.requests().len();
    println!();
    println!(
        "Done in {:.1} s: {} Connect API calls, {} Genesys calls.",
        started.elapsed().as_secs_f64(),
        calls,
        cx.client.stats().calls
    );
    connect.shutdown().await;
    cx.emulator.shutdown().await;
    Ok(())
}
