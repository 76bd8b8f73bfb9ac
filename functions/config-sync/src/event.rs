//! What invoked the function, read from the raw event JSON: an EventBridge schedule or S3
//! notifications of snapshot drops.
//!
//! The function takes `serde_json::Value` rather than a typed event because one function serves
//! two event sources, and because S3 events from S3-compatible servers (moto) lack fields the
//! typed `aws_lambda_events` structs require. Only the fields exsync needs are read. Pure: no
//! I/O, so it is tested from recorded payloads.

use exsync::config::Location;
pub use exsync::lambda::Ignored;
use exsync::sync::recordings::decode_event_key;
use serde_json::Value;

/// The key prefix snapshot drops live under in the inbound bucket.
pub const SNAPSHOT_PREFIX: &str = "config/";

/// The suffix of snapshot keys.
pub const SNAPSHOT_SUFFIX: &str = ".json";

/// What the function was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// An EventBridge schedule: reconcile against the configured snapshot.
    Schedule {
        /// the rule that fired (first `resources` entry), for logs
        rule: Option<String>,
        /// the event's `time`
        time: Option<String>,
    },
    /// S3 notifications: sync each dropped snapshot, in order.
    Snapshots {
        /// snapshots to sync
        objects: Vec<S3Object>,
        /// records that were not snapshot drops, with the reason
        ignored: Vec<Ignored>,
    },
}

/// An object in S3 (the key decoded).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct S3Object {
    /// bucket
    pub bucket: String,
    /// key, decoded (`+` is a space, `%XX` an escaped byte)
    pub key: String,
}

impl S3Object {
    /// `s3://bucket/key`
    pub fn url(&self) -> String {
        self.location().to_string()
    }

    /// Where the object is (keys keep their inner slashes and spaces).
    pub fn location(&self) -> Location {
        Location::S3 {
            bucket: self.bucket.clone(),
            prefix: self.key.clone(),
        }
    }
}

/// The event is neither a scheduled event nor an S3 notification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unrecognised event ({found}): expected an EventBridge scheduled event (\"detail-type\": \"Scheduled Event\", \"source\": \"aws.events\") or an S3 event notification (Records[].s3)"
)]
pub struct UnrecognisedEvent {
    /// what was found instead
    pub found: String,
}

/// Reads the invocation from the raw event.
///
/// # Errors
/// [`UnrecognisedEvent`] for any other shape, saying what it looked like.
pub fn parse_event(event: &Value) -> Result<Invocation, UnrecognisedEvent> {
    let Some(object) = event.as_object() else {
        return Err(UnrecognisedEvent {
            found: format!("a JSON {}", exsync::external::json_type(event)),
        });
    };
    if let Some(detail_type) = object.get("detail-type") {
        let source = object.get("source").and_then(Value::as_str).unwrap_or("");
        if detail_type.as_str() == Some("Scheduled Event") && source == "aws.events" {
            return Ok(Invocation::Schedule {
                rule: event
                    .pointer("/resources/0")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                time: object
                    .get("time")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        return Err(UnrecognisedEvent {
            found: format!("an EventBridge event {detail_type} from source {source:?}"),
        });
    }
    if let Some(records) = object.get("Records").and_then(Value::as_array) {
        return s3_records(records);
    }
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.truncate(8);
    Err(UnrecognisedEvent {
        found: format!("an object with keys [{}]", keys.join(", ")),
    })
}

fn s3_records(records: &[Value]) -> Result<Invocation, UnrecognisedEvent> {
    if records.is_empty() {
        return Err(UnrecognisedEvent {
            found: "an empty Records array".into(),
        });
    }
    let mut objects: Vec<S3Object> = Vec::new();
    let mut ignored = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let bucket = record.pointer("/s3/bucket/name").and_then(Value::as_str);
        let raw_key = record.pointer("/s3/object/key").and_then(Value::as_str);
        let (Some(bucket), Some(raw_key)) = (bucket, raw_key) else {
            let source = record.get("eventSource").and_then(Value::as_str);
            return Err(UnrecognisedEvent {
                found: format!(
                    "Records[{i}] from {} without s3.bucket.name and s3.object.key",
                    source.unwrap_or("an unknown source")
                ),
            });
        };
        let raw_url = format!("s3://{bucket}/{raw_key}");
        let key = match decode_event_key(raw_key) {
            Ok(key) => key,
            Err(error) => {
                ignored.push(Ignored {
                    object: raw_url,
                    reason: error.to_string(),
                });
                continue;
            }
        };
        let object = S3Object {
            bucket: bucket.to_owned(),
            key,
        };
        let event_name = record
            .get("eventName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let reason = if !event_name.is_empty() && !event_name.starts_with("ObjectCreated") {
            Some(format!("{event_name} is not an object creation"))
        } else if !object.key.starts_with(SNAPSHOT_PREFIX) {
            Some(format!("not under {SNAPSHOT_PREFIX}"))
        } else if !object.key.ends_with(SNAPSHOT_SUFFIX) {
            Some(format!("not a {SNAPSHOT_SUFFIX} file"))
        } else if objects.contains(&object) {
            Some("the same object twice in one event".into())
        } else {
            None
        };
        match reason {
            Some(reason) => ignored.push(Ignored {
                object: object.url(),
                reason,
            }),
            None => objects.push(object),
        }
    }
    Ok(Invocation::Snapshots { objects, ignored })
}

#[cfg(test)]
mod tests;
