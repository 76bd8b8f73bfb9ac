//! The adapter for Amazon Connect's agent event stream: a Kinesis event →
//! [`AgentStateService::handle_batch`] → `KinesisEventResponse` naming the first record the stream
//! must deliver again (`ReportBatchItemFailures`).
//!
//! Records are taken in the stream's order, grouped by partition key (the agent ARN), like a FIFO
//! queue. A record that is not a readable agent event is logged and reported as failed: Lambda
//! retries from it and, once the retries are spent, hands it to the event source mapping's
//! on-failure destination. Only one sequence number is reported (the earliest failure): Kinesis
//! checkpoints there and delivers every later record of the shard again.

use aws_lambda_events::event::kinesis::KinesisEvent;
use aws_lambda_events::event::streams::KinesisEventResponse;
use exsync::lambda::kinesis::{checkpoint, stream_records};
use exsync::sync::agent_state::{AgentStateService, QueueKind, stream_messages};
use lambda_runtime::LambdaEvent;

use crate::error::HandlerError;
use crate::handler::{BUDGET, emf_line};

/// Handles one Kinesis batch of Connect agent events.
///
/// # Errors
/// Only when nothing of the batch could be taken (see [`AgentStateService::handle_batch`]); the
/// runtime reports it and Lambda retries the whole batch.
pub async fn handle_kinesis(
    service: &AgentStateService,
    event: LambdaEvent<KinesisEvent>,
) -> Result<KinesisEventResponse, HandlerError> {
    let (payload, context) = event.into_parts();
    let deadline = BUDGET.deadline(&context);
    let records = stream_records(&payload.records);
    let batch = stream_messages(&records);
    for rejected in &batch.rejected {
        tracing::warn!(
            sequence = %rejected.sequence_number,
            error = %rejected.error,
            "unreadable agent event; reported as failed"
        );
    }
    let outcome = if batch.messages.is_empty() {
        None
    } else {
        Some(
            service
                .handle_batch(&batch.messages, QueueKind::Fifo, deadline)
                .await?,
        )
    };
    let counts = outcome
        .as_ref()
        .map(|o| o.counts.clone())
        .unwrap_or_default();
    emf_line(&counts, &context.request_id)
        .count("RecordsRejected", batch.rejected.len() as u64)
        .emit();
    let retry_ids = outcome.map(|o| o.retry_message_ids).unwrap_or_default();
    Ok(checkpoint(&records, |sequence| {
        retry_ids.iter().any(|id| id == sequence)
            || batch.rejected.iter().any(|r| r.sequence_number == sequence)
    }))
}
