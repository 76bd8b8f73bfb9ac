//! Sidecars (`<key>.json`): reading one, and deciding whether a sidecar's own event should run
//! its recording.

use super::error::RecordingError;
use super::key::sidecar_key;
use super::outcome::{Disposition, RecordingOutcome};
use super::record::load_record;
use super::run::Job;
use super::source::ObjectMeta;
use crate::external::{RecordingSidecar, parse_recording_sidecar};
use crate::store::keys;

/// A sidecar larger than this is not a sidecar.
const MAX_SIDECAR_BYTES: u64 = 64 * 1024;

impl Job<'_> {
    /// A sidecar's event runs its recording only when the recording's own event has been
    /// handled without it (rejected, or failed); when that has not happened yet the sidecar's
    /// event is retried, so the two events never upload the same recording twice.
    pub(super) async fn sidecar_gate(
        &mut self,
        meta: &ObjectMeta,
    ) -> Result<Option<RecordingOutcome>, RecordingError> {
        let mut candidates = vec![keys::recording_record(None, &self.hash)];
        if let Ok(Some(sidecar)) = self.sidecar().await? {
            candidates.push(keys::recording_record(
                Some(sidecar.interaction_id.as_str()),
                &self.hash,
            ));
        }
        if let Some(found) = self.ctx.rules.match_key(&self.key) {
            candidates.push(keys::recording_record(
                Some(found.interaction_id.as_str()),
                &self.hash,
            ));
        }
        let mut handled = false;
        for key in candidates {
            let Some(record) = load_record(self.ctx.store, &key).await? else {
                continue;
            };
            if record.etag != meta.etag {
                continue;
            }
            if record.status.is_done() {
                self.record_key = key;
                self.record = Some(record);
                let reason = "already uploaded; the sidecar came after its recording";
                return Ok(Some(self.outcome(
                    Disposition::Skipped,
                    Some(reason.into()),
                    false,
                )));
            }
            handled = true;
        }
        if handled {
            Ok(None)
        } else {
            Err(RecordingError::RecordingNotHandledYet)
        }
    }

    /// The sidecar beside the recording: `Ok(None)` when there is none, `Err` when it is invalid.
    pub(super) async fn sidecar(
        &self,
    ) -> Result<Result<Option<RecordingSidecar>, String>, RecordingError> {
        let source = self.ctx.source;
        let key = sidecar_key(&self.key);
        let Some(meta) = source.head(self.bucket, &key).await? else {
            return Ok(Ok(None));
        };
        if meta.size > MAX_SIDECAR_BYTES {
            return Ok(Err(format!(
                "the sidecar {key} is {} bytes, more than a sidecar",
                meta.size
            )));
        }
        let bytes = source
            .range(self.bucket, &key, &meta.etag, 0..meta.size)
            .await?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(parse_recording_sidecar(&text)
            .map(Some)
            .map_err(|e| format!("the sidecar {key} is invalid: {e}")))
    }
}
