//! `exsync demo`: the whole pipeline on the example contact centre, against a Genesys emulator
//! started in this process and a local-directory state store. No AWS account or Genesys org.
//!
//! The demo is a list of stages run in order over one [`DemoContext`]. A stage is a module with
//!
//! ```text
//! pub async fn run(cx: &mut DemoContext) -> anyhow::Result<()>
//! ```
//!
//! that opens its sections with [`DemoContext::section`], uses the shared client, store and
//! emulator, and fails (non-zero exit) when what it shows did not work. Stages:
//!
//! | file | stage |
//! |---|---|
//! | `config_stage.rs` | initial sync, a changed snapshot, the org read back |
//! | `agent_state_stage.rs` | a replayed shift, each agent's presence and routing-status timeline |
//! | `interactions_stage.rs` | the shift's calls as conversations, read back with participants and tag |
//! | `recordings_stage.rs` | the calls' recordings inspected, graded, uploaded, listed with their conversation |
//! | [`connect`] | `--platform connect`: a Connect-shaped day (configuration from a fake Connect API, agent events, CTRs, a recording) |
//!
//! Beside the stages (the last three serve the end-to-end tests too, so they are public; they
//! serve nothing in production, so they are here, not in `exsync`):
//!
//! | file | what |
//! |---|---|
//! | `examples.rs` | the embedded example files, unpacked into the state directory |
//! | `org.rs` | the org read back through the API, as tables |
//! | [`timeline`] | [`timeline::emulator_timeline`]: each agent's presence and routing-status timeline the emulator recorded |
//! | [`example_calls`] | [`example_calls::send_example_calls`]: a folder of calls sent, each conversation read back |
//! | [`example_recordings`] | [`example_recordings::upload_example_recordings`]: a folder of recordings uploaded, each listed back |
//!
//! The later stages read the example files `examples.rs` unpacks into the state directory; they
//! find the id map in the store ([`DemoContext::idmap`]).
//!
//! The examples are embedded with `include_str!`, so the demo runs from any directory.

mod agent_state_stage;
mod config_stage;
pub mod connect;
pub mod example_calls;
pub mod example_recordings;
mod examples;
mod interactions_stage;
mod org;
mod recordings_stage;
pub mod timeline;

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use exsync::external::ConfigSnapshot;
use exsync::genesys::{ClientOptions, Endpoints, GenesysClient};
use exsync::mapping::{MappingDocument, parse_mapping};
use exsync::store::IdMap;
use exsync::store::load_idmap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use exsync::sync::interactions::InteractionsOutcome;
use exsync::sync::recordings::{UploadHosts, Uploader};
use genesys_emulator::{EmulatorConfig, EmulatorHandle};
use secrecy::SecretString;
use url::Url;

use crate::render::heading;
use timeline::emulator_timeline;

/// `examples/mapping.json`, embedded.
pub const MAPPING: &str = include_str!("../../../examples/mapping.json");

/// Everything the stages share.
#[derive(Debug)]
pub struct DemoContext {
    /// the in-process emulator (admin side: request log, state, faults)
    pub emulator: EmulatorHandle,
    /// its base URL
    pub base_url: String,
    /// an exsync client pointed at it
    pub client: GenesysClient,
    /// the client's request budget
    pub rate_per_minute: NonZeroU32,
    /// the local-directory state store
    pub store: StateStore,
    /// its directory
    pub state_dir: PathBuf,
    /// the example mapping
    pub mapping: MappingDocument,
    /// the snapshot synced last (set by the config stage)
    pub snapshot: Option<ConfigSnapshot>,
    sections: usize,
    _temp: Option<tempfile::TempDir>,
}

impl DemoContext {
    /// Starts the emulator and opens the store.
    ///
    /// # Errors
    /// The emulator does not start, the state directory cannot be made, or the embedded
    /// mapping is invalid.
    pub async fn start(
        state_dir: Option<&Path>,
        rate_per_minute: NonZeroU32,
        mapping_text: &str,
    ) -> anyhow::Result<Self> {
        let emulator_config = EmulatorConfig::default();
        let (client_id, secret) = (
            emulator_config.client_id.clone(),
            emulator_config.client_secret.clone(),
        );
        let (base_url, emulator) = genesys_emulator::start(emulator_config)
            .await
            .context("starting the Genesys emulator")?;
        let url = Url::parse(&base_url).with_context(|| format!("emulator url {base_url}"))?;
        let options = ClientOptions {
            rate_per_minute,
            burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
            backoff_base: Duration::from_millis(20),
            ..ClientOptions::default()
        };
        let client = GenesysClient::new(
            Endpoints::explicit(url.clone(), url),
            client_id,
            SecretString::from(secret),
            options,
        )?;
        let (temp, state_dir) = match state_dir {
            Some(dir) => (None, std::path::absolute(dir)?),
            None => {
                let temp = tempfile::Builder::new().prefix("exsync-demo-").tempdir()?;
                let dir = temp.path().to_path_buf();
                (Some(temp), dir)
            }
        };
        std::fs::create_dir_all(&state_dir)
            .with_context(|| format!("creating {}", state_dir.display()))?;
        let mapping = parse_mapping(mapping_text).context("the demo's embedded mapping")?;
        Ok(Self {
            emulator,
            base_url: base_url.trim_end_matches('/').to_owned(),
            client,
            rate_per_minute,
            store: StateStore::Dir(DirStore::new(state_dir.clone())),
            state_dir,
            mapping,
            snapshot: None,
            sections: 0,
            _temp: temp,
        })
    }

