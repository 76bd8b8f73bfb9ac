//! One test per mapping rule, each asserting the exact field of the problem.

use serde_json::{Value, json};

use crate::external::ConfigSnapshot;
use crate::external::ObjectKind;
use crate::mapping::{
    AudioEncoding, Concern, MassChangeGuard, Removal, check_mapping_against_snapshot, cross_check,
    mapping_problems, parse_mapping, parse_mapping_for,
};

fn minimal() -> Value {
    json!({
        "schema": "exsync.mapping/v1",
        "userAuthority": "exsync",
        "presenceSourceName": "Contact Centre",
        "agentState": {"fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}}
    })
}

/// The (field, message) of every problem, after checking they are all on `mapping`.
fn problems(value: &Value) -> Vec<(String, String)> {
    match parse_mapping(&value.to_string()) {
        Ok(_) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| {
                assert_eq!(p.object, "mapping");
                (p.field.clone(), p.message.clone())
            })
            .collect(),
    }
}

fn fields(value: &Value) -> Vec<String> {
    problems(value)
        .into_iter()
        .map(|(field, _)| field)
        .collect()
}

fn only(value: &Value) -> (String, String) {
    let found = problems(value);
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

fn with_rules(rules: Value) -> Value {
    let mut value = minimal();
    value["agentState"]["rules"] = rules;
    value
}

#[test]
fn a_minimal_document_gets_every_default() {
    let mapping = parse_mapping(&minimal().to_string()).unwrap();
    assert_eq!(
        mapping.deletion.removal(ObjectKind::Users),
        Removal::Deactivate
    );
    assert_eq!(mapping.mass_change_guard.max_percent.queues.value(), 20);
    assert!(!mapping.mass_change_guard.allow_mass_changes);
    assert!(!mapping.interactions.emit_routing_status);
    assert_eq!(mapping.interactions.event_batch_size.value(), 100);
    assert_eq!(mapping.events.batch_limit.value(), 100);
    assert_eq!(mapping.recordings.key_patterns.len(), 2);
    let profile = &mapping.recordings.quality_profile;
    assert_eq!(
        (
            profile.min_sample_rate_hz,
            profile.channels,
            profile.min_bits_per_sample
        ),
        (8000, 2, 16)
    );
    assert_eq!(profile.encodings, [AudioEncoding::Pcm]);
    assert_eq!(
        mapping.recordings.file_name_template.as_str(),
        "{conversationId}_{communicationId}.{ext}"
    );
}

#[test]
fn an_empty_authority_is_reported() {
    let mut value = minimal();
    value["userAuthority"] = json!("");
    assert_eq!(
        only(&value),
        ("userAuthority".into(), "must not be empty".into())
    );
}

#[test]
fn an_authority_with_a_space_is_reported() {
    let mut value = minimal();
    value["userAuthority"] = json!("ex sync");
    assert_eq!(only(&value).0, "userAuthority");
}

#[test]
fn an_empty_presence_source_name_is_reported() {
    let mut value = minimal();
    value["presenceSourceName"] = json!(" ");
    assert_eq!(only(&value).0, "presenceSourceName");
}

#[test]
fn a_percent_above_100_is_reported() {
    let mut value = minimal();
    value["massChangeGuard"] = json!({"maxPercent": {"users": 150}});
    assert_eq!(
        only(&value),
        (
            "massChangeGuard.maxPercent.users".into(),
            "150 is above 100".into()
        )
    );
}

#[test]
fn an_unknown_deletion_policy_is_named() {
    let mut value = minimal();
    value["deletion"] = json!({"users": "archive"});
    assert_eq!(only(&value).0, "deletion.users");
}

#[test]
fn only_users_can_be_deactivated() {
    let mut value = minimal();
    value["deletion"] = json!({"users": "deactivate", "wrapupCodes": "deactivate"});
    assert_eq!(
        only(&value),
        (
            "deletion.wrapupCodes".into(),
            "only users can be deactivated: use `keep` or `delete`".into()
        )
    );
}

#[test]
fn ignore_is_the_users_spelling_only() {
    let mut value = minimal();
    value["deletion"] = json!({"users": "ignore", "queues": "ignore"});
    assert_eq!(
        only(&value),
        (
            "deletion.queues".into(),
            "`ignore` is for users: use `keep` or `delete`".into()
        )
    );
}

#[test]
fn a_null_deletion_policy_is_refused_naming_the_field() {
    let mut value = minimal();
    value["deletion"] = json!({"skills": null});
    assert_eq!(
        only(&value),
        ("deletion.skills".to_owned(), "must not be null".to_owned())
    );
}

#[test]
fn a_null_deletion_policy_hides_no_other_problem() {
    let mut value = minimal();
    value["deletion"] = json!({"languages": null, "skills": "sideways"});
    let error = parse_mapping(&value.to_string()).unwrap_err();
    let mut fields: Vec<&str> = error.problems().iter().map(|p| p.field.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["deletion.languages", "deletion.skills"]);
}

#[test]
fn users_left_alone_are_spelled_ignore_or_keep() {
    for spelling in ["ignore", "keep"] {
        let mut value = minimal();
        value["deletion"] = json!({ "users": spelling });
        let mapping = parse_mapping(&value.to_string()).unwrap();
        assert_eq!(
            mapping.deletion.removal(ObjectKind::Users),
            Removal::Keep,
            "{spelling}"
        );
        assert_eq!(
            mapping.deletion.removal(ObjectKind::Queues),
            Removal::Keep,
            "{spelling}"
        );
    }
}

#[test]
fn every_invalid_routing_status_is_named_with_its_rule() {
    let value = with_rules(json!([
        {"state": "READY", "presence": {"system": "OnQueue"}, "routingStatus": "Busy"},
        {"state": "NOT_READY", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"},
        {"state": "LOGGED_OUT", "presence": {"system": "Offline"}, "routingStatus": "OFF_QUEUE"}
    ]));
    assert_eq!(
        fields(&value),
        [
            "agentState.rules[0].routingStatus",
            "agentState.rules[2].routingStatus"
        ]
    );
}

#[test]
fn an_unknown_system_presence_is_named() {
    let value = with_rules(
        json!([{"state": "READY", "presence": {"system": "Ready"}, "routingStatus": "Idle"}]),
    );
    assert_eq!(only(&value).0, "agentState.rules[0].presence.system");
}

#[test]
fn a_missing_fallback_is_named() {
    let mut value = minimal();
    value["agentState"] = json!({"rules": []});
    assert_eq!(
        only(&value),
        (
            "agentState.fallback".into(),
            "missing field `fallback`".into()
        )
    );
}

#[test]
fn an_empty_pattern_is_reported() {
    let value = with_rules(
        json!([{"state": "", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"}]),
    );
    assert_eq!(only(&value).0, "agentState.rules[0].state");
}

#[test]
fn a_rule_matching_everything_is_reported() {
    let value = with_rules(
        json!([{"state": "*", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"}]),
    );
    assert_eq!(only(&value).0, "agentState.rules[0]");
}

#[test]
fn a_rule_repeating_an_earlier_ones_patterns_is_reported() {
    let value = with_rules(json!([
        {"state": "NOT_READY", "reason": "Lunch", "presence": {"system": "Meal"}, "routingStatus": "OffQueue"},
        {"state": "NOT_READY", "reason": "Lunch", "presence": {"secondary": "Lunch"}, "routingStatus": "OffQueue"}
    ]));
    let (field, message) = only(&value);
    assert_eq!(field, "agentState.rules[1]");
    assert_eq!(
        message,
        "never matches: agentState.rules[0] has the same patterns and comes first"
    );
}

#[test]
fn an_empty_secondary_label_is_reported() {
    let value = with_rules(
        json!([{"state": "NOT_READY", "presence": {"secondary": ""}, "routingStatus": "OffQueue"}]),
    );
    assert_eq!(only(&value).0, "agentState.rules[0].presence.secondary");
}

#[test]
fn offline_must_be_off_queue() {
    let value = with_rules(
        json!([{"state": "LOGGED_OUT", "presence": {"system": "Offline"}, "routingStatus": "Idle"}]),
    );
    assert_eq!(only(&value).0, "agentState.rules[0].routingStatus");
}

#[test]
fn on_queue_cannot_be_off_queue() {
    let mut value = minimal();
    value["agentState"]["fallback"] =
        json!({"presence": {"system": "OnQueue"}, "routingStatus": "OffQueue"});
    assert_eq!(only(&value).0, "agentState.fallback.routingStatus");
}

#[test]
fn batch_sizes_out_of_range_are_reported() {
    let mut value = minimal();
    value["events"] = json!({"batchLimit": 0});
    value["interactions"] = json!({"eventBatchSize": 5000});
    assert_eq!(
        fields(&value),
        ["events.batchLimit", "interactions.eventBatchSize"]
    );
}

#[test]
fn each_concern_is_refused_only_for_its_own_problems() {
    let mut value = with_rules(json!([
        {"state": "*", "presence": {"system": "Busy"}, "routingStatus": "OffQueue"}
    ]));
    value["recordings"] = json!({"keyPatterns": []});
    let text = value.to_string();

    assert!(parse_mapping(&text).is_err());
    assert!(parse_mapping_for(&text, Concern::ConfigSync).is_ok());
    assert!(parse_mapping_for(&text, Concern::Interactions).is_ok());
    let agent = parse_mapping_for(&text, Concern::AgentState).unwrap_err();
    assert_eq!(agent.problems()[0].field, "agentState.rules[0]");
    let recordings = parse_mapping_for(&text, Concern::Recordings).unwrap_err();
    assert_eq!(recordings.problems()[0].field, "recordings.keyPatterns");
    let by_concern: Vec<Concern> =
        mapping_problems(&parse_mapping_for(&text, Concern::ConfigSync).unwrap())
            .into_iter()
            .map(|(c, _)| c)
            .collect();
    assert_eq!(by_concern, [Concern::AgentState, Concern::Recordings]);
}

#[test]
fn an_empty_scope_division_list_is_reported() {
    let mut value = minimal();
    value["scope"] = json!({"divisions": []});
    assert_eq!(only(&value).0, "scope.divisions");
}

#[test]
fn a_scope_division_listed_twice_is_reported() {
    let mut value = minimal();
    value["scope"] = json!({"divisions": ["bu-emea", "bu-emea"]});
    assert_eq!(only(&value).0, "scope.divisions[1]");
}

#[test]
fn a_name_prefix_outside_the_scope_prefix_is_reported() {
    let mut value = minimal();
    value["scope"] = json!({"namePrefix": "EXT "});
    value["namePrefix"] = json!("CC ");
    assert_eq!(only(&value).0, "namePrefix");
}

#[test]
fn a_template_missing_the_conversation_id_is_reported() {
    let mut value = minimal();
    value["recordings"] = json!({"fileNameTemplate": "{interactionId}.{ext}"});
    assert_eq!(
        only(&value),
        (
            "recordings.fileNameTemplate".into(),
            "must contain {conversationId}".into()
        )
    );
}

#[test]
fn a_bad_key_pattern_is_reported_by_index() {
    let mut value = minimal();
    value["recordings"] =
        json!({"keyPatterns": ["recordings/{interactionId}.{ext}", "recordings/{id}.wav"]});
    assert_eq!(only(&value).0, "recordings.keyPatterns[1]");
}

#[test]
fn an_empty_key_pattern_list_is_reported() {
    let mut value = minimal();
    value["recordings"] = json!({"keyPatterns": []});
    assert_eq!(only(&value).0, "recordings.keyPatterns");
}

#[test]
fn quality_profile_limits_are_reported() {
    let mut value = minimal();
    value["recordings"] = json!({"qualityProfile": {"channels": 0, "minSampleRateHz": 0,
                                                    "minBitsPerSample": 64, "encodings": ["pcm", "pcm"]}});
    let expected = [
        "recordings.qualityProfile.minSampleRateHz",
        "recordings.qualityProfile.channels",
        "recordings.qualityProfile.minBitsPerSample",
        "recordings.qualityProfile.encodings[1]",
    ];
    assert_eq!(fields(&value), expected);
}

#[test]
fn an_empty_encoding_list_is_reported() {
    let mut value = minimal();
    value["recordings"] = json!({"qualityProfile": {"encodings": []}});
    assert_eq!(only(&value).0, "recordings.qualityProfile.encodings");
}

#[test]
fn an_unknown_encoding_is_named() {
    let mut value = minimal();
    value["recordings"] = json!({"qualityProfile": {"encodings": ["flac"]}});
    assert_eq!(only(&value).0, "recordings.qualityProfile.encodings[0]");
}

#[test]
fn an_unknown_field_is_named() {
    let mut value = minimal();
    value["recordings"] = json!({"keyPattern": "x"});
    assert_eq!(only(&value).0, "recordings.keyPattern");
}

#[test]
fn a_wrong_schema_is_reported_first() {
    let mut value = minimal();
    value["schema"] = json!("exsync.mapping/v3");
    assert_eq!(only(&value).0, "schema");
}

#[test]
fn every_rule_problem_is_reported_at_once() {
    let mut value = minimal();
    value["userAuthority"] = json!("");
    value["massChangeGuard"] = json!({"maxPercent": {"queues": 101}});
    value["recordings"] = json!({"fileNameTemplate": "{communicationId}.wav"});
    let expected = [
        "userAuthority",
        "massChangeGuard.maxPercent.queues",
        "recordings.fileNameTemplate",
    ];
    assert_eq!(fields(&value), expected);
}

#[test]
fn the_guard_refuses_removals_above_the_limit_unless_allowed() {
    let guard = MassChangeGuard::default();
    assert!(guard.permits(ObjectKind::Users, 100, 20));
    assert!(!guard.permits(ObjectKind::Users, 100, 21));
    assert!(guard.permits(ObjectKind::Queues, 0, 0));
    let allowed = MassChangeGuard {
        allow_mass_changes: true,
        ..guard
    };
    assert!(allowed.permits(ObjectKind::Users, 10, 10));
}

fn snapshot() -> ConfigSnapshot {
    serde_json::from_value(json!({
        "schema": "exsync.config/v1", "generatedAt": "2026-11-24T06:00:00Z",
        "divisions": [{"id": "bu-emea", "name": "EMEA"}], "skills": [], "languages": [], "wrapupCodes": [],
        "secondaryStatuses": [
            {"id": "nr-lunch", "systemPresence": "Meal", "labels": {"en_US": "Lunch"}},
            {"id": "nr-pause", "systemPresence": "Break", "labels": {"en_US": "Pause", "de": "Lunch"}}
        ],
        "queues": [], "users": []
    }))
    .unwrap()
}

#[test]
fn labels_and_divisions_the_mapping_names_must_be_in_the_snapshot() {
    let mut value = with_rules(json!([
        {"state": "NOT_READY", "reason": "Lunch", "presence": {"secondary": "Lunch"}, "routingStatus": "OffQueue"},
        {"state": "NOT_READY", "reason": "Gym", "presence": {"secondary": "Gym"}, "routingStatus": "OffQueue"},
        {"state": "NOT_READY", "reason": "Pause", "presence": {"secondary": "Pause"}, "routingStatus": "OffQueue"}
    ]));
    value["scope"] = json!({"divisions": ["bu-emea", "bu-apac"]});
    value["defaultDivision"] = json!("bu-x");
    let mapping = parse_mapping(&value.to_string()).unwrap();
    let cross = cross_check(&mapping, &snapshot());
    let found: Vec<(Concern, &str, &str)> = cross
        .problems
        .iter()
        .map(|(c, p)| (*c, p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Concern::AgentState,
                "agentState.rules[0].presence.secondary",
                "label `Lunch` is ambiguous: secondaryStatuses[nr-lunch], secondaryStatuses[nr-pause]"
            ),
            (
                Concern::AgentState,
                "agentState.rules[1].presence.secondary",
                "no secondary status of the snapshot has the label `Gym`"
            ),
            (
                Concern::ConfigSync,
                "defaultDivision",
                "unknown division `bu-x`"
            ),
        ]
    );
    let warnings: Vec<&str> = cross.warnings.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(warnings, ["scope.divisions[1]"]);
    assert!(check_mapping_against_snapshot(&mapping, &snapshot()).is_err());
}

#[test]
fn a_scope_division_the_snapshot_lacks_is_a_warning_not_a_refusal() {
    let mut value = minimal();
    value["scope"] = json!({"divisions": ["bu-emea", "bu-apac"]});
    let mapping = parse_mapping(&value.to_string()).unwrap();
    let cross = cross_check(&mapping, &snapshot());
    assert!(cross.check(Concern::ConfigSync).is_ok());
    assert_eq!(cross.warnings.len(), 1);
    assert!(
        cross.warnings[0].message.contains("bu-apac"),
        "{:?}",
        cross.warnings
    );
}

#[test]
fn an_unknown_secondary_label_does_not_stop_config_sync() {
    let value = with_rules(json!([
        {"state": "NOT_READY", "reason": "Gym", "presence": {"secondary": "Gym"}, "routingStatus": "OffQueue"}
    ]));
    let mapping = parse_mapping(&value.to_string()).unwrap();
    let cross = cross_check(&mapping, &snapshot());
    assert!(cross.check(Concern::ConfigSync).is_ok());
    assert!(cross.check(Concern::AgentState).is_err());
}
