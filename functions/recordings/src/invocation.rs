//! [`Invocation`]: what the function was asked to do, whichever event shape asked it (`event.rs`
//! for S3 notifications and schedules, `eventbridge.rs` for S3 events through EventBridge).

use exsync::sync::recordings::DroppedObject;
use serde::Serialize;

/// What the function was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// Upload the dropped objects, in order.
    Drops {
        /// the objects
        objects: Vec<DroppedObject>,
        /// records left alone, with the reason
        ignored: Vec<Ignored>,
    },
    /// Check upload reports and mark pending uploads confirmed or failed.
    CheckUploads,
}

/// A record the function leaves alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// `s3://bucket/key` as far as known
    pub object: String,
    /// why
    pub reason: String,
}
