//! Valid recordings built byte by byte, with every header field a parameter, so a test can set
//! any field to an extreme value and still get past the checks in front of it (Ogg pages get a
//! correct CRC; WAV and MP3 headers are otherwise well formed).

/// A RIFF `WAVE` file: the given chunks after the 12-byte RIFF header.
pub fn riff(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut body = b"WAVE".to_vec();
    for (id, data) in chunks {
        body.extend_from_slice(*id);
        body.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
        body.extend_from_slice(data);
        if data.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut file = b"RIFF".to_vec();
    file.extend_from_slice(&u32::try_from(body.len()).unwrap().to_le_bytes());
    file.extend(body);
    file
}

/// The 16-byte body of a `fmt ` chunk.
pub fn fmt_body(tag: u16, channels: u16, rate: u32, align: u16, bits: u16) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&tag.to_le_bytes());
    out.extend_from_slice(&channels.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&rate.wrapping_mul(u32::from(align)).to_le_bytes());
    out.extend_from_slice(&align.to_le_bytes());
    out.extend_from_slice(&bits.to_le_bytes());
    out
}

/// A PCM WAV whose `data` chunk header declares `declared` bytes and holds `audio` bytes of
/// silence (a streaming writer declares `u32::MAX`).
pub fn wav(fmt: &[u8], declared: u32, audio: usize) -> Vec<u8> {
    let mut file = riff(&[(b"fmt ", fmt)]);
    file.extend_from_slice(b"data");
    file.extend_from_slice(&declared.to_le_bytes());
    file.resize(file.len() + audio, 0);
    file
}

/// A plain 8 kHz mono 16-bit PCM WAV of `audio` bytes.
pub fn plain_wav(audio: usize) -> Vec<u8> {
    wav(
        &fmt_body(1, 1, 8000, 2, 16),
        u32::try_from(audio).unwrap(),
        audio,
    )
}

/// The Ogg CRC-32: polynomial 0x04C11DB7, most significant bit first, initial value 0.
pub fn ogg_crc(bytes: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &byte in bytes {
        crc ^= u32::from(byte) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ 0x04C1_1DB7
            };
        }
    }
    crc
}

/// One Ogg page holding whole `packets`.
pub fn ogg_page(
    header_type: u8,
    granule: u64,
    serial: u32,
    seq: u32,
    packets: &[&[u8]],
) -> Vec<u8> {
    let mut lacing = Vec::new();
    for packet in packets {
        lacing.extend(std::iter::repeat_n(255u8, packet.len() / 255));
        lacing.push(u8::try_from(packet.len() % 255).unwrap());
    }
    let mut page = b"OggS\0".to_vec();
    page.push(header_type);
    page.extend_from_slice(&granule.to_le_bytes());
    page.extend_from_slice(&serial.to_le_bytes());
    page.extend_from_slice(&seq.to_le_bytes());
    page.extend_from_slice(&[0; 4]);
    page.push(u8::try_from(lacing.len()).unwrap());
    page.extend(lacing);
    for packet in packets {
        page.extend_from_slice(packet);
    }
    reseal_page(&mut page, 0);
    page
}

/// Writes the CRC of the page at `at`, if a whole page header and body are there.
fn reseal_page(bytes: &mut [u8], at: usize) -> Option<usize> {
    let count = usize::from(*bytes.get(at + 26)?);
    let lacing = bytes.get(at + 27..at + 27 + count)?;
    let len = 27 + count + lacing.iter().map(|&l| usize::from(l)).sum::<usize>();
    let page = bytes.get_mut(at..at + len)?;
    page[22..26].fill(0);
    let crc = ogg_crc(page);
    page[22..26].copy_from_slice(&crc.to_le_bytes());
    Some(len)
}

/// Recomputes the CRC of every page found at an `OggS`, so byte mutations inside pages reach the
/// parser instead of stopping at the checksum.
pub fn reseal(bytes: &mut [u8]) {
    let mut at = 0;
    while at + 4 <= bytes.len() {
        if &bytes[at..at + 4] == b"OggS" {
            at += reseal_page(bytes, at).unwrap_or(1);
        } else {
            at += 1;
        }
    }
}

/// An `OpusHead` packet (version 1, mapping family 0).
pub fn opus_head(channels: u8, pre_skip: u16, input_rate: u32) -> Vec<u8> {
    let mut packet = b"OpusHead\x01".to_vec();
    packet.push(channels);
    packet.extend_from_slice(&pre_skip.to_le_bytes());
    packet.extend_from_slice(&input_rate.to_le_bytes());
    packet.extend_from_slice(&[0, 0, 0]); // output gain, mapping family
    packet
}

/// An Ogg/Opus file: `OpusHead`, `OpusTags`, and one audio page whose granule position is
/// `last_granule`.
pub fn opus(channels: u8, pre_skip: u16, input_rate: u32, last_granule: u64) -> Vec<u8> {
    let serial = 0x5EED;
    let tags = b"OpusTags\x04\0\0\0test\0\0\0\0";
    [
        ogg_page(
            0x02,
            0,
            serial,
            0,
            &[&opus_head(channels, pre_skip, input_rate)],
        ),
        ogg_page(0x00, 0, serial, 1, &[tags]),
        ogg_page(0x04, last_granule, serial, 2, &[&[0xFC; 40]]),
    ]
    .concat()
}

/// An MPEG-1 layer III frame header: 128 kbit/s, 44.1 kHz, stereo; frames are 417 bytes.
pub const MP3_HEADER: [u8; 4] = [0xFF, 0xFB, 0x90, 0x64];
/// The length of a frame with [`MP3_HEADER`].
pub const MP3_FRAME: usize = 417;

/// `count` silent MP3 frames; with `xing`, the first holds a Xing header with that frame count.
pub fn mp3(count: usize, xing: Option<u32>) -> Vec<u8> {
    let mut frame = MP3_HEADER.to_vec();
    frame.resize(MP3_FRAME, 0);
    let mut file = frame.repeat(count.max(1));
    if let Some(frames) = xing {
        let at = 4 + 32; // after the header and MPEG-1 stereo side information
        file[at..at + 4].copy_from_slice(b"Xing");
        file[at + 4..at + 8].copy_from_slice(&1u32.to_be_bytes());
        file[at + 8..at + 12].copy_from_slice(&frames.to_be_bytes());
    }
    file
}

/// An ID3v2.4 tag with a `body_len`-byte body in front of `audio`.
pub fn with_id3(body_len: u32, audio: &[u8]) -> Vec<u8> {
    let synchsafe = [21, 14, 7, 0].map(|shift| u8::try_from((body_len >> shift) & 0x7F).unwrap());
    let mut file = b"ID3\x04\0\0".to_vec();
    file.extend_from_slice(&synchsafe);
    file.resize(10 + usize::try_from(body_len).unwrap(), 0);
    file.extend_from_slice(audio);
    file
}
