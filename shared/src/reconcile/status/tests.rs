//! The per-object status of a run: synced, failed, skipped, not managed, with the last success
//! kept across runs that did not sync the object.

use serde_json::json;

use super::*;
use crate::external::read_snapshot;
use crate::mapping::parse_mapping;
use crate::reconcile::{ItemReport, Phase, Skipped};

fn snapshot() -> ConfigSnapshot {
    read_snapshot(
        &json!({
            "schema": "exsync.config/v1", "generatedAt": "2026-12-01T06:00:00Z",
            "divisions": [{"id": "bu-in", "name": "In"}, {"id": "bu-out", "name": "Out"}],
            "skills": [], "languages": [], "wrapupCodes": [], "secondaryStatuses": [], "queues": [],
            "users": [
                {"id": "u-ok", "name": "A", "email": "a@example.com", "division": "bu-in"},
                {"id": "u-failed", "name": "B", "email": "b@example.com", "division": "bu-in"},
                {"id": "u-manager", "name": "C", "email": "c@example.com", "division": "bu-in", "manager": "u-bad"},
                {"id": "u-bad", "name": "D", "email": "not an address", "division": "bu-in"},
                {"id": "u-out", "name": "E", "email": "e@example.com", "division": "bu-out"}
            ]
        })
        .to_string(),
    )
    .unwrap()
}

fn mapping() -> MappingDocument {
    parse_mapping(
        &json!({
            "schema": "exsync.mapping/v1", "userAuthority": "exsync", "presenceSourceName": "X",
            "scope": {"divisions": ["bu-in"]},
            "agentState": {"fallback": {"presence": {"system": "Busy"}, "routingStatus": "OffQueue"}}
        })
        .to_string(),
    )
    .unwrap()
}

fn failed_item(ext: &str) -> ItemReport {
    ItemReport {
        phase: Phase::Users,
        kind: Some(ObjectKind::Users),
        external_id: Some(ext.into()),
        genesys_id: None,
        action: "createUser".into(),
        outcome: Outcome::failed_locally("409 email in use".into()),
    }
}

#[test]
fn each_object_gets_its_state_and_the_last_success_survives_a_failure() {
    let snapshot = snapshot();
    let mapping = mapping();
    let plan = Plan {
        skipped: vec![Skipped {
            kind: ObjectKind::Users,
            external_id: Some("u-manager".into()),
            part: "manager".into(),
            reason: "the manager users[u-bad] is held back".into(),
        }],
        ..Plan::default()
    };
    let apply = ApplyReport {
        items: vec![failed_item("u-failed")],
        ..ApplyReport::default()
    };
    let mut idmap = IdMap::new();
    idmap.set(ObjectKind::Users, "u-ok", "g-ok");
    let previous = object_statuses(
        RunFacts {
            snapshot: &snapshot,
            mapping: &mapping,
            plan: &Plan::default(),
            apply: &ApplyReport::default(),
            idmap: &idmap,
            started_at: "2026-12-01T06:00:00Z",
        },
        None,
    );

    let now = object_statuses(
        RunFacts {
            snapshot: &snapshot,
            mapping: &mapping,
            plan: &plan,
            apply: &apply,
            idmap: &idmap,
            started_at: "2026-12-01T06:15:00Z",
        },
        Some(&previous),
    );

    let state = |ext: &str| now.get(ObjectKind::Users, ext).unwrap();
    assert_eq!(state("u-ok").state, SyncState::Synced);
    assert_eq!(state("u-ok").genesys_id.as_deref(), Some("g-ok"));
    assert_eq!(
        state("u-ok").last_success.as_deref(),
        Some("2026-12-01T06:15:00Z")
    );
    assert_eq!(state("u-failed").state, SyncState::Failed);
    assert!(state("u-failed").detail.as_deref().unwrap().contains("409"));
    assert_eq!(
        state("u-failed").last_success.as_deref(),
        Some("2026-12-01T06:00:00Z"),
        "the last success is kept"
    );
    assert_eq!(state("u-manager").state, SyncState::Skipped);
    assert!(
        state("u-manager")
            .detail
            .as_deref()
            .unwrap()
            .contains("users[u-bad]")
    );
    assert_eq!(state("u-bad").state, SyncState::Skipped);
    assert!(state("u-bad").detail.as_deref().unwrap().contains("email"));
    assert_eq!(state("u-out").state, SyncState::NotManaged);
    let failed: Vec<&str> = now.in_state(SyncState::Failed).map(|(_, e, _)| e).collect();
    assert_eq!(failed, ["u-failed"]);
}
