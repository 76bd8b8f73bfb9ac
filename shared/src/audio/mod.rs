//! Audio header inspection: what a recording is (container, encoding, channels, sample rate, bits,
//! duration) from its first bytes, and, for Ogg, its last ones: never the whole file.
//!
//! Pure functions over byte slices. The caller reads ranges of the object and calls [`inspect`]
//! with what it has; the answer is either the audio's properties, or which further range to read
//! ([`Inspection::NeedHead`] when a WAV has big leading chunks or an MP3 a big ID3 tag,
//! [`Inspection::NeedTail`] for an Ogg file's last page), or a [`Rejection`] with a clear reason.
//!
//! The format is found from the content, never from the file name:
//!
//! | file | module | read |
//! |---|---|---|
//! | WAV (`RIFF`/`WAVE`): PCM, µ-law, A-law, also as `WAVE_FORMAT_EXTENSIBLE` | `wav.rs` | chunks up to `data` |
//! | Ogg/Opus (`OggS` + `OpusHead`) | `ogg.rs` | the first page; the last page for the duration |
//! | MP3 (MPEG-1/2/2.5 layer III, with or without ID3v2) | `mp3.rs` | the first two frames, Xing/VBRI |
//!
//! Why hand-rolled and not a crate: the prober has to work on a prefix (and a suffix) of an
//! object it never downloads whole, and to say precisely why a file is refused. `hound` reads WAV
//! only and `symphonia` probes through a seekable reader over the whole stream (and would be a
//! large new dependency of the shared crate); the header layouts read here are small and fixed.
//!
//! Every byte read here comes from an object anybody could have dropped in the bucket, so the
//! module denies unchecked arithmetic, narrowing casts and indexing: a hostile header is refused
//! with a [`Rejection`] naming the field, never a panic or a value that silently wrapped.

#![deny(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::indexing_slicing
)]

mod mp3;
mod ogg;
mod read;
mod wav;

use std::fmt;

use crate::mapping::AudioProperties;

/// How many bytes of the start of a file to read first.
pub const HEAD_BYTES: u64 = 64 * 1024;
/// How many bytes of the end of an Ogg file to read for its last page (a page is at most 65,307).
pub const TAIL_BYTES: u64 = 64 * 1024;
/// The most of a file's start the prober will ask for; a header beyond this is refused.
pub const MAX_HEAD_BYTES: u64 = 8 * 1024 * 1024;

/// A container format exsync uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    /// RIFF WAVE.
    Wav,
    /// Ogg with an Opus stream.
    Ogg,
    /// MPEG audio frames, with or without an ID3v2 tag.
    Mp3,
}

impl Container {
    /// The file extension uploads of this format get, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Wav => "wav",
            Self::Ogg => "opus",
            Self::Mp3 => "mp3",
        }
    }

    /// The MIME type uploads of this format are sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Wav => "audio/wav",
            Self::Ogg => "audio/ogg",
            Self::Mp3 => "audio/mpeg",
        }
    }
}

impl fmt::Display for Container {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Wav => "wav",
            Self::Ogg => "ogg/opus",
            Self::Mp3 => "mp3",
        })
    }
}

/// What the header says about a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AudioInfo {
    /// The container.
    pub container: Container,
    /// Encoding, sample rate, channels and bits, as the quality profile grades them.
    pub properties: AudioProperties,
    /// The duration in milliseconds, when the header (or the last Ogg page) tells it.
    pub duration_ms: Option<u64>,
    /// The bit rate of compressed audio, in kbit/s (MP3: the first frame's).
    pub bitrate_kbps: Option<u32>,
    /// Where the audio data starts (after the WAV chunks before `data`, or the ID3 tag).
    pub audio_offset: u64,
}

/// The bytes of an object the caller has read so far.
#[derive(Debug, Clone, Copy)]
pub struct Sample<'a> {
    /// The object's first bytes (from offset 0).
    pub head: &'a [u8],
    /// The object's last bytes, when read (ends at the object's end).
    pub tail: Option<&'a [u8]>,
    /// The object's full size in bytes.
    pub size: u64,
}

impl<'a> Sample<'a> {
    /// A sample of the first bytes only.
    pub fn head(head: &'a [u8], size: u64) -> Self {
        Self {
            head,
            tail: None,
            size,
        }
    }

    /// A whole file held in memory (tests, small files).
    pub fn whole(bytes: &'a [u8]) -> Self {
        Self {
            head: bytes,
            tail: Some(bytes),
            size: bytes.len() as u64,
        }
    }

    /// Whether the head is the whole object.
    fn head_is_whole(&self) -> bool {
        self.head.len() as u64 >= self.size
    }

    /// The object's end: the tail if read, or the head if it is the whole object.
    fn end(&self) -> Option<&'a [u8]> {
        if self.head_is_whole() {
            Some(self.head)
        } else {
            self.tail
        }
    }
}

