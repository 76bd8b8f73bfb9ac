//! The interactions stage: the example agents' calls of the shift (inbound, hold, blind transfer,
//! consult transfer, abandoned in queue, outbound) sent as conversation events, then each
//! conversation read back from the emulator with its participants and external tag.

use anyhow::Context as _;
use exsync::deadline::Deadline;
use exsync::sync::interactions::InteractionSettings;

use super::example_calls::send_example_calls;
use super::{DemoContext, all_applied, interactions_line};

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
    println!("{}", interactions_line(&outcome, "records"));
    for call in &calls {
        println!();
        for line in call.to_string().lines() {
            println!("  {line}");
        }
    }
    all_applied(&outcome, "calls")
}
