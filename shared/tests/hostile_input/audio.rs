//! The audio prober on hostile recordings: random bytes behind each magic number, valid WAV,
//! Ogg/Opus and MP3 files mutated, headers with extreme values, and object sizes no upload has.

use std::path::Path;

use exsync::audio::{AudioInfo, HEAD_BYTES, Inspection, Rejection, Sample, inspect};
use proptest::prelude::*;

use crate::builders::{MP3_FRAME, fmt_body, mp3, opus, plain_wav, reseal, riff, wav, with_id3};
use crate::mutate::{config, mutated};

/// Reads `file` as the recordings use case does: the first 64 KiB, then what the prober asks
/// for. Asks must be for bytes the prober does not have yet, inside the file.
fn probe(file: &[u8]) -> Result<AudioInfo, Rejection> {
    let size = file.len();
    let mut head_len = usize::try_from(HEAD_BYTES).unwrap().min(size);
    let mut tail: Option<&[u8]> = None;
    for _ in 0..8 {
        let sample = Sample {
            head: &file[..head_len],
            tail,
            size: size as u64,
        };
        match inspect(&sample)? {
            Inspection::Known(info) => return Ok(info),
            Inspection::NeedHead(n) => {
                let n = usize::try_from(n).unwrap();
                assert!(n > head_len && n <= size, "asked for a head of {n} bytes");
                head_len = n;
            }
            Inspection::NeedTail(n) => {
                let n = usize::try_from(n).unwrap();
                assert!(tail.is_none() && n <= size, "asked for a tail of {n} bytes");
                tail = Some(&file[size - n..]);
            }
        }
    }
    panic!("the prober kept asking for more");
}

