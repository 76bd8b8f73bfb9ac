//! The demo's recordings in `examples/recordings/` have the audio and grade the README promises.
//!
//! Set `EXSYNC_BLESS=1` to regenerate the WAVs from [`recordings::samples`] (the Opus file was
//! made with opusenc and is kept as is), then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::PathBuf;

use exsync::audio::{Inspection, Sample, inspect};
use exsync::mapping::{Grade, parse_mapping};
use recordings::samples::{SampleFormat, ToneSpec};

fn examples() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

fn spec(channels: u16, sample_rate: u32, format: SampleFormat) -> ToneSpec {
    ToneSpec {
        channels,
        sample_rate,
        format,
    }
}

/// The generated examples: file name and contents.
fn generated() -> Vec<(&'static str, Vec<u8>)> {
    let stereo_8k = spec(2, 8000, SampleFormat::Pcm16).wav(2000);
    let stereo_16k = spec(2, 16_000, SampleFormat::Pcm16).wav(2000);
    let mono_mulaw = spec(1, 8000, SampleFormat::Mulaw).wav(2000);
    let mut corrupt = spec(2, 8000, SampleFormat::Pcm16).wav(2000);
    corrupt.truncate(44 + 4000); // the data chunk promises 2 s; a quarter second arrived
    vec![
        ("call-20261124-0001.wav", stereo_8k),
        ("call-20261124-0002_20261124T082000Z.wav", stereo_16k),
        ("call-20261124-0003.wav", mono_mulaw),
        ("call-20261124-0004.wav", corrupt),
    ]
}

#[test]
fn example_recordings_have_the_documented_audio_and_grade() {
    let dir = examples().join("recordings");
    if std::env::var("EXSYNC_BLESS").is_ok_and(|v| v == "1") {
        for (name, bytes) in generated() {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let mapping =
        parse_mapping(&std::fs::read_to_string(examples().join("mapping.json")).unwrap()).unwrap();
    let profile = &mapping.recordings.quality_profile;
    let expected = [
        (
            "call-20261124-0001.wav",
            "speech analytics: pcm 8000 Hz x2 16 bit, 2000 ms",
        ),
        (
            "call-20261124-0002_20261124T082000Z.wav",
            "speech analytics: pcm 16000 Hz x2 16 bit, 2000 ms",
        ),
        (
            "call-20261124-0003.wav",
            "archive-only (3 shortfalls): mulaw 8000 Hz x1 8 bit, 2000 ms",
        ),
        (
            "call-20261124-0004.wav",
            "rejected: truncated: the data chunk declares 64000 bytes but the file holds 4000 after its header",
        ),
        (
            "call-20261124-0006.opus",
            "archive-only (1 shortfalls): opus 16000 Hz x2 - bit, 2000 ms",
        ),
    ];

    for (name, want) in expected {
        let bytes = std::fs::read(dir.join(name)).unwrap();

        let got = match inspect(&Sample::whole(&bytes)) {
            Ok(Inspection::Known(info)) => {
                let p = info.properties;
                let grade = match profile.grade(&p) {
                    Grade::SpeechAnalytics => "speech analytics".to_owned(),
                    Grade::ArchiveOnly(s) => format!("archive-only ({} shortfalls)", s.len()),
                };
                let bits = p.bits_per_sample.map_or("-".to_owned(), |b| b.to_string());
                format!(
                    "{grade}: {} {} Hz x{} {bits} bit, {} ms",
                    p.encoding,
                    p.sample_rate_hz,
                    p.channels,
                    info.duration_ms.unwrap()
                )
            }
            Ok(other) => panic!("{name}: {other:?}"),
            Err(rejection) => format!("rejected: {rejection}"),
        };

        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_generated_examples_are_the_committed_ones_in_size_and_header() {
    for (name, bytes) in generated() {
        let committed = std::fs::read(examples().join("recordings").join(name)).unwrap();

        assert_eq!(committed.len(), bytes.len(), "{name}");
        assert_eq!(committed[..44], bytes[..44], "{name}");
    }
}
