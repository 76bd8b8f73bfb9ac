//! Kinesis event records (`aws_lambda_events`) as the use cases' [`StreamRecord`]s: the one
//! conversion the agent-state and interactions functions share.

use aws_lambda_events::event::kinesis::KinesisEventRecord;

use crate::sync::StreamRecord;

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
