//! Audio header inspection as the recordings function sees it: files made by real encoders
//! (`tests/fixtures/audio/`, expected results in `expected.json`), and odd-but-valid and broken
//! files built here, each read the way the use case reads objects (the first 64 KiB, then only
//! what the prober asks for).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::Path;

use exsync::audio::{AudioInfo, HEAD_BYTES, Inspection, Rejection, Sample, TAIL_BYTES, inspect};
use serde_json::{Value, json};

/// Reads `file` like the use case: first 64 KiB, then whatever the prober asks for. Returns the
/// result and how many bytes were read.
fn probe(file: &[u8]) -> (Result<AudioInfo, Rejection>, usize) {
    let size = file.len();
    let mut head_len = (HEAD_BYTES as usize).min(size);
    let mut tail: Option<&[u8]> = None;
    let mut read = head_len;
    for _ in 0..8 {
        let sample = Sample {
            head: &file[..head_len],
            tail,
            size: size as u64,
        };
        match inspect(&sample) {
            Ok(Inspection::Known(info)) => return (Ok(info), read),
            Err(rejection) => return (Err(rejection), read),
            Ok(Inspection::NeedHead(n)) => {
                assert!(n as usize > head_len && n as usize <= size, "asked for {n}");
                read += n as usize - head_len;
                head_len = n as usize;
            }
            Ok(Inspection::NeedTail(n)) => {
                assert!(tail.is_none(), "asked for the tail twice");
                tail = Some(&file[size - n as usize..]);
                read += n as usize;
            }
        }
    }
    panic!("the prober kept asking for more");
}

/// The result as comparable JSON.
fn summary(result: &Result<AudioInfo, Rejection>) -> Value {
    match result {
        Ok(info) => json!({
            "container": info.container,
            "encoding": info.properties.encoding,
            "sampleRateHz": info.properties.sample_rate_hz,
            "channels": info.properties.channels,
            "bitsPerSample": info.properties.bits_per_sample,
            "durationMs": info.duration_ms,
        }),
        Err(rejection) => json!({"rejected": rejection.to_string()}),
    }
}

fn fixture_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audio"))
}

#[test]
fn files_from_real_encoders_parse_to_the_recorded_properties() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir().join("expected.json")).unwrap(),
    )
    .unwrap();
    let expected = expected.as_object().unwrap();
    assert!(expected.len() >= 9);

    for (name, want) in expected {
        let bytes = std::fs::read(fixture_dir().join(name)).unwrap();

        let (result, _) = probe(&bytes);

        assert_eq!(&summary(&result), want, "{name}");
    }
}

// ---- WAV files built chunk by chunk ----

fn fmt(tag: u16, channels: u16, rate: u32, bits: u16) -> Vec<u8> {
    let align = channels * bits.div_ceil(8);
    let mut out = Vec::new();
    out.extend(tag.to_le_bytes());
    out.extend(channels.to_le_bytes());
    out.extend(rate.to_le_bytes());
    out.extend((rate * u32::from(align)).to_le_bytes());
    out.extend(align.to_le_bytes());
    out.extend(bits.to_le_bytes());
    out
}

fn extensible(sub_tag: u16, channels: u16, rate: u32, bits: u16, valid: u16) -> Vec<u8> {
    let mut out = fmt(0xFFFE, channels, rate, bits);
    out.extend(22u16.to_le_bytes());
    out.extend(valid.to_le_bytes());
    out.extend(3u32.to_le_bytes()); // channel mask: front left + right
    out.extend(sub_tag.to_le_bytes());
    out.extend([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]);
    out
}

