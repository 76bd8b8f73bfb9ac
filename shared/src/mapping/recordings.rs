//! Recording rules: how a recording's S3 key names its interaction, and the file name a recording
//! is uploaded to Genesys under.
//!
//! # Key patterns
//!
//! A key pattern is matched against the whole, URL-decoded object key. Placeholders:
//!
//! | placeholder | matches |
//! |---|---|
//! | `{interactionId}` (required) | one or more characters other than `/` |
//! | `{timestamp}` | at least 8 characters of digits, `T`, `Z`, `-` and `:`, starting with a digit |
//! | `{ext}` | 1 to 10 ASCII letters and digits |
//!
//! `**/` in a pattern stands for any number of folders (none included), so a pattern can name
//! keys at any folder depth: `recordings/**/{interactionId}.{ext}` matches `recordings/call-1.wav`
//! and `recordings/2026/11/24/call-1.wav` alike (most platforms write recordings into dated
//! folders). The defaults start this way.
//!
//! Placeholders take as much as they can while the rest still matches. When several patterns
//! match a key, the one with more placeholders wins (it explains more of the key), then the first
//! listed: with the defaults, `recordings/call-7_20261124T081000Z.wav` is interaction `call-7`.
//!
//! # File-name template
//!
//! Genesys binds an uploaded recording to its conversation by a means no public source documents
//! (api-reference §7.2); the only request field that can carry the binding is `fileName`. The
//! template builds it from `{conversationId}` (required), `{communicationId}`, `{interactionId}` and
//! `{ext}`. Characters Genesys forbids in a file name are replaced by `_` in substituted values.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::quality::QualityProfile;
use super::template::{self, Part, Slot};
use crate::ids::ExternalInteractionId;

/// The placeholders a key pattern may use.
pub const KEY_SLOTS: &[Slot] = &[Slot::InteractionId, Slot::Timestamp, Slot::Ext];
/// The placeholders the file-name template may use.
pub const FILE_NAME_SLOTS: &[Slot] = &[
    Slot::ConversationId,
    Slot::CommunicationId,
    Slot::InteractionId,
    Slot::Ext,
];
/// In a key pattern: any number of folders, none included.
pub const ANY_FOLDERS: &str = "**/";
/// Characters Genesys does not allow in an upload's `fileName` (besides whitespace).
pub const FORBIDDEN_FILE_NAME_CHARS: &str = "\\{^}%`]\">[~<#|";

/// The `recordings` section of the mapping document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordingRules {
    /// How object keys name their interaction, tried as described in the module docs.
    #[serde(default = "default_key_patterns")]
    pub key_patterns: Vec<KeyPattern>,
    /// The upload's file name.
    #[serde(default)]
    pub file_name_template: FileNameTemplate,
    /// What a recording needs for speech analytics; others are uploaded as archive-only.
    #[serde(default)]
    pub quality_profile: QualityProfile,
}

impl Default for RecordingRules {
    fn default() -> Self {
        Self {
            key_patterns: default_key_patterns(),
            file_name_template: FileNameTemplate::default(),
            quality_profile: QualityProfile::default(),
        }
    }
}

fn default_key_patterns() -> Vec<KeyPattern> {
    vec![
        KeyPattern("recordings/**/{interactionId}.{ext}".to_owned()),
        KeyPattern("recordings/**/{interactionId}_{timestamp}.{ext}".to_owned()),
    ]
}

impl RecordingRules {
    /// The interaction a (URL-decoded) object key names, by the best matching pattern.
    pub fn match_key(&self, key: &str) -> Option<KeyMatch> {
        let mut best: Option<(usize, KeyMatch)> = None;
        for (index, pattern) in self.key_patterns.iter().enumerate() {
            let Ok(parts) = pattern.parts() else { continue };
            let Some(found) = match_parts(&parts, key, index) else {
                continue;
            };
            let slots = parts.iter().filter(|p| matches!(p, Part::Slot(_))).count();
            if best.as_ref().is_none_or(|(most, _)| slots > *most) {
                best = Some((slots, found));
            }
        }
        best.map(|(_, found)| found)
    }
}

/// A key pattern such as `recordings/{interactionId}.{ext}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyPattern(String);

impl KeyPattern {
    /// A pattern from its text; check it with [`KeyPattern::parts`].
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The pattern's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parsed pattern.
    ///
    /// # Errors
    ///
    /// A message when the pattern has unknown or repeated placeholders, no `{interactionId}`, or two
    /// placeholders with no literal text between them.
    pub fn parts(&self) -> Result<Vec<Part>, String> {
        let parts = template::parse(&self.0, KEY_SLOTS)?;
        if !template::uses(&parts, Slot::InteractionId) {
            return Err("must contain {interactionId}".to_owned());
        }
        let adjacent = parts
            .windows(2)
            .any(|w| matches!(w, [Part::Slot(_), Part::Slot(_)]));
        if adjacent {
            return Err("placeholders must be separated by literal text".to_owned());
        }
        Ok(parts)
    }
}

/// What a key pattern found in an object key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMatch {
    /// The interaction the recording belongs to.
    pub interaction_id: ExternalInteractionId,
    /// The `{timestamp}` part, if the pattern has one.
    pub timestamp: Option<String>,
    /// The `{ext}` part, if the pattern has one.
    pub ext: Option<String>,
    /// The index of the pattern that matched.
    pub pattern: usize,
}