/// What every answer must satisfy besides not panicking.
fn check(result: &Result<AudioInfo, Rejection>, size: u64) {
    match result {
        Ok(info) => assert!(info.audio_offset <= size, "{info:?}"),
        Err(rejection) => {
            let kinds = [
                "empty",
                "truncated",
                "unsupported",
                "malformed",
                "header-too-large",
            ];
            assert!(kinds.contains(&rejection.kind()), "{rejection:?}");
            assert!(!rejection.to_string().is_empty());
        }
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audio");
    std::fs::read(dir.join(name)).unwrap()
}

/// A valid file of each format the prober reads, built here or made by a real encoder.
fn valid_files() -> Vec<Vec<u8>> {
    let pcm24 = fmt_body(1, 2, 48_000, 6, 24);
    vec![
        plain_wav(800),
        wav(&pcm24, u32::MAX, 600),
        riff(&[
            (b"LIST", b"INFOxx"),
            (b"fmt ", &fmt_body(7, 1, 8000, 1, 8)),
            (b"data", &[0x7F; 80]),
        ]),
        opus(2, 312, 16_000, 48_312),
        mp3(4, None),
        mp3(3, Some(1000)),
        with_id3(300, &mp3(3, None)),
        fixture("stereo-16k.opus"),
        fixture("mono-8k-cbr.mp3"),
        fixture("stereo-16k-vbr-id3.mp3"),
        fixture("sox-extensible-24bit-stereo-8k.wav"),
        fixture("sox-mulaw-8k.wav"),
    ]
}

/// The magic numbers the prober dispatches on, and none.
fn magic() -> impl Strategy<Value = Vec<u8>> {
    prop::sample::select(vec![
        b"RIFF\x24\0\0\0WAVEfmt ".to_vec(),
        b"OggS\0\x02".to_vec(),
        b"ID3\x04\0\0".to_vec(),
        vec![0xFF, 0xFB, 0x90, 0x64],
        vec![0xFF, 0xF3, 0x18, 0xC4],
        Vec::new(),
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_behind_any_magic_number_are_refused_or_read_never_a_panic(
        magic in magic(),
        rest in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let file = [magic, rest].concat();

        let result = probe(&file);

        check(&result, file.len() as u64);
    }

    #[test]
    fn mutated_valid_recordings_are_refused_or_read_never_a_panic(
        (file, seal) in prop::sample::select(valid_files())
            .prop_flat_map(|file| (mutated(file), any::<bool>())),
    ) {
        let mut file = file;
        if seal {
            reseal(&mut file); // past the Ogg checksum, into the fields behind it
        }

        let result = probe(&file);

        check(&result, file.len() as u64);
    }

    #[test]
    fn any_head_tail_and_declared_size_are_refused_or_answered_never_a_panic(
        file in prop::sample::select(valid_files()).prop_flat_map(mutated),
        head_len in any::<prop::sample::Index>(),
        tail_len in proptest::option::of(any::<prop::sample::Index>()),
        size in prop_oneof![Just(u64::MAX), Just(1u64 << 62), any::<u64>(), 0u64..100_000],
    ) {
        let head = &file[..head_len.index(file.len() + 1)];
        let tail = tail_len.map(|n| &file[file.len() - n.index(file.len() + 1)..]);

        let answer = inspect(&Sample { head, tail, size });

        match answer {
            Ok(Inspection::Known(info)) if head.len() as u64 <= size => check(&Ok(info), size),
            Ok(Inspection::Known(_)) => {} // a head longer than the object: only no panic counts
            Ok(Inspection::NeedHead(n) | Inspection::NeedTail(n)) => prop_assert!(n <= size),
            Err(rejection) => check(&Err(rejection), size),
        }
    }

    #[test]
    fn an_ogg_granule_position_gives_its_duration_or_a_rejection_naming_it(
        granule in prop_oneof![any::<u64>(), 0u64..10_000_000_000, Just(1 << 63)],
        pre_skip in any::<u16>(),
    ) {
        let file = opus(1, pre_skip, 8000, granule);
        let samples = granule.saturating_sub(u64::from(pre_skip));

        let result = probe(&file);

        match samples.checked_mul(1000) {
            _ if granule == u64::MAX => prop_assert!(result.is_err()), // "no granule position"
            Some(_) => prop_assert_eq!(result.unwrap().duration_ms, Some(samples / 48)),
            None => prop_assert_eq!(
                result.unwrap_err().to_string(),
                format!("malformed: the last Ogg page's granule position {samples} overflows a duration in milliseconds")
            ),
        }
    }

    #[test]
    fn a_wav_header_with_extreme_fields_is_refused_or_read_never_a_panic(
        tag in prop_oneof![Just(1u16), Just(6), Just(7), any::<u16>()],
        channels in any::<u16>(),
        rate in prop_oneof![Just(1u32), Just(u32::MAX), any::<u32>()],
        align in any::<u16>(),
        bits in prop_oneof![Just(8u16), Just(16), Just(32), any::<u16>()],
        declared in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()],
        size in prop_oneof![Just(u64::MAX), any::<u64>(), 44u64..10_000],
    ) {
        let file = wav(&fmt_body(tag, channels, rate, align, bits), declared, 64);

        let result = inspect(&Sample::head(&file, size.max(file.len() as u64)));

        if let Ok(Inspection::Known(info)) = &result {
            check(&Ok(*info), size);
        }
    }

    #[test]
    fn an_mp3_with_any_frame_count_and_size_is_refused_or_read_never_a_panic(
        frames in proptest::option::of(any::<u32>()),
        size in prop_oneof![Just(u64::MAX), any::<u64>()],
    ) {
        let file = mp3(160, frames); // more than the 64 KiB the prober searches

        let result = inspect(&Sample::head(&file, size.max(file.len() as u64)));

        if let Ok(Inspection::Known(info)) = &result {
            check(&Ok(*info), size);
        }
    }
}

#[test]
fn an_ogg_granule_position_of_2_pow_63_is_refused_naming_the_field_not_a_panic() {
    let file = opus(2, 0, 48_000, 1 << 63);

    let result = probe(&file);

    let rejection = result.unwrap_err();
    assert_eq!(
        rejection.to_string(),
        "malformed: the last Ogg page's granule position 9223372036854775808 overflows a duration in milliseconds"
    );
    assert_eq!(rejection.kind(), "malformed");
}

#[test]
fn an_ogg_granule_position_just_inside_the_range_gives_its_duration() {
    let largest = u64::MAX / 1000;
    let file = opus(2, 0, 48_000, largest);

    let info = probe(&file).unwrap();

    assert_eq!(info.duration_ms, Some(largest / 48));
}

#[test]
fn a_streaming_wav_in_an_object_of_2_pow_62_bytes_is_refused_naming_the_frame_count() {
    let file = wav(&fmt_body(6, 1, 8000, 1, 8), u32::MAX, 64);

    let result = inspect(&Sample::head(&file, 1 << 62));

    assert_eq!(
        result.unwrap_err().to_string(),
        "malformed: the WAV data chunk's frame count 4611686018427387860 overflows a duration in milliseconds"
    );
}

#[test]
fn a_constant_bit_rate_mp3_in_an_object_of_2_pow_62_bytes_is_refused_naming_the_size() {
    let file = mp3(160, None); // more than the 64 KiB the prober searches

    let result = inspect(&Sample::head(&file, 1 << 62));

    assert_eq!(
        result.unwrap_err().to_string(),
        "malformed: the MP3 audio size in bytes 4611686018427387904 overflows a duration in milliseconds"
    );
}

#[test]
fn the_built_files_are_valid_so_mutating_them_reaches_the_parsers() {
    let durations: Vec<Option<u64>> = valid_files()
        .iter()
        .map(|file| probe(file).map(|info| info.duration_ms).unwrap())
        .collect();

    assert_eq!(
        &durations[..7],
        &[
            Some(50),
            Some(2),
            Some(10),
            Some(1000),
            Some(4 * MP3_FRAME as u64 * 8 / 128),
            Some(1000 * 1152 * 1000 / 44_100), // the Xing header's 1000 frames of 1152 samples
            Some(3 * MP3_FRAME as u64 * 8 / 128),
        ]
    );
}