    /// Prints the next numbered section heading.
    pub fn section(&mut self, title: &str) {
        self.sections += 1;
        print!("{}", heading(&format!("{}. {title}", self.sections)));
    }

    /// The id map as stored.
    ///
    /// # Errors
    /// The store cannot be read.
    pub async fn idmap(&self) -> anyhow::Result<IdMap> {
        Ok(load_idmap(&self.store).await?.0)
    }

    /// The agent-state use case over the demo's client, store and mapping.
    pub fn agent_state_service(&self) -> AgentStateService {
        AgentStateService::new(
            self.client.clone(),
            self.store.clone(),
            self.mapping.clone(),
            AgentStateOptions::default(),
        )
    }

    /// Prints the presence and routing-status timeline of each of `agents` the emulator
    /// recorded.
    ///
    /// # Errors
    /// The id map cannot be read.
    pub async fn print_timelines(&self, agents: &[&str]) -> anyhow::Result<()> {
        let idmap = self.idmap().await?;
        println!("\n  Timeline in Genesys (read back from the emulator):");
        let state = self.emulator.state_json();
        let source = idmap.presence_source_id.as_deref();
        for timeline in emulator_timeline(&state, &idmap, agents, source) {
            for line in timeline.to_string().lines() {
                println!("  {line}");
            }
        }
        Ok(())
    }

    /// The presigned-URL client, allowed to upload to the emulator (loopback) besides S3.
    ///
    /// # Errors
    /// The emulator's host is refused, or the HTTP client cannot be built.
    pub fn uploader(&self) -> anyhow::Result<Uploader> {
        let host = self.base_url.trim_start_matches("http://").to_owned();
        let hosts = UploadHosts::new(&[host])
            .map_err(|e| anyhow::anyhow!("the emulator's upload host: {e}"))?;
        Uploader::new(hosts).map_err(|e| anyhow::anyhow!("upload client: {e}"))
    }

    /// True when the state directory is temporary.
    pub fn state_is_temporary(&self) -> bool {
        self._temp.is_some()
    }
}

/// Runs every stage in order, the state store in `state_dir` (a temporary directory when `None`),
/// the client held to `rate_per_minute`.
///
/// # Errors
/// The first stage that fails.
pub async fn run(state_dir: Option<&Path>, rate_per_minute: NonZeroU32) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut cx = DemoContext::start(state_dir, rate_per_minute, MAPPING).await?;
    intro(&cx);
    config_stage::run(&mut cx).await?;
    let examples = examples::unpack(&cx.state_dir)?;
    agent_state_stage::run(&mut cx, &examples).await?;
    interactions_stage::run(&mut cx, &examples).await?;
    recordings_stage::run(&mut cx, &examples).await?;
    outro(&cx, started);
    cx.emulator.shutdown().await;
    Ok(())
}

fn intro(cx: &DemoContext) {
    println!("exsync demo");
    println!("═══════════");
    println!("The example contact centre synced into an in-memory Genesys Cloud, the way the");
    println!("config-sync Lambda function does it. No AWS account and no Genesys org needed.");
    println!();
    let state = if cx.state_is_temporary() {
        format!(
            "{} (temporary; --state-dir DIR keeps it)",
            cx.state_dir.display()
        )
    } else {
        cx.state_dir.display().to_string()
    };
    println!("  Genesys emulator  {} (in this process)", cx.base_url);
    println!(
        "  client budget     {} requests/minute (a real org allows 300 per OAuth client; raised so the demo takes seconds)",
        cx.rate_per_minute
    );
    println!("  state store       {state}");
    println!(
        "  mapping           examples/mapping.json: user authority {:?}, presence source {:?}",
        cx.mapping.user_authority, cx.mapping.presence_source_name
    );
}

fn outro(cx: &DemoContext, started: Instant) {
    let stats = cx.client.stats();
    println!();
    println!(
        "Done in {:.1} s, {} Genesys calls in all. The id map and the run reports are in {}{}.",
        started.elapsed().as_secs_f64(),
        stats.calls,
        cx.state_dir.display(),
        if cx.state_is_temporary() {
            " (removed on exit)"
        } else {
            ""
        }
    );
}

/// One line on what the interactions use case did with `noun` (records, contact trace records).
fn interactions_line(outcome: &InteractionsOutcome, noun: &str) -> String {
    format!(
        "  {} {noun}: {} applied, {} dead-lettered, {} retried; {} events in {} Genesys calls",
        outcome.received,
        outcome.applied,
        outcome.dead_lettered,
        outcome.retried,
        outcome.events_sent,
        outcome.conversation_calls
    )
}

/// Fails when any of `noun` was dead-lettered or left for retry.
fn all_applied(outcome: &InteractionsOutcome, noun: &str) -> anyhow::Result<()> {
    let missed = outcome.dead_lettered + outcome.retried;
    if missed > 0 {
        anyhow::bail!("{missed} {noun} were not applied");
    }
    Ok(())
}
