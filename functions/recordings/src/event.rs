//! What invoked the function, from the raw event JSON: S3 `ObjectCreated` notifications (the
//! recordings dropped under `recordings/`), S3 "Object Created" events through EventBridge (the
//! recordings Amazon Connect writes into its own bucket: `eventbridge.rs`), or an EventBridge
//! schedule (the upload-report check).
//!
//! S3 notifications are read with `aws_lambda_events`'s `S3Event`, so they must have the real
//! AWS shape (`userIdentity`, `requestParameters`, ...). Their keys are form-encoded and decoded
//! here (`+` is a space, then `%XX`: `%3A` is a colon); EventBridge carries keys as they are. Pure:
//! tested from recorded payloads.

use aws_lambda_events::event::s3::S3Event;
use exsync::sync::recordings::{DroppedObject, decode_event_key};
use serde_json::Value;

use crate::eventbridge::{S3_SOURCE, s3_via_eventbridge};
use crate::invocation::{Ignored, Invocation};

/// The event is not one the function handles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unrecognised event: {reason}; expected an S3 event notification (Records[].s3) or an EventBridge scheduled event"
)]
pub struct UnrecognisedEvent {
    /// what was wrong
    pub reason: String,
}

/// Reads the invocation.
///
/// # Errors
/// [`UnrecognisedEvent`] for anything else, or an S3 event (notification or EventBridge) that does
/// not have the AWS shape.
pub fn parse_event(event: &Value) -> Result<Invocation, UnrecognisedEvent> {
    let unrecognised = |reason: String| UnrecognisedEvent { reason };
    let Some(object) = event.as_object() else {
        return Err(unrecognised("not a JSON object".into()));
    };
    if object.contains_key("Records") {
        let parsed: S3Event = serde_json::from_value(event.clone())
            .map_err(|e| unrecognised(format!("not an S3 event notification ({e})")))?;
        return Ok(drops(parsed));
    }
    if object.get("source").and_then(Value::as_str) == Some(S3_SOURCE) {
        return s3_via_eventbridge(event).map_err(unrecognised);
    }
    let scheduled = object.contains_key("detail-type")
        || object.get("source").and_then(Value::as_str) == Some("aws.events")
        || object.get("action").and_then(Value::as_str) == Some("check-uploads");
    if scheduled {
        return Ok(Invocation::CheckUploads);
    }
    let keys: Vec<&str> = object.keys().map(String::as_str).take(5).collect();
    Err(unrecognised(format!(
        "an object with keys [{}]",
        keys.join(", ")
    )))
}

fn drops(event: S3Event) -> Invocation {
    let mut objects = Vec::new();
    let mut ignored = Vec::new();
    for record in event.records {
        let bucket = record.s3.bucket.name.unwrap_or_default();
        let raw_key = record.s3.object.key.unwrap_or_default();
        let name = record.event_name.unwrap_or_default();
        let describe = || format!("s3://{bucket}/{raw_key}");
        if !name.starts_with("ObjectCreated:") {
            ignored.push(Ignored {
                object: describe(),
                reason: format!("event {name:?} is not an ObjectCreated event"),
            });
            continue;
        }
        match decode_event_key(&raw_key) {
            Ok(key) if !bucket.is_empty() => objects.push(DroppedObject {
                bucket,
                key,
                etag: record.s3.object.e_tag.filter(|e| !e.is_empty()),
            }),
            Ok(_) => ignored.push(Ignored {
                object: describe(),
                reason: "the record names no bucket".into(),
            }),
            Err(error) => ignored.push(Ignored {
                object: describe(),
                reason: error.to_string(),
            }),
        }
    }
    Invocation::Drops { objects, ignored }
}
