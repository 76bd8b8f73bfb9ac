//! The recordings stage: the example recordings (stereo 8 kHz and 16 kHz, a mono archive-only
//! one, an Ogg/Opus one, a corrupt one) inspected, graded and uploaded through the emulator's
//! presigned URLs, then listed from Genesys with their conversation and grade.

use anyhow::{Context as _, bail};
use exsync::deadline::Deadline;
use exsync::sync::recordings::{Disposition, ObjectSource, RecordingsContext, UploadSettings};

use super::DemoContext;
use super::example_recordings::upload_example_recordings;

/// Runs the stage.
///
/// # Errors
/// The recordings cannot be read, or one that should upload did not (the corrupt one must be
/// rejected, and is).
pub async fn run(cx: &mut DemoContext, examples: &std::path::Path) -> anyhow::Result<()> {
    cx.section(
        "Recordings: examples/recordings/ uploaded for quality management and speech analytics",
    );
    let host = cx.base_url.trim_start_matches("http://").to_owned();
    println!(
        "  presigned uploads allowed to: Amazon S3 endpoints (https) and {host} (the emulator, loopback)"
    );
    let uploader = cx.uploader()?;
    let source = ObjectSource::Dir(examples.to_path_buf());
    let settings = UploadSettings::default();
    let ctx = RecordingsContext {
        client: &cx.client,
        store: &cx.store,
        source: &source,
        uploader: &uploader,
        rules: &cx.mapping.recordings,
        settings: &settings,
        connect: None,
    };
    let rows = upload_example_recordings(ctx, "examples", "recordings/", Deadline::none())
        .await
        .context("uploading the example recordings")?;
    for row in &rows {
        println!("  {row}");
    }
    let failed = rows
        .iter()
        .filter(|r| r.disposition == Disposition::Failed)
        .count();
    if failed > 0 {
        bail!("{failed} recordings failed to upload");
    }
    Ok(())
}
