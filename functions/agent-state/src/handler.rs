//! The adapter: an SQS event (FIFO or standard) → [`AgentStateService::handle_batch`] →
//! `SqsBatchResponse` naming the messages SQS must redeliver (`ReportBatchItemFailures`).
//!
//! The queue is FIFO when a record carries `MessageGroupId` or its source ARN ends in `.fifo`;
//! then message order is kept per group. `SentTimestamp` dates dead letters. The batch's counts
//! are printed as one CloudWatch EMF line (namespace `exsync`, `Function=agent-state`).

use std::time::Duration;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent, SqsMessage};
use chrono::{DateTime, Utc};
use exsync::emf::EmfLine;
use exsync::lambda::Budget;
use exsync::sync::agent_state::{AgentStateCounts, AgentStateService, InboundMessage, QueueKind};
use lambda_runtime::LambdaEvent;

use crate::error::HandlerError;

/// Time kept back from the Lambda deadline for writing records and answering the runtime; 60 s
/// when the context carries no deadline (local invocations, tests).
pub(crate) const BUDGET: Budget = Budget {
    margin: Duration::from_secs(2),
    fallback: Duration::from_secs(60),
};

/// Handles one SQS batch.
///
/// # Errors
/// Only when nothing of the batch could be taken (see [`AgentStateService::handle_batch`]).
pub async fn handle(
    service: &AgentStateService,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, HandlerError> {
    let (payload, context) = event.into_parts();
    let deadline = BUDGET.deadline(&context);
    let (messages, kind) = inbound_messages(&payload.records);
    let outcome = service.handle_batch(&messages, kind, deadline).await?;
    emf_line(&outcome.counts, &context.request_id).emit();
    let mut response = SqsBatchResponse::default();
    response.set_failures(outcome.retry_message_ids);
    Ok(response)
}

/// The batch's counts as an EMF line.
pub fn emf_line(counts: &AgentStateCounts, request_id: &str) -> EmfLine {
    let mut line = EmfLine::new("agent-state");
    line.count("MessagesReceived", counts.messages_received)
        .count("MessagesRetried", counts.messages_retried)
        .count("EventsReceived", counts.events_received)
        .count("EventsApplied", counts.events_applied)
        .count("EventsSkipped", counts.events_skipped)
        .count("EventsDeadLettered", counts.events_dead_lettered)
        .count("EventsRetried", counts.events_retried)
        .count("UnmappedValues", counts.unmapped.values().sum())
        .count(
            "UnresolvedPresences",
            counts.unresolved_presences.values().sum(),
        )
        .count("Reasserted", counts.reasserted)
        .count("PresenceCalls", counts.presence_calls)
        .count("RoutingStatusCalls", counts.routing_status_calls)
        .genesys(&counts.genesys)
        .property("requestId", request_id)
        .property("unmapped", serde_json::json!(counts.unmapped));
    line
}

/// The records as use-case messages, and the queue kind they came from.
pub fn inbound_messages(records: &[SqsMessage]) -> (Vec<InboundMessage>, QueueKind) {
    let fifo = records.iter().any(|r| {
        r.attributes.contains_key("MessageGroupId")
            || r.event_source_arn
                .as_deref()
                .is_some_and(|a| a.ends_with(".fifo"))
    });
    let messages = records
        .iter()
        .map(|r| InboundMessage {
            message_id: r.message_id.clone().unwrap_or_default(),
            body: r.body.clone().unwrap_or_default(),
            group_id: r.attributes.get("MessageGroupId").cloned(),
            sent_at: r
                .attributes
                .get("SentTimestamp")
                .and_then(|ms| ms.parse::<i64>().ok())
                .and_then(DateTime::<Utc>::from_timestamp_millis),
        })
        .collect();
    (
        messages,
        if fifo {
            QueueKind::Fifo
        } else {
            QueueKind::Standard
        },
    )
}
