//! WAV (`RIFF`/`WAVE`): walks the chunks up to `data`, reading `fmt `.
//!
//! Accepted: linear PCM (format tag 1), A-law (6), µ-law (7), directly or as
//! `WAVE_FORMAT_EXTENSIBLE` (0xFFFE) with the standard sub-format GUID; any other chunks (`LIST`,
//! `fact`, `bext`, `JUNK`, `cue `, ...) before or after `fmt `, odd chunk sizes with their pad
//! byte, and a `data` size of 0 or 0xFFFFFFFF from streaming writers (the rest of the file is then
//! the audio). Refused: a `data` chunk longer than the file (truncated), `data` before `fmt `, a
//! `fmt ` that contradicts itself, and other encodings (float, ADPCM, GSM, MP3-in-WAV, ...).

use super::read::{duration_ms, le_u16, le_u32, printable};
use super::{AudioInfo, Container, Inspection, Rejection, Sample, need_head};
use crate::mapping::{AudioEncoding, AudioProperties};

/// The tail of the sub-format GUID every `WAVE_FORMAT_EXTENSIBLE` encoding shares
/// (`XXXXXXXX-0000-0010-8000-00AA00389B71`, the first two bytes being the format tag).
const GUID_TAIL: [u8; 14] = [
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
];
const EXTENSIBLE: u16 = 0xFFFE;
/// A `fmt ` chunk longer than this is not a format header.
const MAX_FMT_LEN: u32 = 1024;

/// The parts of `fmt ` the grade needs.
#[derive(Debug, Clone, Copy)]
struct Format {
    encoding: AudioEncoding,
    channels: u16,
    sample_rate: u32,
    block_align: u16,
    bits: u16,
}

/// Inspects a file that starts with `RIFF....WAVE`.
pub(super) fn inspect(sample: &Sample<'_>) -> Result<Inspection, Rejection> {
    let head = sample.head;
    let mut pos: u64 = 12;
    let mut format: Option<Format> = None;
    loop {
        // `pos` only moves past chunks the head holds, plus at most 4 GiB: far from `u64::MAX`
        let body = pos.saturating_add(8);
        if body > sample.size {
            let missing = if format.is_none() { "fmt " } else { "data" };
            return Err(Rejection::Truncated(format!(
                "the file ends before a `{missing}` chunk"
            )));
        }
        let Some((id, len)) = chunk_header(head, pos) else {
            return need_head(sample, body, "a chunk header");
        };
        if !id.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            return Err(Rejection::Malformed(format!(
                "the chunk at byte {pos} has no valid id ({})",
                printable(&id)
            )));
        }
        match &id {
            b"fmt " => {
                if !(16..=MAX_FMT_LEN).contains(&len) {
                    return Err(Rejection::Malformed(format!(
                        "the fmt chunk is {len} bytes; a format header is 16 to {MAX_FMT_LEN}"
                    )));
                }
                let end = body.saturating_add(u64::from(len));
                if end > sample.size {
                    return Err(Rejection::Truncated(
                        "the file ends inside the fmt chunk".into(),
                    ));
                }
                let Some(bytes) = slice(head, body, end) else {
                    return need_head(sample, end, "the fmt chunk");
                };
                format = Some(parse_format(bytes)?);
            }
            b"data" => {
                let Some(format) = format else {
                    return Err(Rejection::Malformed(
                        "the data chunk comes before the fmt chunk".into(),
                    ));
                };
                return data(sample, format, body, len).map(Inspection::Known);
            }
            _ => {}
        }
        pos = body
            .saturating_add(u64::from(len))
            .saturating_add(u64::from(len & 1));
    }
}

/// The id and length of the chunk at `pos`, if the head holds its header.
fn chunk_header(head: &[u8], pos: u64) -> Option<([u8; 4], u32)> {
    let at = usize::try_from(pos).ok()?;
    let id = head.get(at..at.checked_add(4)?)?.try_into().ok()?;
    let len = le_u32(head, at.checked_add(4)?)?;
    Some((id, len))
}

fn slice(head: &[u8], from: u64, to: u64) -> Option<&[u8]> {
    head.get(usize::try_from(from).ok()?..usize::try_from(to).ok()?)
}

/// The audio's properties once `data` is found at `body` with the declared `len`.
fn data(sample: &Sample<'_>, format: Format, body: u64, len: u32) -> Result<AudioInfo, Rejection> {
    let available = sample.size.saturating_sub(body); // the caller checked `body <= size`
    let declared = u64::from(len);
    let bytes = if len == u32::MAX || (len == 0 && available > 0) {
        available // a streaming writer that never came back to fill in the size
    } else if declared > available {
        return Err(Rejection::Truncated(format!(
            "the data chunk declares {declared} bytes but the file holds {available} after its header"
        )));
    } else {
        declared
    };
    if bytes < u64::from(format.block_align) {
        return Err(Rejection::Truncated(
            "the file ends before any audio (the data chunk is empty)".into(),
        ));
    }
    // a 16-bit block align at a 32-bit rate: at most 2^48 bytes a second, 2^51 bits
    let bytes_per_second =
        u64::from(format.block_align).saturating_mul(u64::from(format.sample_rate));
    let frames = bytes
        .checked_div(u64::from(format.block_align))
        .unwrap_or(0);
    let duration_ms = duration_ms(
        frames,
        u64::from(format.sample_rate),
        "the WAV data chunk's frame count",
    )?;
    Ok(AudioInfo {
        container: Container::Wav,
        properties: AudioProperties {
            encoding: format.encoding,
            sample_rate_hz: format.sample_rate,
            channels: format.channels,
            bits_per_sample: Some(format.bits),
        },
        duration_ms: Some(duration_ms),
        bitrate_kbps: Some(
            u32::try_from(bytes_per_second.saturating_mul(8) / 1000).unwrap_or(u32::MAX),
        ),
        audio_offset: body,
    })
}

