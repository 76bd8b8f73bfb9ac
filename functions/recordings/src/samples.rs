//! Generated recordings for the examples, the tests and the benchmark: WAV files of two tones
//! taking turns, the customer (440 Hz) on the left channel and the agent (660 Hz) on the right,
//! as 16-bit PCM or G.711 µ-law.
//!
//! [`ToneSpec::chunks`] yields a file of any size as a sequence of chunks, so a 1 GB recording can
//! be uploaded to S3 without ever being in memory.

use bytes::Bytes;

/// How samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleFormat {
    /// 16-bit linear PCM
    Pcm16,
    /// 8-bit G.711 µ-law
    Mulaw,
}

/// The shape of a generated WAV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToneSpec {
    /// 1 (both parties mixed) or 2 (customer left, agent right)
    pub channels: u16,
    /// samples per second
    pub sample_rate: u32,
    /// sample storage
    pub format: SampleFormat,
}

/// Each party talks for this long, then the other.
const TURN_MS: u64 = 600;
const AMPLITUDE: f64 = 9000.0;

impl ToneSpec {
    /// Bytes per frame (one sample of every channel).
    pub fn block_align(&self) -> u16 {
        let width = match self.format {
            SampleFormat::Pcm16 => 2,
            SampleFormat::Mulaw => 1,
        };
        self.channels * width
    }

    /// Audio bytes for `millis` of sound.
    pub fn data_len(&self, millis: u64) -> u64 {
        u64::from(self.sample_rate) * millis / 1000 * u64::from(self.block_align())
    }

    /// The 44-byte header (`RIFF`, `fmt `, `data`) of a file with `data_len` audio bytes.
    pub fn header(&self, data_len: u32) -> Vec<u8> {
        let (tag, bits): (u16, u16) = match self.format {
            SampleFormat::Pcm16 => (1, 16),
            SampleFormat::Mulaw => (7, 8),
        };
        let align = self.block_align();
        let mut out = Vec::with_capacity(44);
        out.extend(b"RIFF");
        out.extend((36 + data_len + (data_len & 1)).to_le_bytes());
        out.extend(b"WAVEfmt ");
        out.extend(16u32.to_le_bytes());
        out.extend(tag.to_le_bytes());
        out.extend(self.channels.to_le_bytes());
        out.extend(self.sample_rate.to_le_bytes());
        out.extend((self.sample_rate * u32::from(align)).to_le_bytes());
        out.extend(align.to_le_bytes());
        out.extend(bits.to_le_bytes());
        out.extend(b"data");
        out.extend(data_len.to_le_bytes());
        out
    }

    /// `count` frames starting at frame `first`.
    pub fn frames(&self, first: u64, count: u64) -> Vec<u8> {
        let mut out = Vec::with_capacity((count * u64::from(self.block_align())) as usize);
        for frame in first..first + count {
            let ms = frame * 1000 / u64::from(self.sample_rate);
            let customer_turn = (ms / TURN_MS).is_multiple_of(2);
            let t = frame as f64 / f64::from(self.sample_rate);
            let customer = tone(t, 440.0, customer_turn);
            let agent = tone(t, 660.0, !customer_turn);
            let samples: &[i16] = if self.channels == 1 {
                &[customer.saturating_add(agent)]
            } else {
                &[customer, agent]
            };
            for &sample in samples.iter().take(usize::from(self.channels)) {
                match self.format {
                    SampleFormat::Pcm16 => out.extend(sample.to_le_bytes()),
                    SampleFormat::Mulaw => out.push(mulaw(sample)),
                }
            }
        }
        out
    }

    /// A whole file of `millis` of sound.
    pub fn wav(&self, millis: u64) -> Vec<u8> {
        let data_len = self.data_len(millis);
        let frames = data_len / u64::from(self.block_align());
        let mut out = self.header(u32::try_from(data_len).unwrap_or(u32::MAX));
        out.extend(self.frames(0, frames));
        out
    }

    /// A file of exactly `total` bytes (header included), as chunks of about `chunk` bytes.
    pub fn chunks(&self, total: u64, chunk: usize) -> impl Iterator<Item = Bytes> + use<> {
        let spec = *self;
        let align = u64::from(self.block_align());
        let data_len = total.saturating_sub(44) / align * align;
        let frames_per_chunk = (chunk as u64 / align).max(1);
        let mut header = Some(Bytes::from(
            spec.header(u32::try_from(data_len).unwrap_or(u32::MAX)),
        ));
        let mut next_frame = 0u64;
        let frames = data_len / align;
        let padding = total.saturating_sub(44 + data_len);
        let mut tail = (padding > 0).then(|| Bytes::from(vec![0u8; padding as usize]));
        std::iter::from_fn(move || {
            if let Some(h) = header.take() {
                return Some(h);
            }
            if next_frame < frames {
                let count = frames_per_chunk.min(frames - next_frame);
                let bytes = spec.frames(next_frame, count);
                next_frame += count;
                return Some(Bytes::from(bytes));
            }
            tail.take()
        })
    }
}

fn tone(t: f64, hz: f64, talking: bool) -> i16 {
    if !talking {
        return 0;
    }
    (AMPLITUDE * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16
}

/// G.711 µ-law encoding of one 16-bit sample.
pub fn mulaw(sample: i16) -> u8 {
    const BIAS: i32 = 0x84;
    const CLIP: i32 = 32_635;
    let mut value = i32::from(sample);
    let sign = if value < 0 {
        value = -value;
        0x80
    } else {
        0
    };
    value = value.min(CLIP) + BIAS;
    let mut exponent = 7;
    let mut mask = 0x4000;
    while exponent > 0 && value & mask == 0 {
        exponent -= 1;
        mask >>= 1;
    }
    let mantissa = (value >> (exponent + 3)) & 0x0F;
    !((sign | (exponent << 4) | mantissa) as u8)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn silence_and_full_scale_encode_to_the_g711_values() {
        assert_eq!(mulaw(0), 0xFF);
        assert_eq!(mulaw(32_767), 0x80);
        assert_eq!(mulaw(-32_768), 0x00);
    }

    #[test]
    fn chunks_add_up_to_the_requested_size() {
        let spec = ToneSpec {
            channels: 2,
            sample_rate: 8000,
            format: SampleFormat::Pcm16,
        };

        let total: usize = spec.chunks(100_003, 4096).map(|c| c.len()).sum();

        assert_eq!(total, 100_003);
    }
}