/// The result of one look at a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inspection {
    /// The properties are known.
    Known(AudioInfo),
    /// Read the object's first `n` bytes (more than the head holds) and look again.
    NeedHead(u64),
    /// Read the object's last `n` bytes and look again.
    NeedTail(u64),
}

/// Why a file is refused. Messages are lowercase and say what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The object has no bytes.
    #[error("empty file")]
    Empty,
    /// The file ends before its header says it should.
    #[error("truncated: {0}")]
    Truncated(String),
    /// A format or encoding exsync does not upload.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The header is inconsistent.
    #[error("malformed: {0}")]
    Malformed(String),
    /// A header field holds a value no real recording has: the arithmetic on it would overflow.
    /// Its [`Rejection::kind`] is `malformed`.
    #[error("malformed: {field} {value} {problem}")]
    OutOfRange {
        /// the field, as a phrase: `the last Ogg page's granule position`
        field: &'static str,
        /// the value found (or derived from the field and the file size)
        value: u64,
        /// what it breaks: `overflows a duration in milliseconds`
        problem: &'static str,
    },
    /// The header would need more than [`MAX_HEAD_BYTES`] read.
    #[error("header too large: the audio starts after {needed} bytes, more than the {limit} read")]
    HeaderTooLarge {
        /// bytes the header needs
        needed: u64,
        /// [`MAX_HEAD_BYTES`]
        limit: u64,
    },
}

impl Rejection {
    /// A short machine-readable kind: `empty`, `truncated`, `unsupported`, `malformed`,
    /// `header-too-large`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Truncated(_) => "truncated",
            Self::Unsupported(_) => "unsupported",
            Self::Malformed(_) | Self::OutOfRange { .. } => "malformed",
            Self::HeaderTooLarge { .. } => "header-too-large",
        }
    }
}

/// Looks at what has been read of an object and says what it is, or what to read next.
///
/// # Errors
///
/// A [`Rejection`] when the file is empty, truncated, malformed or of a format exsync does not
/// upload.
pub fn inspect(sample: &Sample<'_>) -> Result<Inspection, Rejection> {
    if sample.size == 0 {
        return Err(Rejection::Empty);
    }
    let head = sample.head;
    if head.len() < 12 && !sample.head_is_whole() {
        return Ok(Inspection::NeedHead(sample.size.min(HEAD_BYTES)));
    }
    let magic = |m: &[u8]| head.starts_with(m);
    if magic(b"RIFF") {
        if head.len() < 12 {
            return Err(Rejection::Truncated(format!(
                "a {}-byte file is too short for a RIFF header",
                head.len()
            )));
        }
        return match head.get(8..12).unwrap_or_default() {
            b"WAVE" => wav::inspect(sample),
            form => Err(Rejection::Unsupported(format!(
                "a RIFF file of form {}, not WAVE",
                read::printable(form)
            ))),
        };
    }
    if magic(b"OggS") {
        return ogg::inspect(sample);
    }
    if magic(b"ID3") || mp3::starts_with_frame(head) {
        return mp3::inspect(sample);
    }
    Err(Rejection::Unsupported(other_format(head)))
}

/// Names a format exsync does not upload, for the rejection reason.
fn other_format(head: &[u8]) -> String {
    let known: &[(&[u8], usize, &str)] = &[
        (b"RF64", 0, "RF64 (WAV over 4 GiB)"),
        (b"RIFX", 0, "big-endian RIFX WAV"),
        (b"fLaC", 0, "FLAC"),
        (b"#!AMR", 0, "AMR"),
        (b"FORM", 0, "AIFF"),
        (b"\x1aE\xdf\xa3", 0, "WebM/Matroska"),
        (b"ftyp", 4, "MP4/M4A"),
        (b".snd", 0, "Sun/NeXT AU"),
    ];
    for (magic, at, name) in known {
        if head.get(*at..).is_some_and(|rest| rest.starts_with(magic)) {
            return format!("{name} is not one of wav, ogg/opus, mp3");
        }
    }
    let start: Vec<String> = head.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!(
        "not a wav, ogg/opus or mp3 file (it starts with {})",
        start.join(" ")
    )
}

/// Asks for the first `needed` bytes, or says why that cannot help.
fn need_head(sample: &Sample<'_>, needed: u64, what: &str) -> Result<Inspection, Rejection> {
    if needed > sample.size {
        return Err(Rejection::Truncated(format!(
            "the file ends inside {what} ({} bytes, {needed} needed)",
            sample.size
        )));
    }
    if needed > MAX_HEAD_BYTES {
        return Err(Rejection::HeaderTooLarge {
            needed,
            limit: MAX_HEAD_BYTES,
        });
    }
    // read a little beyond what is needed now: the next chunk header usually follows
    Ok(Inspection::NeedHead(
        needed.saturating_add(HEAD_BYTES).min(sample.size),
    ))
}
