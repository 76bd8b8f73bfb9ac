//! Templates with `{placeholder}`s, shared by recording key patterns and the file-name template.
//!
//! A template is literal text and placeholders in braces. Which placeholders a template may use
//! depends on what it is for; [`parse`] rejects the others, unbalanced braces and repeats.

use std::fmt;

/// A placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// `{interactionId}`: the external interaction id.
    InteractionId,
    /// `{timestamp}`: a timestamp in a recording's key.
    Timestamp,
    /// `{ext}`: a file extension, without the dot.
    Ext,
    /// `{conversationId}`: the Genesys conversation id exsync derived for the interaction.
    ConversationId,
    /// `{communicationId}`: the Genesys communication id of the agent's leg.
    CommunicationId,
}

impl Slot {
    const ALL: [Self; 5] = [
        Self::InteractionId,
        Self::Timestamp,
        Self::Ext,
        Self::ConversationId,
        Self::CommunicationId,
    ];

    /// The name between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Self::InteractionId => "interactionId",
            Self::Timestamp => "timestamp",
            Self::Ext => "ext",
            Self::ConversationId => "conversationId",
            Self::CommunicationId => "communicationId",
        }
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}}}", self.name())
    }
}

/// A piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text that stands for itself.
    Literal(String),
    /// A placeholder.
    Slot(Slot),
}

/// Splits `text` into parts, allowing only the placeholders in `allowed`, each at most once.
///
/// # Errors
///
/// A message (lowercase, no trailing period) naming the first thing wrong.
pub fn parse(text: &str, allowed: &[Slot]) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => {
                parts.push(Part::Literal(rest.to_owned()));
                break;
            }
            (Some(open), Some(close)) if open < close => {
                if open > 0 {
                    parts.push(Part::Literal(rest[..open].to_owned()));
                }
                let name = &rest[open + 1..close];
                let slot = Slot::ALL
                    .into_iter()
                    .find(|slot| slot.name() == name && allowed.contains(slot))
                    .ok_or_else(|| unknown(name, allowed))?;
                if parts.contains(&Part::Slot(slot)) {
                    return Err(format!("{slot} appears more than once"));
                }
                parts.push(Part::Slot(slot));
                rest = &rest[close + 1..];
            }
            _ => return Err("unbalanced `{` or `}`".to_owned()),
        }
    }
    Ok(parts)
}

fn unknown(name: &str, allowed: &[Slot]) -> String {
    let names: Vec<String> = allowed.iter().map(ToString::to_string).collect();
    format!("unknown placeholder `{{{name}}}`; use {}", names.join(", "))
}

/// Whether the parsed template uses `slot`.
pub fn uses(parts: &[Part], slot: Slot) -> bool {
    parts.contains(&Part::Slot(slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[Slot] = &[Slot::InteractionId, Slot::Timestamp, Slot::Ext];

    #[test]
    fn literals_and_placeholders_alternate() {
        let parts = parse("recordings/{interactionId}.{ext}", KEY).unwrap();
        assert_eq!(
            parts,
            vec![
                Part::Literal("recordings/".into()),
                Part::Slot(Slot::InteractionId),
                Part::Literal(".".into()),
                Part::Slot(Slot::Ext),
            ]
        );
    }

    #[test]
    fn placeholders_not_allowed_here_are_unknown() {
        let error = parse("{conversationId}.wav", KEY).unwrap_err();
        assert_eq!(
            error,
            "unknown placeholder `{conversationId}`; use {interactionId}, {timestamp}, {ext}"
        );
    }

    #[test]
    fn unbalanced_braces_and_repeats_are_rejected() {
        assert_eq!(parse("a}{b", KEY).unwrap_err(), "unbalanced `{` or `}`");
        assert_eq!(parse("{ext", KEY).unwrap_err(), "unbalanced `{` or `}`");
        assert_eq!(
            parse("{ext}.{ext}", KEY).unwrap_err(),
            "{ext} appears more than once"
        );
    }
}
