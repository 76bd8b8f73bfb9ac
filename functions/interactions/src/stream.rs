//! The Kinesis adapter: a batch of Amazon Connect contact trace records in, one call of
//! [`exsync::sync::interactions::sync_contact_records`], the partial batch response out; and
//! [`any_handler`], which tells an SQS invocation from a Kinesis one by its records'
//! `eventSource`.
//!
//! A Kinesis shard is processed in order, so the response names only the first record to retry:
//! Lambda then resumes the shard from that sequence number (the records after it come again, and
//! the per-interaction state makes them send nothing twice).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use exsync::sync::interactions::{StreamRecord, sync_contact_records};
use lambda_runtime::LambdaEvent;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::HandlerError;
use crate::handler::{deadline, handler};
use crate::setup::Deps;

/// A Kinesis event, as far as this function reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct KinesisEvent {
    /// The records, in shard order.
    #[serde(rename = "Records")]
    pub records: Vec<KinesisEventRecord>,
}

/// One record of a Kinesis event.
#[derive(Debug, Clone, Deserialize)]
pub struct KinesisEventRecord {
    /// The stream record.
    pub kinesis: KinesisData,
}

/// The stream record: its sequence number and base64 payload.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KinesisData {
    /// What a partial batch failure names.
    pub sequence_number: String,
    /// The payload, base64-encoded.
    pub data: String,
}

/// The partial batch response of a stream (`ReportBatchItemFailures`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamBatchResponse {
    /// At most one: the first record to retry.
    pub batch_item_failures: Vec<StreamItemFailure>,
}

/// A record to retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamItemFailure {
    /// Its sequence number.
    pub item_identifier: String,
}

/// Handles one Kinesis batch of contact trace records.
///
/// # Errors
/// [`HandlerError`] when no record could be handled (the whole batch is retried).
#[tracing::instrument(skip_all, fields(request_id = %event.context.request_id))]
pub async fn stream_handler(
    deps: &Deps,
    event: LambdaEvent<KinesisEvent>,
) -> Result<StreamBatchResponse, HandlerError> {
    let deadline = deadline(&event.context, deps.deadline_margin, deps.fallback_budget);
    let records = stream_records(event.payload);
    let outcome = sync_contact_records(
        &deps.client,
        &deps.store,
        &deps.settings,
        &records,
        deadline,
    )
    .await?;
    crate::metrics::emf_line(&outcome).emit();
    Ok(first_failure(&records, outcome.batch_item_failures()))
}

/// The response naming the first record, in shard order, among `failed`.
fn first_failure<'a>(
    records: &[StreamRecord],
    failed: impl Iterator<Item = &'a str>,
) -> StreamBatchResponse {
    let failed: Vec<&str> = failed.collect();
    let first = records
        .iter()
        .find(|r| failed.contains(&r.record_id.as_str()));
    StreamBatchResponse {
        batch_item_failures: first
            .map(|r| StreamItemFailure {
                item_identifier: r.record_id.clone(),
            })
            .into_iter()
            .collect(),
    }
}

/// The batch's records as the use case takes them; a payload that is not base64 UTF-8 is passed
/// on as it is (it is then dead-lettered as unreadable).
pub fn stream_records(event: KinesisEvent) -> Vec<StreamRecord> {
    event
        .records
        .into_iter()
        .map(|record| {
            let data = STANDARD
                .decode(record.kinesis.data.as_bytes())
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or(record.kinesis.data);
            StreamRecord {
                record_id: record.kinesis.sequence_number,
                data,
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn records(ids: &[&str]) -> Vec<StreamRecord> {
        ids.iter()
            .map(|id| StreamRecord {
                record_id: (*id).to_owned(),
                data: String::new(),
            })
            .collect()
    }

    #[test]
    fn only_the_first_failed_record_in_shard_order_is_named() {
        let response = first_failure(&records(&["s1", "s2", "s3"]), ["s3", "s2"].into_iter());

        assert_eq!(
            response.batch_item_failures,
            [StreamItemFailure {
                item_identifier: "s2".to_owned()
            }]
        );
    }

    #[test]
    fn no_failure_names_nothing() {
        let response = first_failure(&records(&["s1"]), std::iter::empty());

        assert_eq!(response, StreamBatchResponse::default());
    }

    #[test]
    fn a_payload_that_is_not_base64_is_passed_on_as_it_is() {
        let event: KinesisEvent = serde_json::from_value(serde_json::json!({"Records": [
            {"kinesis": {"sequenceNumber": "s1", "data": STANDARD.encode("{\"ContactId\": \"c\"}")}},
            {"kinesis": {"sequenceNumber": "s2", "data": "%%%"}}
        ]}))
        .unwrap_or_else(|e| panic!("{e}"));

        let records = stream_records(event);

        assert_eq!(records[0].data, r#"{"ContactId": "c"}"#);
        assert_eq!(records[1].data, "%%%");
    }
}
