//! One record of a Kinesis stream as the use cases take it, with no AWS types: the agent-state
//! use case reads Connect's agent events from it, the interactions use case contact trace records;
//! [`first_failed`] is where Lambda resumes the shard after a batch with failures.

use chrono::{DateTime, Utc};

/// One Kinesis record, as a function's adapter hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamRecord {
    /// The sequence number (what a partial batch failure names, and where the shard resumes).
    pub sequence_number: String,
    /// The partition key (the agent ARN for agent events, the contact for CTRs).
    pub partition_key: String,
    /// The record's data, already base64-decoded.
    pub data: Vec<u8>,
    /// When Kinesis received the record; dates dead letters.
    pub arrived_at: Option<DateTime<Utc>>,
}

/// The sequence number of the first record, in shard order, that `failed` names: Kinesis
/// checkpoints at one sequence number, so the function reports that one and Lambda delivers it
/// and every later record of the shard again.
pub fn first_failed(records: &[StreamRecord], failed: impl Fn(&str) -> bool) -> Option<&str> {
    records
        .iter()
        .map(|record| record.sequence_number.as_str())
        .find(|sequence| failed(sequence))
}
