//! Which interaction a recording belongs to: its sidecar's `interactionId` when it has a sidecar
//! (the sidecar wins), else the mapping's key patterns. Pure.

use crate::external::{ChannelLayout, RecordingSidecar};
use crate::ids::ExternalInteractionId;
use crate::mapping::RecordingRules;

/// Where the interaction id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", tag = "from")]
pub enum FoundBy {
    /// The sidecar `<key>.json`.
    Sidecar,
    /// A key pattern, by its index in the mapping.
    KeyPattern {
        /// the pattern's index
        pattern: usize,
    },
    /// An Amazon Connect contact trace record whose `Recording.Location` names the object.
    ConnectRecordingLocation,
    /// The contact id in the file name of an Amazon Connect recording (the CTR named no location).
    ConnectFileName,
}

/// A recording's interaction and what the sidecar adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The interaction.
    pub interaction_id: ExternalInteractionId,
    /// How it was found.
    pub found_by: FoundBy,
    /// The stereo channel of each party, from the sidecar.
    pub channels: Option<ChannelLayout>,
    /// The language spoken, from the sidecar.
    pub language: Option<String>,
    /// Which agent leg (1-based) the recording's agent is: 1 but for a transferred Connect
    /// contact's recording.
    pub agent_leg: usize,
}

/// Finds the interaction of the recording at `key` (already URL-decoded).
///
/// # Errors
///
/// A reason when there is no sidecar and no key pattern matches.
pub fn locate(
    key: &str,
    rules: &RecordingRules,
    sidecar: Option<&RecordingSidecar>,
) -> Result<Located, String> {
    if let Some(sidecar) = sidecar {
        return Ok(Located {
            interaction_id: sidecar.interaction_id.clone(),
            found_by: FoundBy::Sidecar,
            channels: sidecar.channels,
            language: sidecar.language.clone(),
            agent_leg: 1,
        });
    }
    match rules.match_key(key) {
        Some(found) => Ok(Located {
            interaction_id: found.interaction_id,
            found_by: FoundBy::KeyPattern {
                pattern: found.pattern,
            },
            channels: None,
            language: None,
            agent_leg: 1,
        }),
        None => {
            let patterns: Vec<&str> = rules.key_patterns.iter().map(|p| p.as_str()).collect();
            Err(format!(
                "no sidecar {key}.json and no key pattern matches {key:?} (patterns: {})",
                patterns.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::external::parse_recording_sidecar;

    #[test]
    fn the_sidecar_wins_over_the_key() {
        let sidecar = parse_recording_sidecar(
            r#"{"schema":"exsync.recording/v1","interactionId":"from-sidecar","language":"de-DE"}"#,
        )
        .unwrap();
        let located = locate(
            "recordings/from-key.wav",
            &RecordingRules::default(),
            Some(&sidecar),
        )
        .unwrap();
        assert_eq!(located.interaction_id.as_str(), "from-sidecar");
        assert_eq!(located.found_by, FoundBy::Sidecar);
        assert_eq!(located.language.as_deref(), Some("de-DE"));
    }

    #[test]
    fn a_key_no_pattern_explains_is_refused_with_the_patterns() {
        let reason = locate("elsewhere/a.wav", &RecordingRules::default(), None).unwrap_err();
        assert!(
            reason.contains("recordings/**/{interactionId}.{ext}"),
            "{reason}"
        );
    }
}
