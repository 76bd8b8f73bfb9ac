//! The speech-analytics quality profile and the grade a recording gets against it.
//!
//! Genesys publishes no audio requirements for speech analytics (api-reference §7.2). The default
//! profile is the safe reading: stereo with agent and customer on separate channels, at least
//! 8 kHz, 16-bit linear PCM. A recording that falls short is still uploaded, graded archive-only.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An audio encoding exsync recognises in a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AudioEncoding {
    /// Linear PCM (WAV).
    Pcm,
    /// G.711 µ-law (WAV).
    Mulaw,
    /// G.711 A-law (WAV).
    Alaw,
    /// Opus (OGG).
    Opus,
    /// MPEG layer III.
    Mp3,
}

impl fmt::Display for AudioEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pcm => "pcm",
            Self::Mulaw => "mulaw",
            Self::Alaw => "alaw",
            Self::Opus => "opus",
            Self::Mp3 => "mp3",
        })
    }
}

/// What a recording must have to be graded for speech analytics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QualityProfile {
    /// The lowest sample rate, in Hz (default 8000).
    #[serde(default = "default_min_sample_rate")]
    pub min_sample_rate_hz: u32,
    /// The exact number of channels (default 2: agent and customer apart).
    #[serde(default = "default_channels")]
    pub channels: u16,
    /// The lowest bits per sample, checked for uncompressed encodings only (default 16).
    #[serde(default = "default_min_bits")]
    pub min_bits_per_sample: u16,
    /// The encodings accepted (default `["pcm"]`).
    #[serde(default = "default_encodings")]
    pub encodings: Vec<AudioEncoding>,
}

fn default_min_sample_rate() -> u32 {
    8000
}

fn default_channels() -> u16 {
    2
}

fn default_min_bits() -> u16 {
    16
}

fn default_encodings() -> Vec<AudioEncoding> {
    vec![AudioEncoding::Pcm]
}

impl Default for QualityProfile {
    fn default() -> Self {
        Self {
            min_sample_rate_hz: default_min_sample_rate(),
            channels: default_channels(),
            min_bits_per_sample: default_min_bits(),
            encodings: default_encodings(),
        }
    }
}

/// What the recording's header says about its audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AudioProperties {
    /// The encoding.
    pub encoding: AudioEncoding,
    /// Samples per second.
    pub sample_rate_hz: u32,
    /// Number of channels.
    pub channels: u16,
    /// Bits per sample; `None` for compressed encodings that have none.
    pub bits_per_sample: Option<u16>,
}

/// A recording's grade against the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    /// Good enough for speech analytics.
    SpeechAnalytics,
    /// Uploaded for archiving and quality review only, for these reasons.
    ArchiveOnly(Vec<Shortfall>),
}

/// Why a recording is archive-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortfall {
    /// The encoding is not in the profile.
    Encoding(AudioEncoding),
    /// The sample rate is too low.
    SampleRate {
        /// The recording's.
        actual: u32,
        /// The profile's minimum.
        minimum: u32,
    },
    /// The channel count differs.
    Channels {
        /// The recording's.
        actual: u16,
        /// The profile's.
        required: u16,
    },
    /// Too few bits per sample.
    BitsPerSample {
        /// The recording's.
        actual: u16,
        /// The profile's minimum.
        minimum: u16,
    },
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Encoding(encoding) => write!(f, "encoding {encoding} is not in the profile"),
            Self::SampleRate { actual, minimum } => {
                write!(f, "sample rate {actual} Hz is below {minimum} Hz")
            }
            Self::Channels { actual, required } => {
                write!(f, "{actual} channel(s) where {required} are required")
            }
            Self::BitsPerSample { actual, minimum } => {
                write!(f, "{actual} bits per sample is below {minimum}")
            }
        }
    }
}

impl QualityProfile {
    /// Grades a recording; pure.
    pub fn grade(&self, audio: &AudioProperties) -> Grade {
        let mut shortfalls = Vec::new();
        if !self.encodings.contains(&audio.encoding) {
            shortfalls.push(Shortfall::Encoding(audio.encoding));
        }
        if audio.sample_rate_hz < self.min_sample_rate_hz {
            let (actual, minimum) = (audio.sample_rate_hz, self.min_sample_rate_hz);
            shortfalls.push(Shortfall::SampleRate { actual, minimum });
        }
        if audio.channels != self.channels {
            let (actual, required) = (audio.channels, self.channels);
            shortfalls.push(Shortfall::Channels { actual, required });
        }
        if let Some(actual) = audio.bits_per_sample
            && actual < self.min_bits_per_sample
        {
            let minimum = self.min_bits_per_sample;
            shortfalls.push(Shortfall::BitsPerSample { actual, minimum });
        }
        if shortfalls.is_empty() {
            Grade::SpeechAnalytics
        } else {
            Grade::ArchiveOnly(shortfalls)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audio(
        encoding: AudioEncoding,
        rate: u32,
        channels: u16,
        bits: Option<u16>,
    ) -> AudioProperties {
        AudioProperties {
            encoding,
            sample_rate_hz: rate,
            channels,
            bits_per_sample: bits,
        }
    }

    #[test]
    fn stereo_16_bit_pcm_at_8_khz_meets_the_default_profile() {
        let grade = QualityProfile::default().grade(&audio(AudioEncoding::Pcm, 8000, 2, Some(16)));
        assert_eq!(grade, Grade::SpeechAnalytics);
    }

    #[test]
    fn mono_mulaw_is_archive_only_with_every_reason() {
        let grade = QualityProfile::default().grade(&audio(AudioEncoding::Mulaw, 8000, 1, Some(8)));
        let Grade::ArchiveOnly(reasons) = grade else {
            panic!("expected archive-only");
        };
        let text: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "encoding mulaw is not in the profile",
                "1 channel(s) where 2 are required",
                "8 bits per sample is below 16",
            ]
        );
    }

    #[test]
    fn compressed_audio_without_bit_depth_is_not_judged_on_bits() {
        let profile = QualityProfile {
            encodings: vec![AudioEncoding::Opus],
            ..QualityProfile::default()
        };
        let grade = profile.grade(&audio(AudioEncoding::Opus, 16000, 2, None));
        assert_eq!(grade, Grade::SpeechAnalytics);
    }

    #[test]
    fn a_low_sample_rate_is_a_shortfall() {
        let grade = QualityProfile::default().grade(&audio(AudioEncoding::Pcm, 6000, 2, Some(16)));
        let expected = Shortfall::SampleRate {
            actual: 6000,
            minimum: 8000,
        };
        assert_eq!(grade, Grade::ArchiveOnly(vec![expected]));
    }
}
