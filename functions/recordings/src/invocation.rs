//! [`Invocation`]: what the function was asked to do, whichever event shape asked it (`event.rs`
//! for S3 notifications and schedules, `eventbridge.rs` for S3 events through EventBridge).

pub use exsync::lambda::Ignored;
use exsync::sync::recordings::DroppedObject;

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
