//! Key patterns and the file-name template.

use super::*;

fn rules() -> RecordingRules {
    RecordingRules::default()
}

#[test]
fn the_plain_pattern_finds_the_interaction() {
    let found = rules()
        .match_key("recordings/call-20261124-0001.wav")
        .unwrap();
    assert_eq!(found.interaction_id.as_str(), "call-20261124-0001");
    assert_eq!(found.ext.as_deref(), Some("wav"));
    assert_eq!(found.pattern, 0);
}

#[test]
fn the_timestamp_pattern_wins_when_it_explains_more_of_the_key() {
    let found = rules()
        .match_key("recordings/call-7_20261124T081000Z.wav")
        .unwrap();
    assert_eq!(found.interaction_id.as_str(), "call-7");
    assert_eq!(found.timestamp.as_deref(), Some("20261124T081000Z"));
    assert_eq!(found.pattern, 1);
}

#[test]
fn an_id_with_dots_keeps_them_and_the_extension_is_the_last_part() {
    let found = rules().match_key("recordings/call.7.opus").unwrap();
    assert_eq!(found.interaction_id.as_str(), "call.7");
    assert_eq!(found.ext.as_deref(), Some("opus"));
}

#[test]
fn a_short_number_after_an_underscore_is_not_a_timestamp() {
    let found = rules().match_key("recordings/call_12.wav").unwrap();
    assert_eq!(found.interaction_id.as_str(), "call_12");
}

#[test]
fn keys_outside_the_patterns_do_not_match() {
    assert_eq!(rules().match_key("other/call-1.wav"), None);
    assert_eq!(rules().match_key("recordings/call-1"), None);
}

#[test]
fn key_patterns_need_an_interaction_id_and_literal_separators() {
    assert_eq!(
        KeyPattern::new("recordings/{ext}").parts().unwrap_err(),
        "must contain {interactionId}"
    );
    let adjacent = KeyPattern::new("recordings/{interactionId}{timestamp}.wav");
    assert_eq!(
        adjacent.parts().unwrap_err(),
        "placeholders must be separated by literal text"
    );
}

#[test]
fn the_default_file_name_carries_conversation_and_communication() {
    let interaction = ExternalInteractionId::new("call-1");
    let values = FileNameValues {
        conversation_id: Uuid::from_u128(1),
        communication_id: Uuid::from_u128(2),
        interaction_id: &interaction,
        ext: "wav",
    };
    let name = FileNameTemplate::default().render(&values).unwrap();
    assert_eq!(
        name,
        "00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000002.wav"
    );
}

#[test]
fn substituted_values_lose_characters_genesys_forbids() {
    let interaction = ExternalInteractionId::new("call 1/#2");
    let values = FileNameValues {
        conversation_id: Uuid::from_u128(1),
        communication_id: Uuid::from_u128(2),
        interaction_id: &interaction,
        ext: "wav",
    };
    let template = FileNameTemplate::new("{interactionId}-{conversationId}.{ext}");
    let name = template.render(&values).unwrap();
    assert_eq!(name, "call_1__2-00000000-0000-0000-0000-000000000001.wav");
}

#[test]
fn a_template_without_the_conversation_id_is_rejected() {
    let template = FileNameTemplate::new("{interactionId}.{ext}");
    assert_eq!(
        template.parts().unwrap_err(),
        "must contain {conversationId}"
    );
}

#[test]
fn a_template_with_forbidden_literal_characters_is_rejected() {
    let template = FileNameTemplate::new("rec #{conversationId}.{ext}");
    assert_eq!(
        template.parts().unwrap_err(),
        "` ` is not allowed in a Genesys file name"
    );
    let hidden = FileNameTemplate::new(".{conversationId}");
    assert_eq!(
        hidden.parts().unwrap_err(),
        "must not start with `.` or end with `/`"
    );
}

#[test]
fn a_recording_in_dated_folders_matches_the_default_patterns() {
    let found = rules()
        .match_key("recordings/2026/11/24/call-1.wav")
        .unwrap();
    assert_eq!(found.interaction_id.as_str(), "call-1");
    assert_eq!(found.ext.as_deref(), Some("wav"));
    let stamped = rules()
        .match_key("recordings/2026/11/24/call-7_20261124T081000Z.opus")
        .unwrap();
    assert_eq!(stamped.interaction_id.as_str(), "call-7");
    assert_eq!(stamped.pattern, 1);
}

#[test]
fn any_folders_in_a_pattern_match_every_depth_but_only_under_its_prefix() {
    let rules = RecordingRules {
        key_patterns: vec![KeyPattern::new("drops/**/calls/{interactionId}.{ext}")],
        ..RecordingRules::default()
    };
    let at = |key: &str| rules.match_key(key).map(|m| m.interaction_id.to_string());
    assert_eq!(at("drops/calls/c-1.wav").as_deref(), Some("c-1"));
    assert_eq!(at("drops/eu/2026/11/calls/c-2.wav").as_deref(), Some("c-2"));
    assert_eq!(at("drops/eu/c-3.wav"), None);
    assert_eq!(at("other/2026/calls/c-4.wav"), None);
}
