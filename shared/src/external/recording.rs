//! The recording sidecar `exsync.recording/v1`: optional metadata the platform drops beside a
//! recording (`recordings/<name>.wav.json` beside `recordings/<name>.wav`).
//!
//! It names the interaction when the key does not, says which stereo channel carries whom, and
//! the language spoken, for speech analytics.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::decode::{parse_json, read_document};
use super::format::{Format, SchemaTag};
use super::problems::{InputError, Problem};
use crate::ids::ExternalInteractionId;

/// A recording sidecar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordingSidecar {
    /// `exsync.recording/v1`.
    pub schema: SchemaTag,
    /// The interaction the recording belongs to.
    pub interaction_id: ExternalInteractionId,
    /// Which channel of a stereo recording carries the agent and which the customer; absent for
    /// a mono recording or when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<ChannelLayout>,
    /// The language spoken, as a tag such as `de-DE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The channel of each party in a stereo recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChannelLayout {
    /// The agent's channel.
    pub agent: Channel,
    /// The customer's channel.
    pub customer: Channel,
}

/// A stereo channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// The first (left) channel.
    Left,
    /// The second (right) channel.
    Right,
}

/// Reads and validates a recording sidecar.
///
/// # Errors
///
/// An [`InputError`] listing every problem, on object `recording[<interactionId>]`.
pub fn parse_recording_sidecar(json: &str) -> Result<RecordingSidecar, InputError> {
    let value = parse_json(json, "recording").map_err(InputError::single)?;
    let object = match value.get("interactionId").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("recording[{id}]"),
        _ => "recording".to_owned(),
    };
    let sidecar: RecordingSidecar = read_document(value, Format::Recording, &object)?;
    let mut problems = Vec::new();
    if sidecar.interaction_id.as_str().trim().is_empty() {
        problems.push(Problem::new(&object, "interactionId", "must not be empty"));
    }
    if let Some(layout) = sidecar.channels
        && layout.agent == layout.customer
    {
        let message =
            "agent and customer cannot share a channel; leave channels out for a mono recording";
        problems.push(Problem::new(&object, "channels", message));
    }
    if let Some(language) = &sidecar.language
        && !is_language_tag(language)
    {
        let message = format!("`{language}` is not a language tag such as `de-DE` or `en`");
        problems.push(Problem::new(&object, "language", message));
    }
    InputError::check(problems).map(|()| sidecar)
}

/// `de`, `de-DE`, `es-419`: a lowercase language and an optional uppercase or numeric region.
fn is_language_tag(tag: &str) -> bool {
    let (language, region) = match tag.split_once('-') {
        Some((language, region)) => (language, Some(region)),
        None => (tag, None),
    };
    let language_ok =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_lowercase());
    let region_ok = region.is_none_or(|r| {
        (r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
            || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
    });
    language_ok && region_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIDECAR: &str = r#"{"schema": "exsync.recording/v1", "interactionId": "call-20261124-0001",
        "channels": {"agent": "right", "customer": "left"}, "language": "de-DE"}"#;

    fn only_problem(json: &str) -> Problem {
        let problems = parse_recording_sidecar(json).unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    #[test]
    fn the_documented_sidecar_reads() {
        let sidecar = parse_recording_sidecar(SIDECAR).unwrap();
        assert_eq!(sidecar.interaction_id.as_str(), "call-20261124-0001");
        let layout = sidecar.channels.unwrap();
        assert_eq!(
            (layout.agent, layout.customer),
            (Channel::Right, Channel::Left)
        );
    }

    #[test]
    fn only_schema_and_interaction_id_are_required() {
        let minimal = r#"{"schema": "exsync.recording/v1", "interactionId": "call-1"}"#;
        assert!(parse_recording_sidecar(minimal).is_ok());
    }

    #[test]
    fn agent_and_customer_on_one_channel_is_a_problem() {
        let problem = only_problem(&SIDECAR.replace("\"right\"", "\"left\""));
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("recording[call-20261124-0001]", "channels")
        );
    }

    #[test]
    fn an_unknown_channel_is_named() {
        let problem = only_problem(&SIDECAR.replace("\"right\"", "\"centre\""));
        assert_eq!(problem.field, "channels.agent");
    }

    #[test]
    fn a_malformed_language_tag_is_a_problem() {
        let problem = only_problem(&SIDECAR.replace("de-DE", "de_DE"));
        assert_eq!(problem.field, "language");
    }

    #[test]
    fn an_empty_interaction_id_is_a_problem() {
        let problem = only_problem(&SIDECAR.replace("call-20261124-0001", ""));
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("recording", "interactionId")
        );
    }

    #[test]
    fn a_sidecar_of_another_format_is_rejected() {
        let problem =
            only_problem(&SIDECAR.replace("exsync.recording/v1", "exsync.interaction/v1"));
        assert_eq!(problem.field, "schema");
    }
}
