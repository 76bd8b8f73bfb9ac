//! S3 "Object Created" events delivered by EventBridge (the bucket's EventBridge notifications):
//! how the recordings Amazon Connect writes into its own bucket reach the function, with no change
//! to that bucket's own notification configuration. Pure.
//!
//! `aws_lambda_events` has the envelope ([`EventBridgeEvent`]) but no type for S3's `detail`, so
//! [`ObjectCreatedDetail`] holds the documented fields exsync reads: `bucket.name`, `object.key`
//! (as stored, not encoded), `object.size`, `object.etag` (not an MD5 for SSE-KMS or multipart
//! objects; only compared with the object's own ETag), `object.sequencer`, `reason`. Other
//! `detail-type`s of source `aws.s3` ("Object Deleted", ...) are left alone with the reason.

use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use exsync::sync::recordings::DroppedObject;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::invocation::{Ignored, Invocation};

/// The `source` of S3's EventBridge events.
pub const S3_SOURCE: &str = "aws.s3";

/// The `detail-type` of an object written.
pub const OBJECT_CREATED: &str = "Object Created";

/// `detail` of an S3 event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectCreatedDetail {
    /// `{ "name": ... }`
    pub bucket: DetailBucket,
    /// the object
    pub object: DetailObject,
    /// `PutObject`, `CopyObject`, `CompleteMultipartUpload`, ...
    #[serde(default)]
    pub reason: Option<String>,
}

/// `detail.bucket`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailBucket {
    /// the bucket
    pub name: String,
}

/// `detail.object`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailObject {
    /// the key, as stored
    pub key: String,
    /// bytes
    #[serde(default)]
    pub size: Option<u64>,
    /// the ETag, without quotes
    #[serde(default)]
    pub etag: Option<String>,
    /// the version, on a versioned bucket
    #[serde(default, rename = "version-id")]
    pub version_id: Option<String>,
    /// orders events of one key
    #[serde(default)]
    pub sequencer: Option<String>,
}

/// Reads an EventBridge event of source `aws.s3`.
///
/// # Errors
/// A reason when it does not have the documented shape.
pub fn s3_via_eventbridge(event: &Value) -> Result<Invocation, String> {
    let kind = event.get("detail-type").and_then(Value::as_str);
    if kind != Some(OBJECT_CREATED) {
        let describe = describe(event);
        return Ok(Invocation::Drops {
            objects: Vec::new(),
            ignored: vec![Ignored {
                object: describe,
                reason: format!("S3 event {kind:?} is not an {OBJECT_CREATED:?} event"),
            }],
        });
    }
    let parsed: EventBridgeEvent<ObjectCreatedDetail> = serde_json::from_value(event.clone())
        .map_err(|e| format!("not an S3 Object Created event through EventBridge ({e})"))?;
    let detail = parsed.detail;
    let object = format!("s3://{}/{}", detail.bucket.name, detail.object.key);
    if detail.bucket.name.is_empty() || detail.object.key.is_empty() {
        return Ok(Invocation::Drops {
            objects: Vec::new(),
            ignored: vec![Ignored {
                object,
                reason: "the event names no bucket or no key".into(),
            }],
        });
    }
    Ok(Invocation::Drops {
        objects: vec![DroppedObject {
            bucket: detail.bucket.name,
            key: detail.object.key,
            etag: detail.object.etag.filter(|e| !e.is_empty()),
        }],
        ignored: Vec::new(),
    })
}

fn describe(event: &Value) -> String {
    let detail = event.get("detail");
    let field = |path: [&str; 2]| {
        detail
            .and_then(|d| d.get(path[0]))
            .and_then(|d| d.get(path[1]))
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned()
    };
    format!(
        "s3://{}/{}",
        field(["bucket", "name"]),
        field(["object", "key"])
    )
}
