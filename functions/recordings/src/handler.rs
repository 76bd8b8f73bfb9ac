//! The adapter: event → use case → response.
//!
//! An S3 notification uploads each dropped object in order ([`upload_recording`]); the
//! invocation fails when any had a retryable failure, so S3/Lambda retries it. A scheduled event
//! runs the upload-report check ([`check_uploads`]), after running the Connect recordings that
//! wait for their contact trace record again ([`resume_waiting`], when Connect's recording bucket
//! is configured). Each invocation prints one EMF line.

use exsync::deadline::Deadline;
use exsync::sync::recordings::{
    CheckOutcome, Disposition, DropsOutcome, WaitingOutcome, check_uploads, resume_waiting,
    upload_recording,
};
use lambda_runtime::LambdaEvent;
use serde::Serialize;
use serde_json::Value;

use crate::error::HandlerError;
use crate::event::parse_event;
use crate::invocation::{Ignored, Invocation};
use crate::metrics::{add_waiting, check_failed_line, check_line, drops_line};
use crate::setup::Deps;

/// What an invocation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RecordingsResponse {
    /// S3 drops handled.
    Drops {
        /// per object
        #[serde(flatten)]
        outcome: DropsOutcome,
        /// records left alone
        ignored: Vec<Ignored>,
    },
    /// The upload-report check ran.
    Check(CheckOutcome),
    /// With Amazon Connect: the waiting Connect recordings were run again, then the check ran.
    Scheduled {
        /// the upload-report check
        check: CheckOutcome,
        /// the waiting Connect recordings
        waiting: WaitingOutcome,
    },
}

/// Handles one invocation.
///
/// # Errors
/// [`HandlerError`]: an unrecognised event, a retryable recording failure, a failed check.
#[tracing::instrument(skip_all, fields(request_id = %event.context.request_id))]
pub async fn handler(
    deps: &Deps,
    event: LambdaEvent<Value>,
) -> Result<RecordingsResponse, HandlerError> {
    let (payload, context) = event.into_parts();
    let deadline = deps.settings.budget.deadline(&context);
    let result = run(deps, &payload, deadline, &context.request_id).await;
    if let Err(error) = &result {
        tracing::error!(error_type = error.error_type(), retryable = error.is_retryable(), error = %error, "recordings invocation failed");
    }
    result
}

async fn run(
    deps: &Deps,
    payload: &Value,
    deadline: Deadline,
    request_id: &str,
) -> Result<RecordingsResponse, HandlerError> {
    let before = deps.client.stats();
    match parse_event(payload)? {
        Invocation::CheckUploads => {
            let waiting = match deps.settings.connect.as_ref() {
                Some(_) => Some(
                    resume_waiting(deps.context(), deadline)
                        .await
                        .map_err(|e| HandlerError::Check(e.into()))?,
                ),
                None => None,
            };
            let outcome = check_uploads(
                &deps.client,
                &deps.store,
                &deps.uploader,
                deps.settings.check,
                deadline,
            )
            .await
            .map_err(|error| {
                let genesys = deps.client.stats().since(&before);
                check_failed_line(&error, &genesys, request_id).emit();
                HandlerError::Check(error)
            })?;
            let genesys = deps.client.stats().since(&before);
            let mut line = check_line(&outcome, &genesys, request_id);
            match waiting {
                None => {
                    line.emit();
                    Ok(RecordingsResponse::Check(outcome))
                }
                Some(waiting) => {
                    add_waiting(&mut line, &waiting);
                    line.emit();
                    Ok(RecordingsResponse::Scheduled {
                        check: outcome,
                        waiting,
                    })
                }
            }
        }
        Invocation::Drops { objects, ignored } => {
            for record in &ignored {
                tracing::info!(object = %record.object, reason = %record.reason, "ignored s3 record");
            }
            let mut outcome = DropsOutcome::default();
            for object in &objects {
                let one = upload_recording(deps.context(), object, deadline).await;
                outcome.recordings.push(one);
            }
            tracing::info!(
                uploaded = outcome.count(Disposition::Uploaded),
                skipped = outcome.count(Disposition::Skipped),
                rejected = outcome.count(Disposition::Rejected),
                failed = outcome.count(Disposition::Failed),
                waiting = outcome.count(Disposition::Waiting),
                "recordings handled"
            );
            let genesys = deps.client.stats().since(&before);
            drops_line(&outcome, ignored.len(), &genesys, request_id).emit();
            let retries: Vec<_> = outcome.retries().collect();
            if let Some(first) = retries.first() {
                return Err(HandlerError::Retry {
                    failed: retries.len(),
                    first: format!(
                        "{}: {}",
                        first.key,
                        first.reason.as_deref().unwrap_or("unknown")
                    ),
                });
            }
            Ok(RecordingsResponse::Drops { outcome, ignored })
        }
    }
}
