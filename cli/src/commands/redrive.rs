//! `exsync redrive --queue <dlq-url> [--to <source-queue-url>] [--max N] [--json]`: moves
//! messages from an SQS dead-letter queue back to its source queue (the one queue whose redrive
//! policy names it, unless `--to` says), keeping their attributes and FIFO group, deleting each
//! from the dead-letter queue only once it was sent. Prints the counts; exits 1 when any
//! message could not be moved.

use super::Status;
use crate::ops::aws::{aws_settings, sqs_client};
use crate::ops::redrive::{redrive, source_queue};
use crate::render::Table;

/// Arguments of `redrive`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dead-letter queue's URL.
    #[arg(long, value_name = "DLQ_URL")]
    pub queue: String,
    /// The queue to move the messages to; by default the one source queue whose redrive policy
    /// names the dead-letter queue (SQS ListDeadLetterSourceQueues).
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Move at most this many messages (default: until the dead-letter queue is empty).
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
    /// Print the outcome as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Finds the source, moves, prints.
///
/// # Errors
/// No single source queue, SQS unreachable, a receive that fails.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let aws = aws_settings()?;
    let sqs = sqs_client(&aws).await;
    let source = match &args.to {
        Some(to) => to.clone(),
        None => source_queue(&sqs, &args.queue).await?,
    };
    let outcome = redrive(&sqs, &args.queue, &source, args.max).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        println!("{} → {}", outcome.dlq, outcome.source);
        println!(
            "  received {} · moved {} · failed {}",
            outcome.received,
            outcome.moved,
            outcome.failed.len()
        );
        if !outcome.failed.is_empty() {
            let mut table = Table::new(&["MESSAGE", "ERROR"]).limit(1, 80).indent(2);
            for (id, error) in &outcome.failed {
                table.row([id.clone(), error.clone()]);
            }
            print!("{}", table.render());
        }
    }
    Ok(if outcome.failed.is_empty() {
        Status::Success
    } else {
        Status::Failed
    })
}
