//! One test per snapshot rule, each asserting the exact object and field of the problem.

use serde_json::{Value, json};

use super::validate_snapshot;
use crate::external::snapshot::{ConfigSnapshot, Proficiency};
use crate::ids::{ExternalId, ExternalUserId};
use crate::presence::SystemPresence;

pub(crate) fn base_json() -> Value {
    json!({
        "schema": "exsync.config/v1",
        "generatedAt": "2026-11-24T06:00:00Z",
        "divisions": [{"id": "bu-emea", "name": "EMEA"}, {"id": "bu-dach", "name": "DACH"}],
        "skills": [{"id": "sk-billing", "name": "Billing", "division": "bu-emea"},
                   {"id": "sk-tech", "name": "Technical"}],
        "languages": [{"id": "lang-de", "name": "German"}],
        "wrapupCodes": [{"id": "wu-resolved", "name": "Resolved"}, {"id": "wu-callback", "name": "Callback"}],
        "secondaryStatuses": [{"id": "nr-lunch", "systemPresence": "Meal",
                               "labels": {"en_US": "Lunch", "de": "Mittagspause"}}],
        "queues": [{"id": "q-billing", "name": "Billing DE", "division": "bu-emea",
                    "wrapupCodes": ["wu-resolved", "wu-callback"]},
                   {"id": "q-tech", "name": "Tech DE"}],
        "users": [
            {"id": "lead-1", "name": "Jana Kraus", "email": "jana.kraus@example.com", "division": "bu-emea"},
            {"id": "agent-1", "name": "Lena Vogel", "email": "lena.vogel@example.com", "manager": "lead-1",
             "skills": [{"skill": "sk-billing", "proficiency": 4}],
             "languages": [{"language": "lang-de", "proficiency": 5}], "queues": ["q-billing"]},
            {"id": "agent-2", "name": "Tom Weber", "email": "tom.weber@example.com", "manager": "lead-1"}
        ]
    })
}

fn base() -> ConfigSnapshot {
    serde_json::from_value(base_json()).unwrap()
}

/// The (object, field) of every problem.
fn problems(snapshot: &ConfigSnapshot) -> Vec<(String, String)> {
    match validate_snapshot(snapshot) {
        Ok(()) => Vec::new(),
        Err(error) => error
            .problems()
            .iter()
            .map(|p| (p.object.clone(), p.field.clone()))
            .collect(),
    }
}

/// The message of the only problem, after asserting its object and field.
fn only(snapshot: &ConfigSnapshot, object: &str, field: &str) -> String {
    let error = validate_snapshot(snapshot).unwrap_err();
    let [problem] = error.problems() else {
        panic!("expected one problem, got {:?}", error.problems());
    };
    assert_eq!(
        (problem.object.as_str(), problem.field.as_str()),
        (object, field)
    );
    problem.message.clone()
}

fn pair(object: &str, field: &str) -> (String, String) {
    (object.to_owned(), field.to_owned())
}

#[test]
fn the_base_snapshot_is_valid() {
    assert_eq!(problems(&base()), Vec::<(String, String)>::new());
}

#[test]
fn duplicate_ids_are_reported_on_the_repeat() {
    let mut s = base();
    s.divisions[1].id = ExternalId::new("bu-emea");
    assert_eq!(only(&s, "divisions[bu-emea]", "id"), "duplicate id");
}

#[test]
fn empty_ids_are_reported_by_position() {
    let mut s = base();
    s.languages[0].id = ExternalId::new("");
    assert_eq!(problems(&s).first(), Some(&pair("languages[0]", "id")));
}

#[test]
fn duplicate_names_are_reported_case_insensitively_on_both_objects() {
    let mut s = base();
    s.skills[1].name = "billing".into();
    let error = validate_snapshot(&s).unwrap_err();
    let found: Vec<(&str, &str, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.object.as_str(), p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "skills[sk-tech]",
                "name",
                "duplicate name `billing`; also used by skills[sk-billing]"
            ),
            (
                "skills[sk-billing]",
                "name",
                "duplicate name `billing`; also used by skills[sk-tech]"
            ),
        ]
    );
}

#[test]
fn empty_names_are_reported() {
    let mut s = base();
    s.queues[1].name = "  ".into();
    assert_eq!(only(&s, "queues[q-tech]", "name"), "must not be empty");
}

