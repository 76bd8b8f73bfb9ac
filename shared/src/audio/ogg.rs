//! Ogg/Opus: the first page's `OpusHead` (channels, input sample rate, pre-skip) and the last
//! page's granule position (the duration, at Opus's fixed 48 kHz clock).
//!
//! Every page read is checked against its CRC, so an `OggS` inside the audio is never taken for a
//! page. The last page must end exactly at the end of the file; otherwise the file is truncated.
//! Ogg streams of other codecs (Vorbis, FLAC, Speex) are refused by name.

use super::read::{duration_ms, le_u16, le_u32, le_u64};
use super::{AudioInfo, Container, Inspection, Rejection, Sample, TAIL_BYTES, need_head};
use crate::mapping::{AudioEncoding, AudioProperties};

/// Opus granule positions count 48 kHz samples, whatever the input rate was.
const OPUS_CLOCK_HZ: u64 = 48_000;
/// The fixed part of a page header.
const PAGE_HEADER: usize = 27;
/// Header-type flag of a stream's first page.
const BEGIN_OF_STREAM: u8 = 0x02;

/// One Ogg page, as far as exsync needs it.
#[derive(Debug, Clone, Copy)]
struct Page<'a> {
    header_type: u8,
    granule: u64,
    serial: u32,
    /// the lacing values
    segments: &'a [u8],
    /// the payload
    body: &'a [u8],
    /// header plus payload
    len: usize,
}

/// How much of a page at `at` is there: the page, or the bytes it needs, or not a page at all.
enum Found<'a> {
    Page(Page<'a>),
    Needs(usize),
    NotAPage,
}

fn page_at(bytes: &[u8], at: usize) -> Found<'_> {
    let rest = bytes.get(at..).unwrap_or_default();
    // `at` is inside `bytes`, so every length below is at most `bytes.len()` + 65,307
    let needs = |len: usize| Found::Needs(at.saturating_add(len));
    if rest.len() >= 4 && !rest.starts_with(b"OggS") {
        return Found::NotAPage;
    }
    let (Some(&version), Some(&header_type), Some(&count)) =
        (rest.get(4), rest.get(5), rest.get(26))
    else {
        return needs(PAGE_HEADER);
    };
    if version != 0 {
        return Found::NotAPage; // only stream structure version 0 exists
    }
    let header_len = PAGE_HEADER.saturating_add(usize::from(count));
    let Some(segments) = rest.get(PAGE_HEADER..header_len) else {
        return needs(header_len);
    };
    // at most 255 lacing values of at most 255 each
    let body_len = segments
        .iter()
        .fold(0usize, |sum, &s| sum.saturating_add(usize::from(s)));
    let len = header_len.saturating_add(body_len);
    let Some(page) = rest.get(..len) else {
        return needs(len);
    };
    if le_u32(page, 22) != Some(crc(page)) {
        return Found::NotAPage;
    }
    Found::Page(Page {
        header_type,
        granule: le_u64(page, 6).unwrap_or(u64::MAX),
        serial: le_u32(page, 14).unwrap_or(0),
        segments,
        body: page.get(header_len..).unwrap_or_default(),
        len,
    })
}

/// The Ogg CRC-32 (polynomial 0x04C11DB7, no reflection), with the CRC field taken as zero.
fn crc(page: &[u8]) -> u32 {
    let mut crc: u32 = 0;
    for (i, &byte) in page.iter().enumerate() {
        let byte = if (22..26).contains(&i) { 0 } else { byte };
        let [top, ..] = crc.to_be_bytes();
        #[allow(clippy::indexing_slicing)] // a `u8` always indexes a 256-entry table
        let entry = CRC_TABLE[usize::from(top ^ byte)];
        crc = (crc << 8) ^ entry;
    }
    crc
}

const CRC_TABLE: [u32; 256] = crc_table();

#[allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::indexing_slicing
)] // a constant, computed at compile time: an overflow here fails the build
const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut r = (i as u32) << 24;
        let mut bit = 0;
        while bit < 8 {
            r = if r & 0x8000_0000 != 0 {
                (r << 1) ^ 0x04C1_1DB7
            } else {
                r << 1
            };
            bit += 1;
        }
        table[i] = r;
        i += 1;
    }
    table
}

/// What `OpusHead` says.
#[derive(Debug, Clone, Copy)]
struct OpusHead {
    channels: u8,
    pre_skip: u16,
    input_rate: u32,
}

