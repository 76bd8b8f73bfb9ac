//! Saved plans: a fresh read equal to the basis is current; every difference is named.

use super::*;
use crate::genesys::model::UserState;
use crate::reconcile::actual::{ActualQueue, ActualUser};
use crate::reconcile::plan::{Action, Change, Phase};

fn user(id: &str, version: i64, title: &str) -> ActualUser {
    ActualUser {
        id: id.into(),
        name: "Lena".into(),
        email: "lena@example.com".into(),
        division_id: None,
        title: Some(title.into()),
        department: None,
        manager_id: None,
        employee_id: None,
        state: UserState::Active,
        version,
        skills: BTreeMap::new(),
        languages: BTreeMap::new(),
    }
}

fn org(users: Vec<ActualUser>, queues: Vec<ActualQueue>) -> ActualOrg {
    ActualOrg {
        users,
        queues,
        ..ActualOrg::default()
    }
}

fn change(kind: ObjectKind, genesys: &str) -> Change {
    Change {
        phase: Phase::UserDetails,
        kind: Some(kind),
        external_id: Some("x".into()),
        genesys_id: Some(genesys.into()),
        version: None,
        action: Action::Delete,
        reason: "test".into(),
    }
}

fn queue(id: &str, members: &[&str]) -> ActualQueue {
    ActualQueue {
        id: id.into(),
        name: "Sales".into(),
        division_id: None,
        description: None,
        members: members.iter().map(|m| (*m).to_owned()).collect(),
        wrapup_codes: Vec::new(),
    }
}

fn plan_of(changes: Vec<Change>) -> Plan {
    Plan {
        changes,
        ..Plan::default()
    }
}

#[test]
fn an_unchanged_org_and_id_map_leave_the_plan_current() {
    let actual = org(vec![user("g-1", 3, "Agent")], vec![queue("q-1", &["g-1"])]);
    let plan = plan_of(vec![
        change(ObjectKind::Users, "g-1"),
        change(ObjectKind::Queues, "q-1"),
    ]);
    let basis = basis(&plan, &actual, Some("etag-1"));
    assert_eq!(basis.objects.len(), 2);
    assert!(staleness(&basis, &actual, Some("etag-1")).is_empty());
}

#[test]
fn a_user_changed_since_the_plan_is_named_with_its_fields_and_version() {
    let then = org(vec![user("g-1", 3, "Agent")], vec![]);
    let now = org(vec![user("g-1", 5, "Lead")], vec![]);
    let basis = basis(
        &plan_of(vec![change(ObjectKind::Users, "g-1")]),
        &then,
        None,
    );
    let stale = staleness(&basis, &now, None);
    assert_eq!(stale.len(), 1);
    let text = stale[0].to_string();
    assert!(
        text.starts_with("users g-1: changed since the plan"),
        "{text}"
    );
    assert!(text.contains("title"), "{text}");
    assert!(text.contains("version 3 → 5"), "{text}");
}

#[test]
fn a_deleted_object_and_changed_members_are_named() {
    let then = org(vec![user("g-1", 3, "Agent")], vec![queue("q-1", &[])]);
    let now = org(vec![], vec![queue("q-1", &["g-9"])]);
    let plan = plan_of(vec![
        change(ObjectKind::Users, "g-1"),
        change(ObjectKind::Queues, "q-1"),
    ]);
    let stale = staleness(&basis(&plan, &then, None), &now, None);
    let text: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        text.contains(&"users g-1: no longer exists in Genesys".to_owned()),
        "{text:?}"
    );
    assert!(
        text.contains(&"queues q-1: changed since the plan: members".to_owned()),
        "{text:?}"
    );
}

#[test]
fn another_sync_writing_the_id_map_makes_the_plan_stale() {
    let actual = org(vec![], vec![]);
    let basis = basis(&Plan::default(), &actual, None);
    let stale = staleness(&basis, &actual, Some("etag-2"));
    assert_eq!(stale.len(), 1);
    assert!(
        stale[0].to_string().contains("another sync ran"),
        "{}",
        stale[0]
    );
}

#[test]
fn an_edited_plan_file_fails_its_integrity_check() {
    let mut saved = SavedPlan::new(
        Plan::default(),
        Basis::default(),
        ("{\"schema\":\"exsync.config/v1\"}", "{}"),
        "https://api.example",
        "2026-12-03T00:00:00Z",
    );
    assert!(saved.integrity_problems().is_empty());
    saved.snapshot.push(' ');
    assert_eq!(
        saved.integrity_problems(),
        vec!["the snapshot in the file does not match snapshotDigest".to_owned()]
    );
}
