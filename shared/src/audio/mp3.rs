//! MP3: skips an ID3v2 tag, finds the first MPEG audio frame (confirmed by the frame after it),
//! and reads sample rate, channels and bit rate from its header; the duration from a Xing/Info or
//! VBRI header when there is one, else from the size at the first frame's bit rate.
//!
//! Layer I and II streams are refused by name; a tag that covers the whole file, or no frame
//! after it, is malformed or truncated.

use super::read::{be_u32, duration_ms, printable};
use super::{AudioInfo, Container, HEAD_BYTES, Inspection, Rejection, Sample, need_head};
use crate::mapping::{AudioEncoding, AudioProperties};

/// How far past the tag a first frame is searched for.
const SEARCH_WINDOW: u64 = HEAD_BYTES;

/// MPEG version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Mpeg1,
    Mpeg2,
    Mpeg25,
}

/// A decoded frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    version: Version,
    layer: u8,
    bitrate_kbps: u32,
    sample_rate: u32,
    channels: u16,
    len: u64,
}

impl Frame {
    fn samples(self) -> u64 {
        match (self.layer, self.version) {
            (1, _) => 384,
            (3, Version::Mpeg2 | Version::Mpeg25) => 576,
            _ => 1152,
        }
    }

    /// Where a Xing/Info header sits: after the 4-byte header and the side information.
    fn xing_offset(self) -> usize {
        match (self.version, self.channels) {
            (Version::Mpeg1, 1) => 4 + 17,
            (Version::Mpeg1, _) => 4 + 32,
            (_, 1) => 4 + 9,
            _ => 4 + 17,
        }
    }
}

const BITRATES_V1: [[u32; 16]; 3] = [
    [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0,
    ],
    [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0,
    ],
    [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0,
    ],
];
const BITRATES_V2: [[u32; 16]; 2] = [
    [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0,
    ],
    [
        0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,
    ],
];

/// Decodes a 4-byte frame header, or `None` if the bytes are not a valid one.
fn frame(bytes: &[u8]) -> Option<Frame> {
    let [b0, b1, b2, b3] = *bytes.get(..4)? else {
        return None;
    };
    if b0 != 0xFF || b1 & 0xE0 != 0xE0 {
        return None;
    }
    let version = match (b1 >> 3) & 3 {
        0 => Version::Mpeg25,
        2 => Version::Mpeg2,
        3 => Version::Mpeg1,
        _ => return None,
    };
    let layer: u8 = match (b1 >> 1) & 3 {
        1 => 3,
        2 => 2,
        3 => 1,
        _ => return None,
    };
    let index = usize::from(b2 >> 4);
    let table = match version {
        Version::Mpeg1 => BITRATES_V1.get(usize::from(layer.saturating_sub(1)))?,
        _ => BITRATES_V2.get(usize::from(layer != 1))?,
    };
    let bitrate_kbps = *table.get(index)?;
    let base = match (b2 >> 2) & 3 {
        0 => 44_100,
        1 => 48_000,
        2 => 32_000,
        _ => return None,
    };
    let sample_rate = match version {
        Version::Mpeg1 => base,
        Version::Mpeg2 => base / 2,
        Version::Mpeg25 => base / 4,
    };
    if bitrate_kbps == 0 {
        return None; // "free" bit rate: no frame length to check against
    }
    let padding = u64::from((b2 >> 1) & 1);
    // bit rates and sample rates come from the tables above: at most 144 * 448,000 / 8,000
    let (slots, slot_bytes): (u64, u64) = match (layer, version) {
        (1, _) => (12, 4),
        (3, Version::Mpeg2 | Version::Mpeg25) => (72, 1),
        _ => (144, 1),
    };
    let len = u64::from(bitrate_kbps)
        .saturating_mul(slots)
        .saturating_mul(1000)
        .checked_div(u64::from(sample_rate))?
        .saturating_add(padding)
        .saturating_mul(slot_bytes);
    Some(Frame {
        version,
        layer,
        bitrate_kbps,
        sample_rate,
        channels: if b3 >> 6 == 3 { 1 } else { 2 },
        len,
    })
}

/// Whether `head` starts with what looks like an MPEG audio frame header.
pub(super) fn starts_with_frame(head: &[u8]) -> bool {
    frame(head).is_some()
}

/// The size of an ID3v2 tag at the start of `head` (header and footer included).
fn id3_len(head: &[u8]) -> Result<Option<u64>, Rejection> {
    if !head.starts_with(b"ID3") {
        return Ok(None);
    }
    let (Some(&flags), Some(size_bytes)) = (head.get(5), head.get(6..10)) else {
        return Err(Rejection::Truncated(
            "the file ends inside the ID3 tag header".into(),
        ));
    };
    if size_bytes.iter().any(|b| b & 0x80 != 0) {
        return Err(Rejection::Malformed(
            "the ID3 tag size is not a synchsafe integer".into(),
        ));
    }
    // four 7-bit digits: at most 2^28 - 1
    let size = size_bytes
        .iter()
        .fold(0u64, |acc, &b| (acc << 7) | u64::from(b));
    let footer = if flags & 0x10 != 0 { 10 } else { 0 };
    Ok(Some(size.saturating_add(10).saturating_add(footer)))
}

/// `head` from byte `at` on (empty past its end).
fn from(head: &[u8], at: u64) -> &[u8] {
    usize::try_from(at)
        .ok()
        .and_then(|at| head.get(at..))
        .unwrap_or_default()
}