#[test]
fn a_dangling_division_is_reported() {
    let mut s = base();
    s.wrapup_codes[0].division = Some(ExternalId::new("bu-apac"));
    assert_eq!(
        only(&s, "wrapupCodes[wu-resolved]", "division"),
        "unknown division `bu-apac`"
    );
}

#[test]
fn a_dangling_wrapup_code_on_a_queue_is_reported() {
    let mut s = base();
    s.queues[0].wrapup_codes[1] = ExternalId::new("wu-gone");
    assert_eq!(
        only(&s, "queues[q-billing]", "wrapupCodes[1]"),
        "unknown wrap-up code `wu-gone`"
    );
}

#[test]
fn a_wrapup_code_listed_twice_on_a_queue_is_reported() {
    let mut s = base();
    s.queues[0].wrapup_codes[1] = ExternalId::new("wu-resolved");
    assert_eq!(
        only(&s, "queues[q-billing]", "wrapupCodes[1]"),
        "wrap-up code `wu-resolved` is listed twice"
    );
}

#[test]
fn a_secondary_status_needs_a_label() {
    let mut s = base();
    s.secondary_statuses[0].labels.clear();
    assert_eq!(
        only(&s, "secondaryStatuses[nr-lunch]", "labels"),
        "at least one label is required"
    );
}

#[test]
fn an_empty_label_is_reported() {
    let mut s = base();
    s.secondary_statuses[0]
        .labels
        .insert("de".into(), String::new());
    assert_eq!(
        only(&s, "secondaryStatuses[nr-lunch]", "labels.de"),
        "must not be empty"
    );
}

#[test]
fn a_malformed_locale_is_reported() {
    let mut s = base();
    s.secondary_statuses[0]
        .labels
        .insert("en-us".into(), "Lunch break".into());
    only(&s, "secondaryStatuses[nr-lunch]", "labels.en-us");
}

#[test]
fn a_label_used_twice_in_one_locale_is_reported() {
    let mut s = base();
    let mut copy = s.secondary_statuses[0].clone();
    copy.id = ExternalId::new("nr-meal");
    copy.labels.remove("de");
    s.secondary_statuses.push(copy);
    assert_eq!(
        problems(&s),
        [
            pair("secondaryStatuses[nr-meal]", "labels.en_US"),
            pair("secondaryStatuses[nr-lunch]", "labels.en_US"),
        ]
    );
}

#[test]
fn a_secondary_status_cannot_roll_up_to_offline() {
    let mut s = base();
    s.secondary_statuses[0].system_presence = SystemPresence::Offline;
    only(&s, "secondaryStatuses[nr-lunch]", "systemPresence");
}

#[test]
fn a_malformed_email_is_reported() {
    for bad in [
        "lena.vogel",
        "lena@",
        "@example.com",
        "lena vogel@example.com",
        "lena@example",
        "lena@exa..mple.com",
    ] {
        let mut s = base();
        s.users[1].email = bad.into();
        assert_eq!(
            only(&s, "users[agent-1]", "email"),
            format!("`{bad}` is not an email address")
        );
    }
}

#[test]
fn a_duplicate_email_is_reported_case_insensitively() {
    let mut s = base();
    s.users[2].email = "Lena.Vogel@Example.com".into();
    let error = validate_snapshot(&s).unwrap_err();
    let messages: Vec<(&str, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.object.as_str(), p.message.as_str()))
        .collect();
    // both sides: which user owns the address cannot be told from the snapshot
    assert_eq!(
        messages,
        [
            (
                "users[agent-2]",
                "duplicate email `Lena.Vogel@Example.com`; also used by users[agent-1]"
            ),
            (
                "users[agent-1]",
                "duplicate email `Lena.Vogel@Example.com`; also used by users[agent-2]"
            ),
        ]
    );
}

#[test]
fn a_user_needs_a_name() {
    let mut s = base();
    s.users[2].name = String::new();
    assert_eq!(only(&s, "users[agent-2]", "name"), "must not be empty");
}

#[test]
fn a_user_in_an_unknown_division_is_reported() {
    let mut s = base();
    s.users[2].division = Some(ExternalId::new("bu-x"));
    assert_eq!(
        only(&s, "users[agent-2]", "division"),
        "unknown division `bu-x`"
    );
}

#[test]
fn an_unknown_manager_is_reported() {
    let mut s = base();
    s.users[2].manager = Some(ExternalUserId::new("lead-9"));
    assert_eq!(
        only(&s, "users[agent-2]", "manager"),
        "unknown user `lead-9`"
    );
}