/// A chunk: id, body, and the length to declare (the body's when `None`).
type Chunk = (&'static [u8; 4], Vec<u8>, Option<u32>);

fn chunk(id: &'static [u8; 4], body: Vec<u8>) -> Chunk {
    (id, body, None)
}

/// `RIFF....WAVE` + chunks, each padded to even length unless it is the last.
fn wav(chunks: &[Chunk]) -> Vec<u8> {
    let mut out = b"RIFF\0\0\0\0WAVE".to_vec();
    for (i, (id, body, declared)) in chunks.iter().enumerate() {
        out.extend(*id);
        out.extend(declared.unwrap_or(body.len() as u32).to_le_bytes());
        out.extend(body);
        if body.len() % 2 == 1 && i + 1 < chunks.len() {
            out.push(0);
        }
    }
    let riff = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    out
}

fn pcm(channels: u16, rate: u32, bits: u16, seconds_tenths: u32) -> Vec<Chunk> {
    let bytes = rate * u32::from(channels * bits.div_ceil(8)) * seconds_tenths / 10;
    vec![
        chunk(b"fmt ", fmt(1, channels, rate, bits)),
        chunk(b"data", vec![0x11; bytes as usize]),
    ]
}

fn with_before_fmt(extra: Chunk, rest: Vec<Chunk>) -> Vec<Chunk> {
    let mut chunks = vec![extra];
    chunks.extend(rest);
    chunks
}

#[test]
fn odd_but_valid_wavs_are_read_from_their_header() {
    let mut fmt18 = fmt(1, 2, 8000, 16);
    fmt18.extend([0, 0]); // cbSize 0
    let cases: Vec<(&str, Vec<u8>, Value)> = vec![
        (
            "plain stereo 8 kHz",
            wav(&pcm(2, 8000, 16, 5)),
            json!([8000, 2, 16, 500, "pcm"]),
        ),
        (
            "8-bit mono",
            wav(&pcm(1, 11025, 8, 10)),
            json!([11025, 1, 8, 1000, "pcm"]),
        ),
        (
            "fmt of 18 bytes, LIST and fact around it",
            wav(&[
                chunk(b"LIST", b"INFOISFT\x05\0\0\0exsy\0".to_vec()),
                chunk(b"fmt ", fmt18),
                chunk(b"fact", 4000u32.to_le_bytes().to_vec()),
                chunk(b"data", vec![0; 16000]),
            ]),
            json!([8000, 2, 16, 500, "pcm"]),
        ),
        (
            "an odd-sized chunk with its pad byte",
            wav(&with_before_fmt(
                chunk(b"note", vec![7; 7]),
                pcm(1, 16000, 16, 2),
            )),
            json!([16000, 1, 16, 200, "pcm"]),
        ),
        (
            "extensible pcm, stereo 16 kHz",
            wav(&[
                chunk(b"fmt ", extensible(1, 2, 16000, 16, 16)),
                chunk(b"data", vec![0; 6400]),
            ]),
            json!([16000, 2, 16, 100, "pcm"]),
        ),
        (
            "extensible, 20 valid bits in 24",
            wav(&[
                chunk(b"fmt ", extensible(1, 1, 48000, 24, 20)),
                chunk(b"data", vec![0; 14400]),
            ]),
            json!([48000, 1, 20, 100, "pcm"]),
        ),
        (
            "extensible mulaw",
            wav(&[
                chunk(b"fmt ", extensible(7, 1, 8000, 8, 8)),
                chunk(b"data", vec![0xFF; 800]),
            ]),
            json!([8000, 1, 8, 100, "mulaw"]),
        ),
        (
            "alaw",
            wav(&[
                chunk(b"fmt ", fmt(6, 2, 8000, 8)),
                chunk(b"data", vec![0xD5; 1600]),
            ]),
            json!([8000, 2, 8, 100, "alaw"]),
        ),
        (
            "streaming writer: data size 0xFFFFFFFF",
            wav(&[
                chunk(b"fmt ", fmt(1, 1, 8000, 16)),
                (b"data", vec![0; 3200], Some(u32::MAX)),
            ]),
            json!([8000, 1, 16, 200, "pcm"]),
        ),
        (
            "streaming writer: data size 0",
            wav(&[
                chunk(b"fmt ", fmt(1, 1, 8000, 16)),
                (b"data", vec![0; 1600], Some(0)),
            ]),
            json!([8000, 1, 16, 100, "pcm"]),
        ),
        (
            "odd data size with no pad byte at the end",
            wav(&[
                chunk(b"fmt ", fmt(1, 1, 8000, 8)),
                chunk(b"data", vec![0x80; 801]),
            ]),
            json!([8000, 1, 8, 100, "pcm"]),
        ),
        (
            "chunks after data",
            wav(&[pcm(2, 8000, 16, 1), vec![chunk(b"LIST", vec![0; 10])]].concat()),
            json!([8000, 2, 16, 100, "pcm"]),
        ),
    ];
    for (name, bytes, want) in cases {
        let (result, _) = probe(&bytes);

        let info = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let props = info.properties;
        let got = json!([
            props.sample_rate_hz,
            props.channels,
            props.bits_per_sample,
            info.duration_ms,
            props.encoding
        ]);
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn big_leading_chunks_are_read_past_but_the_audio_is_not_read() {
    let bext = chunk(b"bext", vec![b' '; 300_000]);
    let bytes = wav(&with_before_fmt(bext, pcm(2, 8000, 16, 100))); // 10 s of audio

    let (result, read) = probe(&bytes);

    assert_eq!(result.unwrap().duration_ms, Some(10_000));
    assert!(
        read > 300_000 && read < 300_000 + 3 * HEAD_BYTES as usize,
        "read {read}"
    );
    assert!(read < bytes.len(), "read the whole file");
}

#[test]
fn a_large_recording_is_known_from_its_first_bytes_alone() {
    let header = wav(&[
        chunk(b"fmt ", fmt(1, 2, 16000, 16)),
        (b"data", vec![], Some(640_000_000)),
    ]);
    let size = header.len() as u64 + 640_000_000; // 10,000 s of stereo 16 kHz, never built

    let answer = inspect(&Sample::head(&header, size)).unwrap();

    let Inspection::Known(info) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!(info.duration_ms, Some(10_000_000));
    assert_eq!(info.audio_offset, header.len() as u64);
}

#[test]
fn broken_or_foreign_files_are_refused_with_a_clear_reason() {
    let fmt_ok = || chunk(b"fmt ", fmt(1, 1, 8000, 16));
    let mut bad_align = fmt(1, 2, 8000, 16);
    bad_align[12] = 3;
    let mut odd_guid = extensible(1, 2, 8000, 16, 16);
    odd_guid[30] = 0x99;
    let mut cut_fmt = wav(&[fmt_ok(), chunk(b"data", vec![0; 8])]);
    cut_fmt.truncate(30);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "empty file"),
        (
            "six bytes",
            b"RIFF\0\0".to_vec(),
            "truncated: a 6-byte file is too short for a RIFF header",
        ),
        (
            "text",
            b"hello, world".to_vec(),
            "unsupported: not a wav, ogg/opus or mp3 file (it starts with 68 65 6c 6c)",
        ),
        (
            "flac",
            b"fLaC\0\0\0\x22rest-of-it".to_vec(),
            "unsupported: FLAC is not one of wav, ogg/opus, mp3",
        ),
        (
            "rf64",
            b"RF64\xff\xff\xff\xffWAVEds64".to_vec(),
            "unsupported: RF64 (WAV over 4 GiB) is not one of wav, ogg/opus, mp3",
        ),
        (
            "avi",
            b"RIFF\x04\0\0\0AVI LIST".to_vec(),
            "unsupported: a RIFF file of form AVI , not WAVE",
        ),
        (
            "no fmt",
            wav(&[chunk(b"LIST", vec![0; 4])]),
            "truncated: the file ends before a `fmt ` chunk",
        ),
        (
            "no data",
            wav(&[fmt_ok()]),
            "truncated: the file ends before a `data` chunk",
        ),
        (
            "data first",
            wav(&[chunk(b"data", vec![0; 4]), fmt_ok()]),
            "malformed: the data chunk comes before the fmt chunk",
        ),
        (
            "cut in fmt",
            cut_fmt,
            "truncated: the file ends inside the fmt chunk",
        ),
        (
            "data longer than the file",
            wav(&[fmt_ok(), (b"data", vec![0; 100], Some(16_000))]),
            "truncated: the data chunk declares 16000 bytes but the file holds 100 after its header",
        ),
        (
            "short fmt",
            wav(&[
                chunk(b"fmt ", vec![1, 0, 1, 0, 0x40, 0x1f]),
                chunk(b"data", vec![]),
            ]),
            "malformed: the fmt chunk is 6 bytes; a format header is 16 to 1024",
        ),
        (
            "no channels",
            wav(&[chunk(b"fmt ", fmt(1, 0, 8000, 16)), chunk(b"data", vec![])]),
            "malformed: the fmt chunk declares 0 channels",
        ),
        (
            "no rate",
            wav(&[chunk(b"fmt ", fmt(1, 1, 0, 16)), chunk(b"data", vec![])]),
            "malformed: the fmt chunk declares a sample rate of 0",
        ),
        (
            "bad align",
            wav(&[chunk(b"fmt ", bad_align), chunk(b"data", vec![])]),
            "malformed: block align 3 does not match 2 channel(s) of 16 bits",
        ),
        (
            "12-bit alaw",
            wav(&[chunk(b"fmt ", fmt(6, 1, 8000, 12)), chunk(b"data", vec![])]),
            "malformed: 12 bits per sample is not valid for alaw",
        ),
        (
            "garbage chunk",
            wav(&[(b"\0\x01\x02\x03", vec![0; 4], None), fmt_ok()]),
            "malformed: the chunk at byte 12 has no valid id (\\x00\\x01\\x02\\x03)",
        ),
        (
            "odd guid",
            wav(&[chunk(b"fmt ", odd_guid), chunk(b"data", vec![])]),
            "unsupported: a WAVE_FORMAT_EXTENSIBLE sub-format that is not a standard format tag",
        ),
        (
            "header only",
            wav(&[fmt_ok(), chunk(b"data", vec![])]),
            "truncated: the file ends before any audio (the data chunk is empty)",
        ),
        (
            "gsm",
            wav(&[
                chunk(b"fmt ", fmt(0x31, 1, 8000, 0)),
                chunk(b"data", vec![]),
            ]),
            "unsupported: GSM 6.10 WAV (format tag 0x0031); pcm, mulaw and alaw are",
        ),
    ];
    for (name, bytes, want) in cases {
        let (result, _) = probe(&bytes);

        assert_eq!(
            result.err().map(|e| e.to_string()).as_deref(),
            Some(want),
            "{name}"
        );
    }
}

// ---- Ogg and MP3 variants, from the encoder fixtures and synthetic frames ----

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).unwrap()
}