fn fits(slot: Slot, text: &str) -> bool {
    match slot {
        Slot::Timestamp => {
            text.len() >= 8
                && text.starts_with(|c: char| c.is_ascii_digit())
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || "TZ-:".contains(c))
        }
        Slot::Ext => {
            (1..=10).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric())
        }
        _ => !text.is_empty() && !text.contains('/'),
    }
}

fn match_parts(parts: &[Part], key: &str, pattern: usize) -> Option<KeyMatch> {
    let mut captures: Vec<(Slot, &str)> = Vec::new();
    if !match_from(parts, key, &mut captures) {
        return None;
    }
    let get = |wanted: Slot| {
        captures
            .iter()
            .find(|(slot, _)| *slot == wanted)
            .map(|(_, v)| *v)
    };
    Some(KeyMatch {
        interaction_id: ExternalInteractionId::new(get(Slot::InteractionId)?),
        timestamp: get(Slot::Timestamp).map(str::to_owned),
        ext: get(Slot::Ext).map(str::to_owned),
        pattern,
    })
}

/// Backtracking match, each placeholder taking the longest text that still lets the rest match.
fn match_from<'k>(parts: &[Part], key: &'k str, captures: &mut Vec<(Slot, &'k str)>) -> bool {
    match parts.split_first() {
        None => key.is_empty(),
        Some((Part::Literal(text), rest)) => match text.split_once(ANY_FOLDERS) {
            None => key
                .strip_prefix(text.as_str())
                .is_some_and(|tail| match_from(rest, tail, captures)),
            Some((before, after)) => key.strip_prefix(before).is_some_and(|tail| {
                let mut remaining = vec![Part::Literal(after.to_owned())];
                remaining.extend_from_slice(rest);
                folder_ends(tail).any(|skip| match_from(&remaining, &tail[skip..], captures))
            }),
        },
        Some((Part::Slot(slot), rest)) => {
            let ends = key
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain([key.len()]);
            let mut ends: Vec<usize> = ends.collect();
            ends.reverse();
            for end in ends {
                if !fits(*slot, &key[..end]) {
                    continue;
                }
                captures.push((*slot, &key[..end]));
                if match_from(rest, &key[end..], captures) {
                    return true;
                }
                captures.pop();
            }
            false
        }
    }
}

/// Where `**/` may end in `tail`: at its start (no folder) and after each `/`, deepest first.
fn folder_ends(tail: &str) -> impl Iterator<Item = usize> + '_ {
    let slashes = tail.match_indices('/').map(|(i, _)| i + 1);
    let mut ends: Vec<usize> = std::iter::once(0).chain(slashes).collect();
    ends.reverse();
    ends.into_iter()
}

/// The upload file-name template, default `{conversationId}_{communicationId}.{ext}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileNameTemplate(String);

impl Default for FileNameTemplate {
    fn default() -> Self {
        Self("{conversationId}_{communicationId}.{ext}".to_owned())
    }
}

/// The values a file name is built from.
#[derive(Debug, Clone, Copy)]
pub struct FileNameValues<'a> {
    /// The derived conversation id.
    pub conversation_id: Uuid,
    /// The derived communication id of the agent's leg.
    pub communication_id: Uuid,
    /// The external interaction id.
    pub interaction_id: &'a ExternalInteractionId,
    /// The file extension, without the dot.
    pub ext: &'a str,
}

impl FileNameTemplate {
    /// A template from its text; check it with [`FileNameTemplate::parts`].
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The template's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parsed template.
    ///
    /// # Errors
    ///
    /// A message when a placeholder is unknown or repeated, `{conversationId}` is missing, or the
    /// literal text breaks Genesys's file-name rules.
    pub fn parts(&self) -> Result<Vec<Part>, String> {
        let parts = template::parse(&self.0, FILE_NAME_SLOTS)?;
        if !template::uses(&parts, Slot::ConversationId) {
            return Err("must contain {conversationId}".to_owned());
        }
        for part in &parts {
            if let Part::Literal(text) = part
                && let Some(bad) = text.chars().find(|c| is_forbidden(*c))
            {
                return Err(format!("`{bad}` is not allowed in a Genesys file name"));
            }
        }
        if self.0.starts_with('.') || self.0.ends_with('/') {
            return Err("must not start with `.` or end with `/`".to_owned());
        }
        Ok(parts)
    }

    /// The file name for `values`, or `None` when the template is invalid.
    pub fn render(&self, values: &FileNameValues<'_>) -> Option<String> {
        let parts = self.parts().ok()?;
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Literal(text) => out.push_str(&text),
                Part::Slot(Slot::ConversationId) => {
                    out.push_str(&values.conversation_id.to_string())
                }
                Part::Slot(Slot::CommunicationId) => {
                    out.push_str(&values.communication_id.to_string());
                }
                Part::Slot(Slot::InteractionId) => {
                    out.push_str(&sanitize(values.interaction_id.as_str()))
                }
                Part::Slot(Slot::Ext) => out.push_str(&sanitize(values.ext)),
                Part::Slot(Slot::Timestamp) => {}
            }
        }
        Some(out)
    }
}

fn is_forbidden(c: char) -> bool {
    c.is_whitespace() || FORBIDDEN_FILE_NAME_CHARS.contains(c)
}

fn sanitize(value: &str) -> String {
    value
        .chars()
        .map(|c| if is_forbidden(c) || c == '/' { '_' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;
