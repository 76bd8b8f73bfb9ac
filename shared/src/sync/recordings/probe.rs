//! Reading just enough of a recording for [`crate::audio::inspect`]: the first 64 KiB, more of
//! the start when a WAV has big leading chunks or an MP3 a big ID3 tag, and the last 64 KiB for an
//! Ogg file's duration. At most [`crate::audio::MAX_HEAD_BYTES`] are ever held.

use bytes::{Bytes, BytesMut};

use super::source::{ObjectMeta, ObjectSource, SourceError};
use crate::audio::{AudioInfo, HEAD_BYTES, Inspection, Rejection, Sample, inspect};

/// The most reads one probe makes before giving up (a well-formed file needs at most three).
const MAX_READS: usize = 8;

/// What probing found, and how many bytes it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probed {
    /// The audio's properties, or why the file is refused.
    pub result: Result<AudioInfo, Rejection>,
    /// Bytes read from the object.
    pub bytes_read: u64,
}

/// Inspects the object's header with ranged reads.
///
/// # Errors
/// Read failures; a refused file is `Ok` with a [`Rejection`] in [`Probed::result`].
pub async fn probe(
    source: &ObjectSource,
    bucket: &str,
    key: &str,
    meta: &ObjectMeta,
) -> Result<Probed, SourceError> {
    let size = meta.size;
    let read = |range| source.range(bucket, key, &meta.etag, range);
    let mut head = BytesMut::new();
    let mut tail: Option<Bytes> = None;
    let mut bytes_read = 0u64;
    let first = HEAD_BYTES.min(size);
    if first > 0 {
        let chunk = read(0..first).await?;
        bytes_read += chunk.len() as u64;
        head.extend_from_slice(&chunk);
    }
    for _ in 0..MAX_READS {
        let sample = Sample {
            head: &head,
            tail: tail.as_deref(),
            size,
        };
        let next = match inspect(&sample) {
            Ok(Inspection::Known(info)) => {
                return Ok(Probed {
                    result: Ok(info),
                    bytes_read,
                });
            }
            Err(rejection) => {
                return Ok(Probed {
                    result: Err(rejection),
                    bytes_read,
                });
            }
            Ok(next) => next,
        };
        match next {
            Inspection::NeedHead(n) if n > head.len() as u64 => {
                let chunk = read(head.len() as u64..n.min(size)).await?;
                bytes_read += chunk.len() as u64;
                if chunk.is_empty() {
                    break;
                }
                head.extend_from_slice(&chunk);
            }
            Inspection::NeedTail(n) if tail.is_none() => {
                let n = n.min(size);
                let chunk = read(size - n..size).await?;
                bytes_read += chunk.len() as u64;
                tail = Some(chunk);
            }
            _ => break,
        }
    }
    Ok(Probed {
        result: Err(Rejection::Malformed(format!(
            "the header could not be read in {MAX_READS} ranged reads"
        ))),
        bytes_read,
    })
}
