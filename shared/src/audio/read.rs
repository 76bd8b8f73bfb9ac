//! Little helpers for reading fixed-width integers out of a byte slice, and for turning them into
//! durations, without panicking.

use super::Rejection;

/// The little-endian `u16` at `at`, if the slice holds it.
pub(super) fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

/// The little-endian `u32` at `at`, if the slice holds it.
pub(super) fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

/// The little-endian `u64` at `at`, if the slice holds it.
pub(super) fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(b.try_into().ok()?))
}

/// The big-endian `u32` at `at`, if the slice holds it.
pub(super) fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(b.try_into().ok()?))
}

/// `count` ticks of a `per_second` clock, in whole milliseconds.
///
/// # Errors
///
/// [`Rejection::OutOfRange`] on `field` when the product overflows (or the clock is 0, which the
/// callers have already refused).
pub(super) fn duration_ms(
    count: u64,
    per_second: u64,
    field: &'static str,
) -> Result<u64, Rejection> {
    count
        .checked_mul(1000)
        .and_then(|scaled| scaled.checked_div(per_second))
        .ok_or(Rejection::OutOfRange {
            field,
            value: count,
            problem: "overflows a duration in milliseconds",
        })
}

/// Four bytes as text for a message: ASCII as is, anything else as `\xNN`.
pub(super) fn printable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_past_the_end_are_none_not_panics() {
        let bytes = [1, 2, 3];
        assert_eq!(le_u16(&bytes, 1), Some(0x0302));
        assert_eq!(le_u16(&bytes, 2), None);
        assert_eq!(le_u32(&bytes, usize::MAX), None);
        assert_eq!(be_u32(&[0, 0, 1, 0], 0), Some(256));
    }

    #[test]
    fn a_duration_that_overflows_is_out_of_range_on_its_field_not_wrapped() {
        assert_eq!(duration_ms(96_000, 48_000, "granule"), Ok(2000));
        assert_eq!(
            duration_ms(u64::MAX / 999, 48_000, "the granule").map_err(|e| e.to_string()),
            Err(format!(
                "malformed: the granule {} overflows a duration in milliseconds",
                u64::MAX / 999
            ))
        );
    }

    #[test]
    fn non_text_bytes_are_escaped() {
        assert_eq!(printable(b"AB\x00 "), "AB\\x00 ");
    }
}
