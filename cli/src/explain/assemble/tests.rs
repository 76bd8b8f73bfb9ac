#![allow(clippy::unwrap_used, clippy::expect_used)]

use exsync::external::read_snapshot;
use exsync::mapping::parse_mapping;
use exsync::reconcile::{ObjectStatus, ObjectStatuses, RunReport};
use serde_json::{Value, json};

use super::*;
use crate::explain::read::SnapshotInput;
use crate::explain::render;
use crate::ops::dead_letters::Letter;

fn no_credentials() -> Live {
    Live::NotRead {
        reason: "no credentials (GENESYS_REGION is not set)".into(),
    }
}

fn report(items: Value) -> RunReport {
    serde_json::from_value(json!({
        "schema": "exsync.report/v1",
        "startedAt": "2026-12-01T06:00:00.000Z",
        "finishedAt": "2026-12-01T06:00:03.000Z",
        "trigger": "schedule",
        "mode": "apply",
        "planSummary": {},
        "warnings": [],
        "apply": {"counts": {"planned": 1, "applied": 0, "failed": 1, "skipped": 0},
                  "stoppedEarly": false, "blocked": [], "items": items},
        "genesys": {"calls": 1, "retries": 0, "throttled": 0,
                    "waited": {"secs": 0, "nanos": 0}, "tokenRequests": 1}
    }))
    .unwrap()
}

fn statuses(kind: ObjectKind, id: &str, status: ObjectStatus) -> ObjectStatuses {
    let mut s = ObjectStatuses {
        schema: "exsync.object-status/v1".into(),
        updated_at: "2026-12-01T06:00:00.000Z".into(),
        ..ObjectStatuses::default()
    };
    s.objects.entry(kind).or_default().insert(id.into(), status);
    s
}

#[test]
fn an_object_nothing_knows_about_is_unknown() {
    let inputs = Inputs {
        idmap: Some(IdMap::new()),
        ..Inputs::default()
    };

    assert!(explain(Kind::Queue, "q-nope", &inputs, no_credentials()).is_none());
}

#[test]
fn a_failed_change_carries_genesys_status_code_and_correlation_id() {
    let inputs = Inputs {
        report: Some(report(json!([{
            "phase": "users", "kind": "users", "externalId": "agent-7", "genesysId": null,
            "action": "createUser", "outcome": "failed", "error": "409 email in use",
            "retryable": false, "status": 409, "code": "general.conflict", "correlationId": "corr-9"
        }]))),
        ..Inputs::default()
    };

    let e = explain(Kind::User, "agent-7", &inputs, no_credentials()).unwrap();
    let json = serde_json::to_value(&e).unwrap();

    let change = &json["lastSync"]["report"]["changes"][0];
    assert_eq!(change["outcome"], "failed");
    assert_eq!(change["status"], 409);
    assert_eq!(change["code"], "general.conflict");
    assert_eq!(change["correlationId"], "corr-9");
    assert_eq!(json["genesys"]["read"], "notRead");
    assert!(!e.management.managed);
    let text = render(&e);
    assert!(text.contains("not read: no credentials"), "{text}");
    assert!(text.contains("corr-9") && text.contains("FAILED"), "{text}");
}

#[test]
fn an_object_outside_the_scope_is_not_managed_even_when_mapped() {
    let mut idmap = IdMap::new();
    idmap.set(ObjectKind::Queues, "q-fr", "g-q-fr");
    let inputs = Inputs {
        idmap: Some(idmap),
        statuses: Some(statuses(
            ObjectKind::Queues,
            "q-fr",
            ObjectStatus {
                state: exsync::reconcile::SyncState::NotManaged,
                genesys_id: Some("g-q-fr".into()),
                last_success: None,
                detail: Some("outside the mapping's scope.divisions".into()),
            },
        )),
        ..Inputs::default()
    };

    let e = explain(Kind::Queue, "q-fr", &inputs, no_credentials()).unwrap();

    assert_eq!(e.genesys_id.as_deref(), Some("g-q-fr"));
    assert!(!e.management.managed);
    assert!(
        e.management
            .reasons
            .iter()
            .any(|r| r.contains("outside the mapping's scope")),
        "{:?}",
        e.management.reasons
    );
    assert_eq!(
        target(Kind::Queue, "q-fr", &inputs),
        Target::Object(ObjectKind::Queues, "g-q-fr".into())
    );
}

const SNAPSHOT: &str = r#"{
  "schema": "exsync.config/v1", "generatedAt": "2026-12-01T05:00:00Z",
  "divisions": [{"id": "bu-1", "name": "One"}], "skills": [{"id": "sk-1", "name": "Billing"}],
  "languages": [], "wrapupCodes": [], "secondaryStatuses": [], "queues": [],
  "users": [
    {"id": "agent-1", "name": "Ann", "email": "ann@example.com", "division": "bu-1",
     "skills": [{"skill": "sk-1", "proficiency": 3}]},
    {"id": "agent-2", "name": "Bob", "email": "not an email"}
  ]
}"#;

const MAPPING: &str = r#"{
  "schema": "exsync.mapping/v1", "userAuthority": "ext", "presenceSourceName": "Ext",
  "namePrefix": "EXT ",
  "agentState": {"fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}}
}"#;