/// Inspects a file that starts with an ID3v2 tag or a frame header.
pub(super) fn inspect(sample: &Sample<'_>) -> Result<Inspection, Rejection> {
    let start = id3_len(sample.head)?.unwrap_or(0);
    if start >= sample.size {
        return Err(Rejection::Truncated(format!(
            "the ID3 tag ({start} bytes) covers the whole {}-byte file",
            sample.size
        )));
    }
    let window_end = start.saturating_add(SEARCH_WINDOW).min(sample.size);
    if u64::try_from(sample.head.len()).unwrap_or(u64::MAX) < window_end {
        return need_head(sample, window_end, "the first MPEG frames");
    }
    let head = sample.head;
    if let Some(first) = frame(from(head, start))
        && start.saturating_add(first.len) > sample.size
    {
        return Err(Rejection::Truncated(
            "the file ends inside its first MPEG frame".into(),
        ));
    }
    // `window_end` is at most the head's length, so `at` stays a valid index
    for at in start..window_end.saturating_sub(3) {
        if let Some(first) = frame(from(head, at))
            && confirmed(head, sample.size, at, first)
        {
            return found(sample, at, first);
        }
    }
    let after = if start > 0 {
        "after the ID3 tag"
    } else {
        "at the start"
    };
    let first_bytes = from(head, start);
    Err(Rejection::Malformed(format!(
        "no MPEG audio frame {after} (found {})",
        printable(first_bytes.get(..4).unwrap_or(first_bytes))
    )))
}

/// A frame is real if the next one follows where its length says, or the file ends there.
fn confirmed(head: &[u8], size: u64, at: u64, first: Frame) -> bool {
    let next = at.saturating_add(first.len);
    if next == size {
        return true;
    }
    frame(from(head, next)).is_some_and(|second| {
        second.version == first.version
            && second.layer == first.layer
            && second.sample_rate == first.sample_rate
    })
}

fn found(sample: &Sample<'_>, at: u64, first: Frame) -> Result<Inspection, Rejection> {
    if first.layer != 3 {
        let layer = if first.layer == 1 { "I" } else { "II" };
        return Err(Rejection::Unsupported(format!(
            "MPEG layer {layer} audio; only layer III (mp3) is uploaded"
        )));
    }
    if at.saturating_add(first.len) > sample.size {
        return Err(Rejection::Truncated(
            "the file ends inside its first MPEG frame".into(),
        ));
    }
    let duration_ms = match vbr_frames(from(sample.head, at), first) {
        Some(frames) => duration_ms(
            frames.saturating_mul(first.samples()),
            u64::from(first.sample_rate),
            "the Xing/VBRI frame count",
        )?,
        // bytes * 8 bits / (kbit/s) is milliseconds
        None => {
            let bytes = sample.size.saturating_sub(at);
            bytes
                .checked_mul(8)
                .and_then(|bits| bits.checked_div(u64::from(first.bitrate_kbps)))
                .ok_or(Rejection::OutOfRange {
                    field: "the MP3 audio size in bytes",
                    value: bytes,
                    problem: "overflows a duration in milliseconds",
                })?
        }
    };
    Ok(Inspection::Known(AudioInfo {
        container: Container::Mp3,
        properties: AudioProperties {
            encoding: AudioEncoding::Mp3,
            sample_rate_hz: first.sample_rate,
            channels: first.channels,
            bits_per_sample: None,
        },
        duration_ms: Some(duration_ms),
        bitrate_kbps: Some(first.bitrate_kbps),
        audio_offset: at,
    }))
}

/// The frame count of a Xing/Info or VBRI header in the first frame.
fn vbr_frames(frame_bytes: &[u8], first: Frame) -> Option<u64> {
    // the offsets are small constants (at most 36 + 14)
    let xing = first.xing_offset();
    let tag = frame_bytes.get(xing..xing.saturating_add(4))?;
    if tag == b"Xing" || tag == b"Info" {
        let flags = be_u32(frame_bytes, xing.saturating_add(4))?;
        return (flags & 1 != 0)
            .then(|| be_u32(frame_bytes, xing.saturating_add(8)))
            .flatten()
            .map(u64::from);
    }
    if frame_bytes.get(36..40) == Some(b"VBRI") {
        return be_u32(frame_bytes, 50).map(u64::from);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mpeg1_layer3_128k_header_decodes() {
        let header = frame(&[0xFF, 0xFB, 0x90, 0x64]).unwrap();
        assert_eq!(
            (
                header.bitrate_kbps,
                header.sample_rate,
                header.channels,
                header.len
            ),
            (128, 44_100, 2, 417)
        );
    }

    #[test]
    fn mono_mpeg2_layer3_has_half_length_frames() {
        let header = frame(&[0xFF, 0xF3, 0x18, 0xC4]).unwrap();
        assert_eq!(
            (
                header.bitrate_kbps,
                header.sample_rate,
                header.channels,
                header.samples()
            ),
            (8, 16_000, 1, 576)
        );
    }

    #[test]
    fn reserved_values_are_not_frames() {
        assert!(frame(&[0xFF, 0xEB, 0x90, 0x64]).is_none()); // reserved version
        assert!(frame(&[0xFF, 0xFB, 0x9C, 0x64]).is_none()); // reserved sample rate
        assert!(frame(&[0xFF, 0xFB, 0xF0, 0x64]).is_none()); // bad bit rate
    }
}
