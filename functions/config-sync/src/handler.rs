//! The adapter: event → config-sync use case → response.
//!
//! A scheduled event reconciles against `EXSYNC_CONFIG_URL` (a snapshot document, or a live
//! Amazon Connect instance for `connect://<instance-id>`); an S3 notification syncs each dropped
//! snapshot (`s3://bucket/key`, in order). The mapping is read from `EXSYNC_MAPPING_URL`
//! on every invocation, so a mapping change needs no redeploy. See [`crate::response`] for when
//! an invocation fails.

use exsync::config::SnapshotSource;
use exsync::deadline::Deadline;
use exsync::mapping::{Concern, MappingDocument, cross_check};
use exsync::reconcile::Desired;
use exsync::store::keys;
use exsync::sync::{LoadError, Mode, config_sync, load_snapshot};
use lambda_runtime::LambdaEvent;
use serde_json::Value;

use crate::error::HandlerError;
use crate::event::{Invocation, parse_event};
use crate::response::{RunStatus, RunSummary, SyncResponse, judge};
use crate::setup::Deps;

/// Handles one invocation.
///
/// # Errors
/// When nothing could be applied (see [`HandlerError`]); partial failures are in the response.
#[tracing::instrument(skip_all, fields(request_id = %event.context.request_id))]
pub async fn handler(deps: &Deps, event: LambdaEvent<Value>) -> Result<SyncResponse, HandlerError> {
    let (payload, context) = event.into_parts();
    let deadline = deps.settings.budget.deadline(&context);
    // boxed: the use case's future is deep enough to overflow the compiler's layout query
    let result = Box::pin(run(deps, &payload, deadline)).await;
    crate::metrics::emf_line(result.as_ref().ok(), result.is_err()).emit();
    if let Err(error) = &result {
        tracing::error!(
            error_type = error.error_type(),
            retryable = error.is_retryable(),
            error = %error,
            "config sync failed"
        );
    }
    result
}

async fn run(
    deps: &Deps,
    payload: &Value,
    deadline: Deadline,
) -> Result<SyncResponse, HandlerError> {
    let (targets, ignored) = match parse_event(payload)? {
        Invocation::Schedule { rule, time } => {
            tracing::info!(
                rule = rule.as_deref().unwrap_or("-"),
                time = time.as_deref().unwrap_or("-"),
                "scheduled reconcile"
            );
            let location = deps
                .settings
                .snapshot
                .clone()
                .ok_or(HandlerError::NoSnapshotLocation)?;
            (vec![("schedule".to_owned(), location)], Vec::new())
        }
        Invocation::Snapshots { objects, ignored } => {
            for record in &ignored {
                tracing::info!(object = %record.object, reason = %record.reason, "ignored s3 record");
            }
            let targets = objects
                .iter()
                .map(|o| (o.url(), SnapshotSource::Document(o.location())))
                .collect();
            (targets, ignored)
        }
    };
    let mut runs = Vec::with_capacity(targets.len());
    if targets.is_empty() {
        return Ok(SyncResponse { runs, ignored });
    }
    let mapping = deps
        .documents
        .mapping(&deps.settings.mapping, Concern::ConfigSync)
        .await?;
    for (trigger, source) in targets {
        runs.push(sync_snapshot(deps, &mapping, &trigger, &source, deadline).await?);
    }
    Ok(SyncResponse { runs, ignored })
}

#[tracing::instrument(skip_all, fields(trigger = %trigger))]
async fn sync_snapshot(
    deps: &Deps,
    mapping: &MappingDocument,
    trigger: &str,
    source: &SnapshotSource,
    deadline: Deadline,
) -> Result<RunSummary, HandlerError> {
    // per object: an invalid object (a Connect user without email) is held back, the rest syncs;
    // only a document that is not a snapshot at all, or an instance that cannot be read, is refused
    let snapshot = load_snapshot(&deps.documents, deps.connect.as_ref(), source, mapping).await?;
    let cross = cross_check(mapping, &snapshot);
    for warning in &cross.warnings {
        tracing::warn!(problem = %warning, "mapping against the snapshot");
    }
    cross.check(Concern::ConfigSync).map_err(|source| {
        LoadError::invalid(
            "mapping (against the snapshot)",
            &deps.settings.mapping,
            source,
        )
    })?;
    let outcome = config_sync(
        &deps.client,
        &deps.store,
        Desired {
            snapshot: &snapshot,
            mapping,
        },
        trigger,
        Mode::Apply,
        &deps.settings.apply,
        deadline,
    )
    .await
    .map_err(|source| HandlerError::Sync {
        trigger: trigger.to_owned(),
        source: Box::new(source),
    })?;
    let key = keys::config_sync_report(&outcome.report.started_at);
    let summary = judge(&outcome.report, &key)?;
    let c = summary.counts;
    if !summary.skipped.is_empty() {
        tracing::error!(skipped = summary.skipped.len(), report = %key, "snapshot objects held back; see the report's skipped list");
    }
    if c.failed > 0 {
        tracing::error!(failed = c.failed, applied = c.applied, skipped = c.skipped, report = %key, "some changes failed");
    } else if summary.stopped_early {
        tracing::warn!(applied = c.applied, skipped = c.skipped, report = %key, "stopped at the deadline; the next run continues");
    } else if summary.status == RunStatus::Unchanged {
        tracing::info!(report = %key, "org already matches the snapshot");
    }
    Ok(summary)
}