/// Inspects a file that starts with `OggS`.
pub(super) fn inspect(sample: &Sample<'_>) -> Result<Inspection, Rejection> {
    let first = match page_at(sample.head, 0) {
        Found::Page(page) => page,
        Found::Needs(n) => return need_head(sample, n as u64, "the first Ogg page"),
        Found::NotAPage => {
            return Err(Rejection::Malformed(
                "the first Ogg page is damaged (bad header or checksum)".into(),
            ));
        }
    };
    if first.header_type & BEGIN_OF_STREAM == 0 {
        return Err(Rejection::Malformed(
            "the first Ogg page does not begin a stream".into(),
        ));
    }
    let head = opus_head(first_packet(&first))?;
    let Some(end) = sample.end() else {
        return Ok(Inspection::NeedTail(TAIL_BYTES.min(sample.size)));
    };
    let granule = last_granule(end, first.serial)?;
    let samples = granule.saturating_sub(u64::from(head.pre_skip));
    let duration_ms = duration_ms(
        samples,
        OPUS_CLOCK_HZ,
        "the last Ogg page's granule position",
    )?;
    Ok(Inspection::Known(AudioInfo {
        container: Container::Ogg,
        properties: AudioProperties {
            encoding: AudioEncoding::Opus,
            // an input rate of 0 means "unknown"; Opus itself always runs at 48 kHz
            sample_rate_hz: if head.input_rate == 0 {
                48_000
            } else {
                head.input_rate
            },
            channels: u16::from(head.channels),
            bits_per_sample: None,
        },
        duration_ms: Some(duration_ms),
        bitrate_kbps: None,
        audio_offset: u64::try_from(first.len).unwrap_or(u64::MAX),
    }))
}

/// The first packet on a page (the lacing values up to the first one below 255).
fn first_packet<'a>(page: &Page<'a>) -> &'a [u8] {
    let mut len = 0usize;
    for &lace in page.segments {
        len = len.saturating_add(usize::from(lace));
        if lace < 255 {
            break;
        }
    }
    page.body.get(..len).unwrap_or(page.body)
}

fn opus_head(packet: &[u8]) -> Result<OpusHead, Rejection> {
    let codec = if packet.starts_with(b"OpusHead") {
        None
    } else if packet.starts_with(b"\x01vorbis") {
        Some("Ogg Vorbis")
    } else if packet.starts_with(b"\x7fFLAC") {
        Some("Ogg FLAC")
    } else if packet.starts_with(b"Speex   ") {
        Some("Ogg Speex")
    } else {
        Some("an Ogg stream of an unknown codec")
    };
    if let Some(codec) = codec {
        return Err(Rejection::Unsupported(format!(
            "{codec}; only Opus is uploaded in Ogg"
        )));
    }
    let (Some(&version), Some(&channels), true) =
        (packet.get(8), packet.get(9), packet.len() >= 19)
    else {
        return Err(Rejection::Malformed(format!(
            "OpusHead is {} bytes, at least 19 expected",
            packet.len()
        )));
    };
    if version >> 4 != 0 {
        return Err(Rejection::Unsupported(format!(
            "Opus header version {version}"
        )));
    }
    if channels == 0 {
        return Err(Rejection::Malformed("OpusHead declares 0 channels".into()));
    }
    Ok(OpusHead {
        channels,
        pre_skip: le_u16(packet, 10).unwrap_or(0),
        input_rate: le_u32(packet, 12).unwrap_or(0),
    })
}

/// The granule position of the stream's last page in `end` (the file's last bytes), which must
/// end exactly where the file does.
fn last_granule(end: &[u8], serial: u32) -> Result<u64, Rejection> {
    let mut last: Option<(usize, Page<'_>)> = None;
    let mut at = 0;
    while let Some(found) = find_sync(end, at) {
        // a page found at `found` lies inside `end`, so neither sum passes `end.len()`
        at = match page_at(end, found) {
            Found::Page(page) if page.serial == serial => {
                last = Some((found, page));
                found.saturating_add(page.len)
            }
            _ => found.saturating_add(1),
        };
    }
    let Some((start, page)) = last else {
        return Err(Rejection::Truncated(
            "no complete Ogg page at the end of the file".into(),
        ));
    };
    let unfinished = end.len().saturating_sub(start.saturating_add(page.len));
    if unfinished != 0 {
        return Err(Rejection::Truncated(format!(
            "the file ends {unfinished} bytes into an unfinished Ogg page"
        )));
    }
    if page.granule == u64::MAX {
        return Err(Rejection::Malformed(
            "the last Ogg page has no granule position".into(),
        ));
    }
    Ok(page.granule)
}

fn find_sync(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(4)
        .position(|w| w == b"OggS")
        .map(|p| p.saturating_add(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_of_the_empty_page_prefix_is_zero_and_the_table_is_the_ogg_one() {
        assert_eq!(CRC_TABLE[1], 0x04C1_1DB7);
        assert_eq!(crc(&[]), 0);
    }

    #[test]
    fn a_vorbis_stream_is_refused_by_name() {
        let error = opus_head(b"\x01vorbis\0\0\0\0").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unsupported: Ogg Vorbis; only Opus is uploaded in Ogg"
        );
    }
}
