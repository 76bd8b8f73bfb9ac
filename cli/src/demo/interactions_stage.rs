//! The interactions stage: the example agents' calls of the shift (inbound, hold, blind transfer,
//! consult transfer, abandoned in queue, outbound) sent as conversation events, then each
//! conversation read back from the emulator with its participants and external tag.

use anyhow::{Context as _, bail};
use exsync::deadline::Deadline;
use exsync::sync::interactions::InteractionSettings;

use super::DemoContext;
use super::example_calls::send_example_calls;

/// Runs the stage.
///
/// # Errors
/// The calls cannot be read or sent, or a call was dead-lettered or left for retry.
pub async fn run(cx: &mut DemoContext, examples: &std::path::Path) -> anyhow::Result<()> {
    cx.section("Interactions: examples/interactions/*.json as Genesys conversations");
    let settings = InteractionSettings::from_mapping(&cx.mapping);
    let (outcome, calls) = send_example_calls(
        &cx.client,
        &cx.store,
        &settings,
        &examples.join("interactions"),
        Deadline::none(),
    )
    .await
    .context("sending the example calls")?;
    println!(
        "  {} records: {} applied, {} dead-lettered, {} retried; {} events in {} Genesys calls",
        outcome.received,
        outcome.applied,
        outcome.dead_lettered,
        outcome.retried,
        outcome.events_sent,
        outcome.conversation_calls
    );
    for call in &calls {
        println!();
        for line in call.to_string().lines() {
            println!("  {line}");
        }
    }
    if outcome.dead_lettered + outcome.retried > 0 {
        bail!(
            "{} calls were not applied",
            outcome.dead_lettered + outcome.retried
        );
    }
    Ok(())
}
