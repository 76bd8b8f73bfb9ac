//! Specification of how a Connect instance's configuration becomes a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use serde_json::json;

use super::ConnectOptions;
use super::configuration::{language_id, skill_id, snapshot_from_instance};
use super::instance::{
    AgentStatus, ConnectInstance, ConnectQueue, ConnectUser, GroupRef, HierarchyGroup,
    RoutingProfile, UserProficiency,
};
use crate::external::snapshot::ConfigSnapshot;
use crate::external::{HeldWhy, ObjectKind};
use crate::presence::SystemPresence;

fn group(id: &str, name: &str, path: &[(&str, &str)]) -> HierarchyGroup {
    HierarchyGroup {
        id: id.into(),
        name: name.into(),
        path: path
            .iter()
            .map(|(id, name)| GroupRef {
                id: (*id).into(),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn proficiency(attribute: &str, value: &str, level: f32) -> UserProficiency {
    UserProficiency {
        attribute: attribute.into(),
        value: value.into(),
        level,
    }
}

fn user(id: &str, username: &str, email: Option<&str>) -> ConnectUser {
    ConnectUser {
        id: id.into(),
        username: username.into(),
        first_name: Some("Zoë".into()),
        last_name: Some("Ångström".into()),
        email: email.map(str::to_owned),
        routing_profile_id: Some("rp-sales".into()),
        hierarchy_group_id: Some("g-berlin".into()),
        proficiencies: vec![
            proficiency("Technology", "AWS", 3.5),
            proficiency("Language", "German", 5.0),
        ],
    }
}

/// Two levels (EMEA → Berlin, AMER), two standard queues, a routing profile that routes both
/// (one of them on two channels) and a queue Connect does not list as standard, two custom
/// statuses.
fn instance(users: Vec<ConnectUser>) -> ConnectInstance {
    ConnectInstance {
        users,
        queues: vec![
            ConnectQueue {
                id: "q-sales".into(),
                name: "Sales DE".into(),
            },
            ConnectQueue {
                id: "q-support".into(),
                name: "Support".into(),
            },
        ],
        routing_profiles: vec![RoutingProfile {
            id: "rp-sales".into(),
            name: "Sales".into(),
            queue_ids: vec![
                "q-sales".into(),
                "q-agent-1".into(),
                "q-support".into(),
                "q-sales".into(),
            ],
        }],
        agent_statuses: vec![
            AgentStatus {
                id: "st-lunch".into(),
                name: "Lunch".into(),
            },
            AgentStatus {
                id: "st-coaching".into(),
                name: "Coaching".into(),
            },
        ],
        hierarchy_groups: vec![
            group("g-emea", "EMEA", &[("g-emea", "EMEA")]),
            group(
                "g-berlin",
                "Berlin",
                &[("g-emea", "EMEA"), ("g-berlin", "Berlin")],
            ),
            group("g-amer", "AMER", &[("g-amer", "AMER")]),
        ],
    }
}

fn options(extra: serde_json::Value) -> ConnectOptions {
    serde_json::from_value(extra).unwrap()
}

fn convert(instance: &ConnectInstance, options: &ConnectOptions) -> ConfigSnapshot {
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 6, 0, 0).unwrap();
    snapshot_from_instance(instance, options, at).unwrap()
}

#[test]
fn a_user_becomes_a_snapshot_user_with_division_queues_skills_and_languages() {
    let instance = instance(vec![user("u-1", "zoe", Some("zoe@example.com"))]);
    let options = options(json!({"languageAttributes": ["Language"]}));

    let snapshot = convert(&instance, &options);

    assert!(snapshot.held.is_empty(), "{:?}", snapshot.held);
    let user = &snapshot.users[0];
    assert_eq!(user.id.as_str(), "u-1");
    assert_eq!(user.name, "Zoë Ångström");
    assert_eq!(user.email, "zoe@example.com");
    assert_eq!(user.division.as_deref(), Some("g-emea"));
    let queues: Vec<&str> = user.queues.iter().map(|q| q.as_str()).collect();
    assert_eq!(queues, ["q-sales", "q-support"]);
    assert_eq!(user.skills.len(), 1);
    assert_eq!(user.skills[0].skill, skill_id("Technology", "AWS"));
    assert!(user.skills[0].proficiency.matches(3.5));
    assert_eq!(
        user.languages[0].language,
        language_id("Language", "German")
    );
    assert!(user.languages[0].proficiency.matches(5.0));
    assert_eq!(snapshot.skills[0].name, "Technology: AWS");
    assert_eq!(snapshot.languages[0].name, "German");
}

#[test]
fn divisions_are_the_groups_of_the_configured_level() {
    let instance = instance(vec![user("u-1", "zoe", Some("zoe@example.com"))]);

    let top = convert(&instance, &ConnectOptions::default());
    let second = convert(&instance, &options(json!({"divisionLevel": 2})));

    let names = |s: &ConfigSnapshot| {
        s.divisions
            .iter()
            .map(|d| d.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&top), ["EMEA", "AMER"]);
    assert_eq!(names(&second), ["Berlin"]);
    assert_eq!(second.users[0].division.as_deref(), Some("g-berlin"));
}

#[test]
fn a_user_above_the_division_level_or_in_no_group_gets_the_default_division() {
    let mut at_top = user("u-1", "top", Some("top@example.com"));
    at_top.hierarchy_group_id = Some("g-emea".into());
    let mut ungrouped = user("u-2", "free", Some("free@example.com"));
    ungrouped.hierarchy_group_id = None;
    let instance = instance(vec![at_top, ungrouped]);

    let snapshot = convert(&instance, &options(json!({"divisionLevel": 2})));

    assert_eq!(snapshot.users.len(), 2);
    assert!(snapshot.users.iter().all(|u| u.division.is_none()));
}

#[test]
fn a_user_without_email_is_held_back_by_name_and_field_and_the_rest_syncs() {
    let instance = instance(vec![
        user("u-1", "zoe", Some("zoe@example.com")),
        user("u-2", "nomail", None),
        user("u-3", "blank", Some("  ")),
    ]);

    let snapshot = convert(&instance, &ConnectOptions::default());

    let ids: Vec<&str> = snapshot.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u-1"]);
    assert_eq!(snapshot.held.len(), 2);
    let held = snapshot.held.get(ObjectKind::Users, "u-2").unwrap();
    assert_eq!(held.why, HeldWhy::Invalid);
    assert_eq!(held.problems[0].object, "users[u-2]");
    assert_eq!(held.problems[0].field, "email");
    assert!(
        held.problems[0].message.contains("`nomail` has no email"),
        "{}",
        held.problems[0].message
    );
}

#[test]
fn unknown_routing_profile_or_group_and_a_level_out_of_range_hold_the_user() {
    let mut lost = user("u-1", "lost", Some("lost@example.com"));
    lost.routing_profile_id = Some("rp-gone".into());
    lost.hierarchy_group_id = Some("g-gone".into());
    lost.proficiencies
        .push(proficiency("Technology", "Azure", 7.0));
    let instance = instance(vec![lost]);

    let snapshot = convert(&instance, &ConnectOptions::default());

    let held = snapshot.held.get(ObjectKind::Users, "u-1").unwrap();
    let fields: Vec<&str> = held.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "routingProfileId",
            "hierarchyGroupId",
            "proficiencies[Technology=Azure].level"
        ]
    );
}

#[test]
fn fractional_levels_stay_fractional() {
    let mut u = user("u-1", "zoe", Some("zoe@example.com"));
    u.proficiencies = vec![proficiency("Technology", "AWS", 1.5)];

    let snapshot = convert(&instance(vec![u]), &ConnectOptions::default());

    assert_eq!(snapshot.users[0].skills[0].proficiency.value(), 1.5);
}

#[test]
fn custom_statuses_become_secondary_statuses_busy_unless_configured() {
    let options = options(json!({"statusPresence": {"Lunch": "Meal"}, "statusLabelLocale": "de"}));

    let snapshot = convert(&instance(Vec::new()), &options);

    let statuses: Vec<(&str, SystemPresence, &str)> = snapshot
        .secondary_statuses
        .iter()
        .map(|s| (s.id.as_str(), s.system_presence, s.labels["de"].as_str()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("st-lunch", SystemPresence::Meal, "Lunch"),
            ("st-coaching", SystemPresence::Busy, "Coaching"),
        ]
    );
}

#[test]
fn a_name_falls_back_to_the_username_and_ids_escape_separators() {
    let mut u = user("u-1", "agent.one", Some("one@example.com"));
    u.first_name = None;
    u.last_name = Some(" ".into());

    let snapshot = convert(&instance(vec![u]), &ConnectOptions::default());

    assert_eq!(snapshot.users[0].name, "agent.one");
    assert_eq!(skill_id("a:b", "c").as_str(), "skill:a%3Ab=c");
    assert_ne!(skill_id("a:b", "c"), skill_id("a", "b:c"));
}

#[test]
fn duplicate_queue_names_hold_both_queues_and_the_users_stay() {
    let mut instance = instance(vec![user("u-1", "zoe", Some("zoe@example.com"))]);
    instance.queues[1].name = "sales de".into();

    let snapshot = convert(&instance, &ConnectOptions::default());

    assert!(snapshot.queues.is_empty());
    assert!(snapshot.held.contains(ObjectKind::Queues, "q-sales"));
    assert!(snapshot.held.contains(ObjectKind::Queues, "q-support"));
    assert_eq!(snapshot.users.len(), 1);
}