/// Reads a `fmt ` chunk's body.
fn parse_format(fmt: &[u8]) -> Result<Format, Rejection> {
    let field = |at| le_u16(fmt, at).unwrap_or(0);
    let mut tag = field(0);
    let channels = field(2);
    let sample_rate = le_u32(fmt, 4).unwrap_or(0);
    let block_align = field(12);
    let container_bits = field(14);
    let mut bits = container_bits;
    if tag == EXTENSIBLE {
        let (sub_tag, valid_bits) = extensible(fmt)?;
        tag = sub_tag;
        if valid_bits != 0 {
            if valid_bits > container_bits {
                return Err(Rejection::Malformed(format!(
                    "{valid_bits} valid bits do not fit in {container_bits}-bit samples"
                )));
            }
            bits = valid_bits;
        }
    }
    let encoding = encoding(tag)?;
    if channels == 0 {
        return Err(Rejection::Malformed(
            "the fmt chunk declares 0 channels".into(),
        ));
    }
    if sample_rate == 0 {
        return Err(Rejection::Malformed(
            "the fmt chunk declares a sample rate of 0".into(),
        ));
    }
    let width = match encoding {
        AudioEncoding::Pcm if (1..=32).contains(&container_bits) => container_bits.div_ceil(8),
        AudioEncoding::Alaw | AudioEncoding::Mulaw if container_bits == 8 => 1,
        _ => {
            return Err(Rejection::Malformed(format!(
                "{container_bits} bits per sample is not valid for {encoding}"
            )));
        }
    };
    if u32::from(block_align) != u32::from(channels).saturating_mul(u32::from(width)) {
        return Err(Rejection::Malformed(format!(
            "block align {block_align} does not match {channels} channel(s) of {container_bits} bits"
        )));
    }
    Ok(Format {
        encoding,
        channels,
        sample_rate,
        block_align,
        bits,
    })
}

/// The real format tag and the valid bits of a `WAVE_FORMAT_EXTENSIBLE` header.
fn extensible(fmt: &[u8]) -> Result<(u16, u16), Rejection> {
    let cb_size = le_u16(fmt, 16).unwrap_or(0);
    if cb_size < 22 || fmt.len() < 40 {
        return Err(Rejection::Malformed(format!(
            "WAVE_FORMAT_EXTENSIBLE needs 22 extension bytes; the fmt chunk has {}",
            fmt.len().saturating_sub(18).min(usize::from(cb_size))
        )));
    }
    let valid_bits = le_u16(fmt, 18).unwrap_or(0);
    let (Some(sub_tag), Some(guid_tail)) = (le_u16(fmt, 24), fmt.get(26..40)) else {
        return Err(Rejection::Malformed(
            "WAVE_FORMAT_EXTENSIBLE needs a 16-byte sub-format GUID".into(),
        ));
    };
    if guid_tail != GUID_TAIL {
        return Err(Rejection::Unsupported(
            "a WAVE_FORMAT_EXTENSIBLE sub-format that is not a standard format tag".into(),
        ));
    }
    Ok((sub_tag, valid_bits))
}

/// The encoding of a format tag, or why it is refused.
fn encoding(tag: u16) -> Result<AudioEncoding, Rejection> {
    let name = match tag {
        1 => return Ok(AudioEncoding::Pcm),
        6 => return Ok(AudioEncoding::Alaw),
        7 => return Ok(AudioEncoding::Mulaw),
        2 => "Microsoft ADPCM",
        3 => "IEEE float",
        0x11 => "IMA ADPCM",
        0x31 => "GSM 6.10",
        0x50 => "MPEG layer I/II in WAV",
        0x55 => "MPEG layer III in WAV",
        _ => {
            return Err(Rejection::Unsupported(format!(
                "WAV encoding with format tag 0x{tag:04x}; pcm, mulaw and alaw are"
            )));
        }
    };
    Err(Rejection::Unsupported(format!(
        "{name} WAV (format tag 0x{tag:04x}); pcm, mulaw and alaw are"
    )))
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)] // test code: an overflow is a failed test
mod tests {
    use super::*;

    fn fmt(tag: u16, channels: u16, rate: u32, align: u16, bits: u16) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&channels.to_le_bytes());
        out.extend_from_slice(&rate.to_le_bytes());
        out.extend_from_slice(&(rate * u32::from(align)).to_le_bytes());
        out.extend_from_slice(&align.to_le_bytes());
        out.extend_from_slice(&bits.to_le_bytes());
        out
    }

    #[test]
    fn mulaw_reports_eight_bits() {
        let format = parse_format(&fmt(7, 1, 8000, 1, 8)).unwrap();
        assert_eq!((format.encoding, format.bits), (AudioEncoding::Mulaw, 8));
    }

    #[test]
    fn a_block_align_that_contradicts_the_channels_is_malformed() {
        let error = parse_format(&fmt(1, 2, 8000, 2, 16)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "malformed: block align 2 does not match 2 channel(s) of 16 bits"
        );
    }

    #[test]
    fn float_is_named_when_refused() {
        let error = parse_format(&fmt(3, 1, 8000, 4, 32)).unwrap_err();
        assert!(error.to_string().contains("IEEE float"), "{error}");
    }
}
