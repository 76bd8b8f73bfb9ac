//! The adapter: an SQS batch in, one call of the interactions use case, the partial batch
//! response out (the ids of the messages to retry).

use aws_lambda_events::sqs::{SqsBatchResponse, SqsEvent};
use exsync::sync::interactions::{QueueMessage, sync_interactions};
use lambda_runtime::LambdaEvent;

use crate::error::HandlerError;
use crate::setup::Deps;

/// Handles one SQS batch.
///
/// # Errors
/// [`HandlerError`] when no message could be handled (the whole batch is retried); failures of
/// single messages are in the response instead.
#[tracing::instrument(skip_all, fields(request_id = %event.context.request_id))]
pub async fn handler(
    deps: &Deps,
    event: LambdaEvent<SqsEvent>,
) -> Result<SqsBatchResponse, HandlerError> {
    let deadline = deps.budget.deadline(&event.context);
    let messages = messages(event.payload);
    let outcome = sync_interactions(
        &deps.client,
        &deps.store,
        &deps.settings,
        &messages,
        deadline,
    )
    .await?;
    crate::metrics::emf_line(&outcome).emit();
    let mut response = SqsBatchResponse::default();
    response.set_failures(outcome.batch_item_failures());
    Ok(response)
}

/// The batch's messages as the use case takes them; a record without a body gets an empty one
/// (it is then dead-lettered as unreadable).
pub fn messages(event: SqsEvent) -> Vec<QueueMessage> {
    event
        .records
        .into_iter()
        .map(|record| QueueMessage {
            message_id: record.message_id.unwrap_or_default(),
            body: record.body.unwrap_or_default(),
        })
        .collect()
}
