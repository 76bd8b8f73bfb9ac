//! Kinesis event records (`aws_lambda_events`) as the use cases' [`StreamRecord`]s, and the batch
//! response that names where the shard resumes: what the agent-state and interactions functions
//! share.

use aws_lambda_events::event::kinesis::KinesisEventRecord;
use aws_lambda_events::event::streams::KinesisEventResponse;

use crate::sync::{StreamRecord, first_failed};

/// The records in shard order, their data already base64-decoded by the event type.
pub fn stream_records(records: &[KinesisEventRecord]) -> Vec<StreamRecord> {
    records
        .iter()
        .map(|r| StreamRecord {
            sequence_number: r.kinesis.sequence_number.clone(),
            partition_key: r.kinesis.partition_key.clone(),
            data: r.kinesis.data.0.clone(),
            arrived_at: Some(*r.kinesis.approximate_arrival_timestamp),
        })
        .collect()
}

/// The batch response (`ReportBatchItemFailures`) naming the first record, in shard order, that
/// `failed`: Kinesis checkpoints there and Lambda delivers it and every later record again.
pub fn checkpoint(records: &[StreamRecord], failed: impl Fn(&str) -> bool) -> KinesisEventResponse {
    let mut response = KinesisEventResponse::default();
    if let Some(first) = first_failed(records, failed) {
        response.add_failure(first);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(ids: &[&str]) -> Vec<StreamRecord> {
        ids.iter()
            .map(|id| StreamRecord {
                sequence_number: (*id).to_owned(),
                partition_key: "contact".to_owned(),
                data: Vec::new(),
                arrived_at: None,
            })
            .collect()
    }

    #[test]
    fn only_the_first_failed_record_in_shard_order_is_named() {
        let response = checkpoint(&records(&["s1", "s2", "s3"]), |s| ["s3", "s2"].contains(&s));

        assert_eq!(
            serde_json::to_value(&response).unwrap_or_default(),
            serde_json::json!({"batchItemFailures": [{"itemIdentifier": "s2"}]})
        );
    }

    #[test]
    fn no_failure_names_nothing() {
        let response = checkpoint(&records(&["s1"]), |_| false);

        assert!(response.batch_item_failures.is_empty());
    }
}
