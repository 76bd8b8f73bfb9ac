//! The Kinesis adapter: a batch of Amazon Connect contact trace records in, one call of
//! [`exsync::sync::interactions::sync_contact_records`], the partial batch response out; and
//! [`any_handler`], which tells an SQS invocation from a Kinesis one by its records'
//! `eventSource`.
//!
//! A Kinesis shard is processed in order, so the response names only the first record to retry:
//! Lambda then resumes the shard from that sequence number (the records after it come again, and
//! the per-interaction state makes them send nothing twice).

use aws_lambda_events::event::kinesis::KinesisEvent;
use aws_lambda_events::event::streams::KinesisEventResponse;
use exsync::lambda::kinesis::{checkpoint, stream_records};
use exsync::sync::interactions::sync_contact_records;
use lambda_runtime::LambdaEvent;
use serde_json::Value;

use crate::error::HandlerError;
use crate::handler::handler;
use crate::setup::Deps;

/// Handles one Kinesis batch of contact trace records.
///
/// # Errors
/// [`HandlerError`] when no record could be handled (the whole batch is retried).
#[tracing::instrument(skip_all, fields(request_id = %event.context.request_id))]
pub async fn stream_handler(
    deps: &Deps,
    event: LambdaEvent<KinesisEvent>,
) -> Result<KinesisEventResponse, HandlerError> {
    let deadline = deps.budget.deadline(&event.context);
    let records = stream_records(&event.payload.records);
    let outcome = sync_contact_records(
        &deps.client,
        &deps.store,
        &deps.settings,
        &records,
        deadline,
    )
    .await?;
    crate::metrics::emf_line(&outcome).emit();
    let failed: Vec<&str> = outcome.batch_item_failures().collect();
    Ok(checkpoint(&records, |s| failed.contains(&s)))
}

/// Routes an invocation by its records' `eventSource`: `aws:kinesis` to [`stream_handler`],
/// anything else to the SQS [`handler`].
///
/// # Errors
/// [`HandlerError::Event`] when the event has neither shape; otherwise as the handler called.
pub async fn any_handler(deps: &Deps, event: LambdaEvent<Value>) -> Result<Value, HandlerError> {
    let LambdaEvent { payload, context } = event;
    let source = payload
        .pointer("/Records/0/eventSource")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let response = if source == "aws:kinesis" {
        let event = serde_json::from_value(payload).map_err(HandlerError::Event)?;
        let response = stream_handler(deps, LambdaEvent::new(event, context)).await?;
        serde_json::to_value(response)
    } else {
        let event = serde_json::from_value(payload).map_err(HandlerError::Event)?;
        let response = handler(deps, LambdaEvent::new(event, context)).await?;
        serde_json::to_value(response)
    };
    response.map_err(HandlerError::Event)
}