fn with_files() -> Inputs {
    let mut idmap = IdMap::new();
    idmap.set(ObjectKind::Divisions, "bu-1", "g-bu-1");
    Inputs {
        idmap: Some(idmap),
        snapshot: Some(SnapshotInput {
            file: "config.json".into(),
            document: serde_json::from_str(SNAPSHOT).unwrap(),
            snapshot: Some(read_snapshot(SNAPSHOT).unwrap()),
        }),
        mapping: Some(parse_mapping(MAPPING).unwrap()),
        ..Inputs::default()
    }
}

#[test]
fn the_mapping_view_names_the_genesys_side_of_every_reference() {
    let e = explain(Kind::User, "agent-1", &with_files(), no_credentials()).unwrap();

    let view = e.mapping.unwrap();
    assert_eq!(view.user_external_id.as_deref(), Some("ext/agent-1"));
    assert_eq!(view.division.unwrap().genesys_id.as_deref(), Some("g-bu-1"));
    let skill = &view.references[0];
    assert_eq!(
        (skill.role.as_str(), skill.genesys_id.as_deref()),
        ("skill", None)
    );
    assert!(view.in_scope);
    let skill = explain(Kind::Skill, "sk-1", &with_files(), no_credentials()).unwrap();
    assert_eq!(
        skill.mapping.unwrap().genesys_name.as_deref(),
        Some("EXT Billing")
    );
}

#[test]
fn an_invalid_user_shows_its_record_as_written_and_why_it_is_held_back() {
    let e = explain(Kind::User, "agent-2", &with_files(), no_credentials()).unwrap();

    assert_eq!(e.external.record.as_ref().unwrap()["email"], "not an email");
    let held = e.external.held.clone().unwrap();
    assert!(held.starts_with("invalid: email"), "{held}");
    assert!(e.mapping.is_none());
    assert!(!e.management.managed);
    assert!(e.management.reasons.iter().any(|r| r.contains("held back")));
}

fn letter(key: &str, value: Value) -> (Letter, bool) {
    (
        Letter {
            key: key.into(),
            value,
        },
        false,
    )
}

#[test]
fn an_agent_state_letter_is_the_agents_when_its_body_has_an_event_of_the_agent() {
    let event = |agent: &str| json!({"eventId": "e", "agentId": agent}).to_string();
    let inputs = Inputs {
        letters: vec![
            letter(
                "dead-letters/agent-state/2026-12-01/m-1.json",
                json!({"function": "agent-state", "reason": "unknown agent",
                       "body": format!("[{}, {}]", event("agent-2"), event("agent-1"))}),
            ),
            letter(
                "dead-letters/agent-state/2026-12-01/m-2.json",
                json!({"function": "agent-state", "reason": "unknown agent", "body": event("agent-3")}),
            ),
        ],
        ..Inputs::default()
    };

    let e = explain(Kind::User, "agent-1", &inputs, no_credentials()).unwrap();

    let keys: Vec<&str> = e.dead_letters.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, ["dead-letters/agent-state/2026-12-01/m-1.json"]);
    assert_eq!(e.dead_letters[0].reason, "unknown agent");
}

#[test]
fn an_agents_recent_skips_are_shown_newest_first_with_their_reasons() {
    let record = json!({
        "schema": "exsync.agent-state-record/v1", "agentId": "agent-1",
        "lastEventId": "e-3", "lastOccurredAt": "2026-12-01T08:20:00Z", "recentEventIds": ["e-3"],
        "recentSkips": [
            {"eventId": "e-1", "occurredAt": "2026-12-01T08:00:00Z",
             "skippedAt": "2026-12-01T09:00:00Z", "reason": "stale",
             "lastOccurredAt": "2026-12-01T08:10:00Z"},
            {"eventId": "e-3", "occurredAt": "2026-12-01T08:20:00Z", "reason": "unchanged"}
        ]
    });
    let inputs = Inputs {
        agent: Some(serde_json::from_value(record).unwrap()),
        letters: vec![letter(
            "dead-letters/agent-state/2026-12-01/m-1.json",
            json!({"function": "agent-state", "reason": "unknown agent",
                   "body": json!({"eventId": "e", "agentId": "agent-1"}).to_string()}),
        )],
        ..Inputs::default()
    };

    let e = explain(Kind::User, "agent-1", &inputs, no_credentials()).unwrap();
    let json = serde_json::to_value(&e).unwrap();
    let text = render(&e);

    let skips = &json["agent"]["recentSkips"];
    assert_eq!(skips[0]["eventId"], "e-3");
    assert_eq!(skips[0]["reason"], "unchanged");
    assert_eq!(skips[1]["eventId"], "e-1");
    assert_eq!(skips[1]["reason"], "stale");
    assert_eq!(skips[1]["lastOccurredAt"], "2026-12-01T08:10:00+00:00");
    assert_eq!(skips[1]["skippedAt"], "2026-12-01T09:00:00+00:00");
    assert!(text.contains("2 recent, newest first"), "{text}");
    assert!(
        text.contains("stale (older than the last event taken, 2026-12-01T08:10:00+00:00)"),
        "{text}"
    );
    assert!(!text.contains("not kept"), "{text}");
}
