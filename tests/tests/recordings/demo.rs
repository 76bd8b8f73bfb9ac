//! The demo's stage: the example recordings uploaded from a directory (no S3), then listed from
//! Genesys with their conversation and grade.

use exsync::deadline::Deadline;
use exsync::sync::recordings::{Disposition, GradeLevel, ObjectSource, RecordingsContext};
use exsync_cli::demo::example_recordings::upload_example_recordings;
use integration_tests::examples;

use super::helpers::World;

#[tokio::test]
async fn the_example_recordings_upload_and_list_with_conversation_and_grade() {
    let world = World::new().await;
    world
        .send_calls(&[
            "01-inbound",
            "02-hold",
            "03-blind-transfer",
            "04-consult-transfer",
            "06-outbound",
        ])
        .await;
    let source = ObjectSource::Dir(examples::dir());
    let ctx = RecordingsContext {
        source: &source,
        ..world.ctx()
    };

    let rows = upload_example_recordings(ctx, "examples", "recordings/", Deadline::none())
        .await
        .unwrap();

    let seen: Vec<(String, Disposition, Option<GradeLevel>, usize)> = rows
        .iter()
        .map(|r| {
            let name = r.key.trim_start_matches("recordings/").to_owned();
            (
                name,
                r.disposition,
                r.grade.as_ref().map(|g| g.level),
                r.genesys_recordings.len(),
            )
        })
        .collect();
    let speech = Some(GradeLevel::SpeechAnalytics);
    let archive = Some(GradeLevel::ArchiveOnly);
    assert_eq!(
        seen,
        [
            (
                "call-20261124-0001.wav".into(),
                Disposition::Uploaded,
                speech,
                1
            ),
            (
                "call-20261124-0002_20261124T082000Z.wav".into(),
                Disposition::Uploaded,
                speech,
                1
            ),
            (
                "call-20261124-0003.wav".into(),
                Disposition::Uploaded,
                archive,
                1
            ),
            (
                "call-20261124-0004.wav".into(),
                Disposition::Rejected,
                None,
                0
            ),
            (
                "call-20261124-0006.opus".into(),
                Disposition::Uploaded,
                archive,
                1
            ),
        ]
    );
    let first = &rows[0];
    let ids = world.ids("call-20261124-0001").await;
    assert_eq!(
        first.conversation_id.as_deref(),
        Some(ids.conversation_id.as_str())
    );
    assert_eq!(first.genesys_recordings[0].1, "AVAILABLE");
    let line = first.to_string();
    assert!(
        line.starts_with("call-20261124-0001.wav: uploaded, call-20261124-0001 -> conversation "),
        "{line}"
    );
    assert!(
        line.ends_with(
            ", speech analytics, pcm 8000 Hz x2 16-bit 2.0 s; Genesys lists 1 (AVAILABLE)"
        ),
        "{line}"
    );
    let corrupt = rows[3].to_string();
    assert!(
        corrupt.starts_with("call-20261124-0004.wav: rejected: truncated:"),
        "{corrupt}"
    );
}
