//! Recording uploads pending longer than the overdue age: the markers under
//! `recordings/~pending/` whose upload no upload report has settled yet, oldest first. The
//! recordings function counts the same ones in its `UploadsOverdue` metric.

use std::time::Duration;

use chrono::{DateTime, Utc};
use exsync::store::{StateStore, StoreError, keys};
use exsync::sync::recordings::{PendingUpload, is_overdue};
use serde::Serialize;

use super::read_lenient;

/// One overdue upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverdueUpload {
    /// the recording's record
    pub record_key: String,
    /// the file name Genesys knows it by
    pub file_name: String,
    /// Genesys's upload key, if it gave one
    pub upload_key: Option<String>,
    /// when the bytes were sent (RFC 3339)
    pub uploaded_at: String,
    /// whole hours since
    pub hours: i64,
}

/// The overdue uploads at `now` (oldest first) and how many markers did not parse.
///
/// # Errors
/// Store failures other than a marker that does not parse.
pub async fn overdue_uploads(
    store: &StateStore,
    now: DateTime<Utc>,
    after: Duration,
) -> Result<(Vec<OverdueUpload>, usize), StoreError> {
    let markers = store.list(keys::PENDING_UPLOADS).await?;
    let mut overdue = Vec::new();
    let mut unreadable = 0;
    // a marker settled since the listing is left out
    for marker in read_lenient::<PendingUpload>(store, &markers).await? {
        match marker {
            None => unreadable += 1,
            Some(m) if is_overdue(m.uploaded_at, now, after) => overdue.push(m),
            Some(_) => {}
        }
    }
    overdue.sort_by_key(|m| m.uploaded_at);
    let listed = overdue
        .into_iter()
        .map(|m| OverdueUpload {
            hours: (now - m.uploaded_at).num_hours(),
            uploaded_at: m.uploaded_at.to_rfc3339(),
            record_key: m.record_key,
            file_name: m.file_name,
            upload_key: m.upload_key,
        })
        .collect();
    Ok((listed, unreadable))
}
