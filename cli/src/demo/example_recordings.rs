//! For the demo (and anyone trying exsync out): upload every recording under a prefix, then list
//! each from Genesys with its conversation and grade.
//!
//! The demo reads `examples/recordings/` through `ObjectSource::Dir`; sidecars are read by their
//! recordings, not uploaded, and Markdown notes (`README.md`) are left alone. A recording whose
//! conversation Genesys does not have yet is listed with no Genesys recordings (its upload waits
//! for the conversation).

use std::fmt;

use exsync::deadline::Deadline;
use exsync::sync::recordings::{
    AudioSummary, Disposition, DroppedObject, GradeLevel, GradeSummary, RecordingError,
    RecordingsContext, is_sidecar, upload_recording,
};

/// One recording after the upload, with what Genesys lists for its conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedRecording {
    /// the object key
    pub key: String,
    /// uploaded, skipped, rejected or failed
    pub disposition: Disposition,
    /// why, when not uploaded
    pub reason: Option<String>,
    /// the external interaction
    pub interaction_id: Option<String>,
    /// the Genesys conversation
    pub conversation_id: Option<String>,
    /// the upload's file name
    pub file_name: Option<String>,
    /// the audio
    pub audio: Option<AudioSummary>,
    /// the grade
    pub grade: Option<GradeSummary>,
    /// the recordings Genesys lists for the conversation: (recording id, file state)
    pub genesys_recordings: Vec<(String, String)>,
}

impl fmt::Display for ListedRecording {
    /// One line: key, what happened, interaction → conversation, grade, audio, Genesys's listing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.key.rsplit('/').next().unwrap_or(&self.key);
        let done = match self.disposition {
            Disposition::Uploaded => "uploaded",
            Disposition::Skipped => "skipped",
            Disposition::Rejected => "rejected",
            Disposition::Failed => "failed",
            Disposition::Waiting => "waiting for its contact trace record",
        };
        write!(f, "{name}: {done}")?;
        if let (Some(interaction), Some(conversation)) =
            (&self.interaction_id, &self.conversation_id)
        {
            write!(f, ", {interaction} -> conversation {conversation}")?;
        }
        if let Some(grade) = &self.grade {
            match grade.level {
                GradeLevel::SpeechAnalytics => write!(f, ", speech analytics")?,
                GradeLevel::ArchiveOnly => {
                    write!(f, ", archive-only ({})", grade.shortfalls.join("; "))?;
                }
            }
        }
        if let Some(audio) = &self.audio {
            let bits = audio
                .bits_per_sample
                .map(|b| format!(" {b}-bit"))
                .unwrap_or_default();
            write!(
                f,
                ", {} {} Hz x{}{bits}",
                audio.encoding, audio.sample_rate_hz, audio.channels
            )?;
            if let Some(ms) = audio.duration_ms {
                write!(f, " {:.1} s", ms as f64 / 1000.0)?;
            }
        }
        if let Some(reason) = &self.reason {
            write!(f, ": {reason}")?;
        }
        if self.disposition != Disposition::Rejected {
            let states: Vec<&str> = self
                .genesys_recordings
                .iter()
                .map(|(_, s)| s.as_str())
                .collect();
            match states.as_slice() {
                [] => write!(f, "; Genesys lists no recording yet")?,
                _ => write!(
                    f,
                    "; Genesys lists {} ({})",
                    states.len(),
                    states.join(", ")
                )?,
            }
        }
        Ok(())
    }
}

/// Uploads every recording under `prefix` in `bucket` (sidecars and `.md` files are skipped), then reads each
/// uploaded recording's conversation's recording metadata back from Genesys.
///
/// # Errors
/// When the keys cannot be listed or Genesys cannot be read back; a recording that fails is in
/// its row, not an error.
pub async fn upload_example_recordings(
    ctx: RecordingsContext<'_>,
    bucket: &str,
    prefix: &str,
    deadline: Deadline,
) -> Result<Vec<ListedRecording>, RecordingError> {
    let keys = ctx.source.list(bucket, prefix).await?;
    let mut rows = Vec::new();
    for key in keys
        .into_iter()
        .filter(|k| !is_sidecar(k) && !k.ends_with(".md"))
    {
        let object = DroppedObject {
            bucket: bucket.to_owned(),
            key,
            etag: None,
        };
        let outcome = upload_recording(ctx, &object, deadline).await;
        let record = outcome.record.as_ref();
        let conversation_id = record.and_then(|r| r.conversation_id.clone());
        let mut genesys_recordings = Vec::new();
        if outcome.disposition != Disposition::Rejected
            && let Some(id) = &conversation_id
        {
            let listed = match ctx.client.recording_metadata(id, deadline).await {
                Ok(listed) => listed,
                Err(e) if e.is_not_found() => Vec::new(),
                Err(e) => return Err(e.into()),
            };
            genesys_recordings = listed
                .into_iter()
                .map(|m| (m.id.unwrap_or_default(), m.file_state.unwrap_or_default()))
                .collect();
        }
        rows.push(ListedRecording {
            key: outcome.key,
            disposition: outcome.disposition,
            reason: outcome.reason,
            interaction_id: record.and_then(|r| r.interaction_id.clone()),
            conversation_id,
            file_name: record.and_then(|r| r.file_name.clone()),
            audio: record.and_then(|r| r.audio.clone()),
            grade: record.and_then(|r| r.grade.clone()),
            genesys_recordings,
        });
    }
    Ok(rows)
}
