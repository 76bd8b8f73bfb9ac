//! The agent-state stage: a replayed shift of four example agents (log in, ready, calls, lunch,
//! training, log out, one late and one duplicate message) through the agent-state use case, then
//! each agent's presence and routing-status timeline read back from the emulator.

use anyhow::{Context as _, bail};
use exsync::deadline::Deadline;
use exsync::sync::agent_state::{EventStatus, ReplayOptions, replay_file};

use super::DemoContext;

/// The agents the example shift covers.
const AGENTS: [&str; 4] = ["agent-1001", "agent-1002", "agent-1003", "agent-1004"];

/// Runs the stage.
///
/// # Errors
/// The shift cannot be read or replayed, or an event was dead-lettered or left for retry.
pub async fn run(cx: &mut DemoContext, examples: &std::path::Path) -> anyhow::Result<()> {
    cx.section("Agent presence and routing status: examples/agent-state/shift.json");
    let service = cx.agent_state_service();
    let shift = examples.join("agent-state/shift.json");
    let outcomes = replay_file(&service, &shift, ReplayOptions::default(), Deadline::none())
        .await
        .context("replaying the example shift")?;
    let (mut received, mut applied, mut skipped, mut calls) = (0, 0, 0, 0);
    for o in &outcomes {
        received += o.counts.events_received;
        applied += o.counts.events_applied;
        skipped += o.counts.events_skipped;
        calls += o.counts.presence_calls + o.counts.routing_status_calls;
    }
    println!(
        "  {} SQS batches (FIFO, up to 10 messages), {received} events: {applied} applied, {skipped} skipped; {calls} Genesys calls",
        outcomes.len()
    );
    let mut problems = 0;
    for event in outcomes.iter().flat_map(|o| &o.events) {
        match &event.status {
            EventStatus::Applied => {}
            EventStatus::Skipped(_) => println!("  {event}"),
            _ => {
                problems += 1;
                println!("  {event}");
            }
        }
    }
    cx.print_timelines(&AGENTS).await?;
    if problems > 0 {
        bail!("{problems} agent-state events were dead-lettered or left for retry");
    }
    Ok(())
}