/// `count` MPEG frames with this 4-byte header and silent payloads of `len` bytes in all.
fn frames(header: [u8; 4], len: usize, count: usize) -> Vec<u8> {
    let mut one = header.to_vec();
    one.resize(len, 0);
    one.repeat(count)
}

fn id3(body_len: usize) -> Vec<u8> {
    let size = body_len as u32;
    let synchsafe = [
        (size >> 21) & 0x7f,
        (size >> 14) & 0x7f,
        (size >> 7) & 0x7f,
        size & 0x7f,
    ];
    let mut tag = b"ID3\x04\0\0".to_vec();
    tag.extend(synchsafe.map(|b| b as u8));
    tag.resize(10 + body_len, 0);
    tag
}

#[test]
fn ogg_and_mp3_variants_are_read_or_refused() {
    let opus = fixture("stereo-16k.opus");
    let mut damaged = opus.clone();
    damaged[40] ^= 0xff;
    let mp3 = fixture("mono-8k-cbr.mp3");
    let big_tag = [id3(200_000), mp3.clone()].concat();
    let layer2 = frames([0xFF, 0xFD, 0x80, 0x04], 417, 3); // MPEG-1 layer II, 128 kbit/s
    let cases: Vec<(&str, Vec<u8>, Result<u64, &str>)> = vec![
        ("opus", opus.clone(), Ok(1000)),
        (
            "opus cut short",
            opus[..opus.len() - 100].to_vec(),
            Err("truncated: the file ends "),
        ),
        (
            "opus with a damaged first page",
            damaged,
            Err("malformed: the first Ogg page is damaged (bad header or checksum)"),
        ),
        (
            "opus first page only",
            opus[..40].to_vec(),
            Err("truncated: the file ends inside the first Ogg page"),
        ),
        ("mp3 behind a 200 KB ID3 tag", big_tag, Ok(1152)),
        ("mp3 cbr", mp3.clone(), Ok(1152)),
        (
            "mp3 frame cut short",
            mp3[..100].to_vec(),
            Err("truncated: the file ends inside its first MPEG frame"),
        ),
        (
            "a tag covering the file",
            id3(50),
            Err("truncated: the ID3 tag (60 bytes) covers the whole 60-byte file"),
        ),
        (
            "a tag then noise",
            [id3(20), vec![0x55; 400]].concat(),
            Err("malformed: no MPEG audio frame after the ID3 tag (found UUUU)"),
        ),
        (
            "layer II",
            layer2,
            Err("unsupported: MPEG layer II audio; only layer III (mp3) is uploaded"),
        ),
    ];
    for (name, bytes, want) in cases {
        let (result, read) = probe(&bytes);

        match (result, want) {
            (Ok(info), Ok(ms)) => {
                assert_eq!(info.duration_ms, Some(ms), "{name}");
                assert!(read <= bytes.len().min(400_000), "{name}: read {read}");
            }
            (Err(e), Err(prefix)) => assert!(e.to_string().starts_with(prefix), "{name}: {e}"),
            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn an_ogg_file_needs_its_last_page_for_the_duration() {
    let opus = fixture("stereo-16k.opus");
    let padded_size = 10_000_000; // the head is all there is to read of a large file

    let answer = inspect(&Sample::head(&opus[..4096.min(opus.len())], padded_size)).unwrap();

    assert_eq!(answer, Inspection::NeedTail(TAIL_BYTES));
}
