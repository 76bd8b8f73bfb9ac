//! The lines `exsync explain` prints are made of: a section title, an indented line, a named
//! field, a sent value.

use std::fmt::Write as _;

use super::model::SentView;

/// A sent value: `name (value) at T, delivered`.
pub(super) fn sent(s: &SentView) -> String {
    let value = match &s.name {
        Some(name) => format!("{name} ({})", s.value),
        None => s.value.clone(),
    };
    let delivered = if s.delivered {
        "delivered"
    } else {
        "NOT delivered (sent again with the next event)"
    };
    format!("{value} at {}, {delivered}", s.occurred_at)
}

pub(super) fn section(out: &mut String, title: &str) {
    let _ = write!(out, "\n{title}\n");
}

pub(super) fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "  {text}");
}

pub(super) fn field(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "  {name:<14} {value}");
}