#[test]
fn a_user_who_manages_himself_is_reported() {
    let mut s = base();
    s.users[2].manager = Some(ExternalUserId::new("agent-2"));
    assert_eq!(
        only(&s, "users[agent-2]", "manager"),
        "a user cannot be their own manager"
    );
}

#[test]
fn a_loop_in_the_manager_chain_is_reported_on_each_of_its_users() {
    let mut s = base();
    s.users[0].manager = Some(ExternalUserId::new("agent-1"));
    let error = validate_snapshot(&s).unwrap_err();
    let found: Vec<(&str, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.object.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "users[lead-1]",
                "the manager chain loops: lead-1 → agent-1 → lead-1"
            ),
            (
                "users[agent-1]",
                "the manager chain loops: lead-1 → agent-1 → lead-1"
            ),
        ]
    );
}

#[test]
fn a_deep_manager_chain_without_a_loop_is_valid() {
    let mut s = base();
    let template = s.users[1].clone();
    for i in 0..2_000 {
        let mut u = template.clone();
        u.id = ExternalUserId::new(format!("deep-{i}"));
        u.email = format!("deep-{i}@example.com");
        u.manager = (i > 0).then(|| ExternalUserId::new(format!("deep-{}", i - 1)));
        s.users.push(u);
    }
    assert_eq!(problems(&s), Vec::<(String, String)>::new());
}

#[test]
fn an_unknown_skill_is_reported() {
    let mut s = base();
    s.users[1].skills[0].skill = ExternalId::new("sk-none");
    assert_eq!(
        only(&s, "users[agent-1]", "skills[0].skill"),
        "unknown skill `sk-none`"
    );
}

#[test]
fn a_skill_listed_twice_is_reported() {
    let mut s = base();
    let again = s.users[1].skills[0].clone();
    s.users[1].skills.push(again);
    assert_eq!(
        only(&s, "users[agent-1]", "skills[1].skill"),
        "skill `sk-billing` is listed twice"
    );
}

#[test]
fn a_skill_proficiency_out_of_range_is_reported() {
    let mut s = base();
    s.users[1].skills[0].proficiency = serde_json::from_value(json!(6)).unwrap();
    assert_eq!(
        only(&s, "users[agent-1]", "skills[0].proficiency"),
        "6 is out of range 0.0 to 5.0"
    );
}

#[test]
fn a_language_proficiency_out_of_range_is_reported() {
    let mut s = base();
    s.users[1].languages[0].proficiency = serde_json::from_value(json!(9)).unwrap();
    assert_eq!(
        only(&s, "users[agent-1]", "languages[0].proficiency"),
        "9 is out of range 0.0 to 5.0"
    );
}

#[test]
fn an_unknown_language_is_reported() {
    let mut s = base();
    s.users[1].languages[0].language = ExternalId::new("lang-xx");
    assert_eq!(
        only(&s, "users[agent-1]", "languages[0].language"),
        "unknown language `lang-xx`"
    );
}

#[test]
fn an_unknown_queue_is_reported() {
    let mut s = base();
    s.users[1].queues.push(ExternalId::new("q-gone"));
    assert_eq!(
        only(&s, "users[agent-1]", "queues[1]"),
        "unknown queue `q-gone`"
    );
}

#[test]
fn a_queue_listed_twice_is_reported() {
    let mut s = base();
    s.users[1].queues.push(ExternalId::new("q-billing"));
    assert_eq!(
        only(&s, "users[agent-1]", "queues[1]"),
        "queue `q-billing` is listed twice"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = base();
    s.skills[1].division = Some(ExternalId::new("bu-x"));
    s.users[1].email = "nope".into();
    s.users[2].queues.push(ExternalId::new("q-x"));
    assert_eq!(
        problems(&s),
        [
            pair("skills[sk-tech]", "division"),
            pair("users[agent-1]", "email"),
            pair("users[agent-2]", "queues[0]"),
        ]
    );
}

#[test]
fn proficiency_bounds_are_zero_to_five() {
    assert!(Proficiency::new(0.0).is_some());
    assert!(Proficiency::new(2.5).is_some());
    assert!(Proficiency::new(5.0).is_some());
    assert!(Proficiency::new(5.01).is_none());
    assert!(Proficiency::new(-0.5).is_none());
    assert!(Proficiency::new(f64::NAN).is_none());
}
