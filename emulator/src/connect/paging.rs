//! Real pagination: a page of at most `maxResults` items and an opaque `NextToken` that names the
//! operation and the offset. The token is standard base64 of a binary prefix and that text, so it
//! always holds `+`, `/` and `=`, as Connect's tokens do: a client that does not encode it as a
//! query value breaks here as it would against Connect.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::operations::Operation;

/// Bytes that encode to `+/` (and force `=` padding with the text's length chosen below).
const PREFIX: [u8; 2] = [0xfb, 0xff];

/// Where the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageToken {
    offset: usize,
}

impl PageToken {
    fn encode(op: Operation, offset: usize) -> String {
        let mut text = format!("{}|{offset}|", op.name());
        // a length of 3k + 1 bytes in all gives `==` padding
        while (PREFIX.len() + text.len()) % 3 != 1 {
            text.push('.');
        }
        let mut bytes = PREFIX.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        STANDARD.encode(bytes)
    }

    /// The token, if `value` is one `op` issued.
    pub(crate) fn decode(value: &str, op: Operation) -> Option<Self> {
        let bytes = STANDARD.decode(value).ok()?;
        let text = std::str::from_utf8(bytes.strip_prefix(&PREFIX)?).ok()?;
        let mut parts = text.split('|');
        if parts.next()? != op.name() {
            return None;
        }
        let offset = parts.next()?.parse().ok()?;
        Some(Self { offset })
    }
}

/// The page of `items` starting at `token` (the first without one), at most `size` long, and the
/// token of the next page when more follow.
pub(crate) fn page(
    op: Operation,
    items: Vec<Value>,
    size: usize,
    token: Option<&PageToken>,
) -> (Vec<Value>, Option<String>) {
    let start = token.map_or(0, |t| t.offset).min(items.len());
    let end = start.saturating_add(size.max(1)).min(items.len());
    let next = (end < items.len()).then(|| PageToken::encode(op, end));
    let page = items.into_iter().skip(start).take(end - start).collect();
    (page, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hold_the_characters_that_need_encoding_and_round_trip() {
        for offset in [1, 7, 100, 12_345] {
            let token = PageToken::encode(Operation::ListUsers, offset);

            assert!(
                token.contains('+') && token.contains('/') && token.ends_with("=="),
                "{token}"
            );
            assert_eq!(
                PageToken::decode(&token, Operation::ListUsers),
                Some(PageToken { offset })
            );
            assert_eq!(PageToken::decode(&token, Operation::ListQueues), None);
        }
    }

    #[test]
    fn pages_walk_the_items_once() {
        let items: Vec<Value> = (0..5).map(Value::from).collect();

        let (first, next) = page(Operation::ListUsers, items.clone(), 2, None);
        let token = PageToken::decode(&next.unwrap_or_default(), Operation::ListUsers);
        let (second, _) = page(Operation::ListUsers, items.clone(), 2, token.as_ref());
        let (all, none) = page(Operation::ListUsers, items, 5, None);

        assert_eq!(first, [Value::from(0), Value::from(1)]);
        assert_eq!(second, [Value::from(2), Value::from(3)]);
        assert_eq!(all.len(), 5);
        assert_eq!(none, None);
    }
}
