//! Golden tests of the pure planner: each folder under `tests/fixtures/planner/` holds a recorded
//! snapshot, mapping, Genesys state and id map, and the plan expected from them. Snapshots are read
//! as a sync reads them (per object: an invalid object is held back, not a refusal).
//!
//! Regenerate after an intended change with `UPDATE_GOLDEN=1 cargo test -p exsync --test planner`
//! and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::{Path, PathBuf};

use exsync::external::read_snapshot;
use exsync::mapping::parse_mapping;
use exsync::reconcile::{ActualOrg, Plan, plan};
use exsync::store::IdMap;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/planner")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()))
}

fn plan_for(case: &str) -> Plan {
    let dir = fixtures().join(case);
    let snapshot = read_snapshot(&read(&dir, "snapshot.json"))
        .unwrap_or_else(|e| panic!("{case}: snapshot: {e}"));
    let mapping = parse_mapping(&read(&dir, "mapping.json"))
        .unwrap_or_else(|e| panic!("{case}: mapping: {e}"));
    let actual: ActualOrg = serde_json::from_str(&read(&dir, "actual.json")).unwrap();
    let idmap: IdMap = serde_json::from_str(&read(&dir, "idmap.json")).unwrap();
    plan(&snapshot, &mapping, &actual, &idmap)
}

/// Runs the planner on a case and compares with (or, with UPDATE_GOLDEN, writes) `expected.json`.
fn golden(case: &str) -> Plan {
    let plan = plan_for(case);
    let got = serde_json::to_string_pretty(&plan).unwrap() + "\n";
    // a plan is a complete value: its JSON reads back as the same plan
    let read_back: Plan = serde_json::from_str(&got).unwrap();
    assert_eq!(
        read_back, plan,
        "{case}: the plan does not round-trip through JSON"
    );
    let expected_path = fixtures().join(case).join("expected.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{case}: no expected.json; run with UPDATE_GOLDEN=1"));
    assert_eq!(got, expected, "{case}: plan differs from expected.json");
    plan
}

fn actions(plan: &Plan) -> Vec<String> {
    plan.changes
        .iter()
        .map(|c| {
            format!(
                "{}:{}",
                exsync::reconcile::action_name(&c.action),
                c.external_id.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn initial_sync_creates_everything_in_dependency_order() {
    let plan = golden("initial_sync_creates_everything_in_dependency_order");
    let phases: Vec<_> = plan.changes.iter().map(|c| c.phase).collect();
    let mut sorted = phases.clone();
    sorted.sort();
    assert_eq!(phases, sorted, "changes must come in phase order");
    assert!(actions(&plan).contains(&"createUser:agent-1001".to_owned()));
    assert!(plan.blocked.is_empty());
}

#[test]
fn synced_org_plans_nothing() {
    let plan = golden("synced_org_plans_nothing");
    assert!(plan.is_empty(), "{:?}", actions(&plan));
}

#[test]
fn user_found_by_email_is_adopted_not_created() {
    let plan = golden("user_found_by_email_is_adopted_not_created");
    let a = actions(&plan);
    assert!(
        a.contains(&"adoptUserByEmail:agent-1001".to_owned()),
        "{a:?}"
    );
    assert!(!a.contains(&"createUser:agent-1001".to_owned()), "{a:?}");
}

#[test]
fn user_found_by_external_id_wins_over_email() {
    let plan = golden("user_found_by_external_id_wins_over_email");
    let a = actions(&plan);
    assert!(a.contains(&"adopt:agent-1001".to_owned()), "{a:?}");
    assert!(!a.contains(&"createUser:agent-1001".to_owned()), "{a:?}");
}

#[test]
fn soft_deleted_user_who_reappears_is_restored() {
    let plan = golden("soft_deleted_user_who_reappears_is_restored");
    assert_eq!(actions(&plan), vec!["restoreUser:agent-1001"]);
}

#[test]
fn renamed_skill_is_created_anew_assignments_move_and_old_is_retired() {
    let plan = golden("renamed_skill_is_created_anew_assignments_move_and_old_is_retired");
    assert_eq!(
        actions(&plan),
        vec![
            "createSkill:sk-billing",
            "setUserSkills:agent-1000",
            "setUserSkills:agent-1001",
            "delete:sk-billing"
        ]
    );
}

#[test]
fn renamed_queue_is_updated_in_place() {
    let plan = golden("renamed_queue_is_updated_in_place");
    assert_eq!(actions(&plan), vec!["update:q-billing"]);
}

#[test]
fn leaver_is_deactivated_and_leaves_queues_natives_untouched() {
    let plan = golden("leaver_is_deactivated_and_leaves_queues_natives_untouched");
    let a = actions(&plan);
    assert!(a.contains(&"deactivateUser:agent-1001".to_owned()), "{a:?}");
    assert!(
        plan.changes
            .iter()
            .all(|c| c.genesys_id.as_deref() != Some("g-admin")),
        "the native admin is never touched"
    );
    assert!(
        plan.changes
            .iter()
            .all(|c| c.genesys_id.as_deref() != Some("g-native-q")),
        "the native queue is never touched"
    );
    assert!(plan.blocked.is_empty());
}

#[test]
fn mass_change_guard_blocks_deactivating_too_many() {
    let plan = golden("mass_change_guard_blocks_deactivating_too_many");
    assert_eq!(plan.blocked.len(), 1);
    assert_eq!((plan.blocked[0].managed, plan.blocked[0].removing), (2, 1));
}

#[test]
fn changed_user_gets_field_update_and_one_skill_replace() {
    let plan = golden("changed_user_gets_field_update_and_one_skill_replace");
    assert_eq!(
        actions(&plan),
        vec!["update:agent-1001", "setUserSkills:agent-1001"]
    );
}

#[test]
fn removed_skill_is_deleted_when_policy_says_delete() {
    let plan = golden("removed_skill_is_deleted_when_policy_says_delete");
    assert_eq!(actions(&plan), vec!["delete:sk-sales"]);
}

#[test]
fn existing_objects_are_adopted_by_exact_name() {
    let plan = golden("existing_objects_are_adopted_by_exact_name");
    let a = actions(&plan);
    assert!(a.contains(&"adopt:sk-billing".to_owned()), "{a:?}");
    assert!(a.contains(&"createSkill:sk-sales".to_owned()), "{a:?}");
    assert!(
        plan.changes
            .iter()
            .any(|c| matches!(c.action, exsync::reconcile::Action::Adopt)
                && c.genesys_id.as_deref() == Some("g-src-1"))
    );
}

#[test]
fn users_whose_external_id_lookup_did_not_fit_are_deferred_not_created() {
    let dir = fixtures().join("user_found_by_email_is_adopted_not_created");
    let snapshot = read_snapshot(&read(&dir, "snapshot.json")).unwrap();
    let mapping = parse_mapping(&read(&dir, "mapping.json")).unwrap();
    let mut actual: ActualOrg = serde_json::from_str(&read(&dir, "actual.json")).unwrap();
    actual.external_id_unchecked.insert("agent-1000".into());

    let plan = plan(&snapshot, &mapping, &actual, &IdMap::new());

    let a = actions(&plan);
    assert!(
        !a.iter()
            .any(|x| x.ends_with(":agent-1000") && x.starts_with("createUser")),
        "{a:?}"
    );
    assert!(
        a.contains(&"adoptUserByEmail:agent-1001".to_owned()),
        "others proceed: {a:?}"
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.starts_with("1 new users deferred")),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn a_manager_listed_after_their_report_plans_nothing() {
    let plan = golden("manager_listed_after_report_plans_nothing");
    assert!(plan.is_empty(), "{:?}", actions(&plan));
}

#[test]
fn a_manager_in_another_division_plans_nothing() {
    let plan = golden("manager_in_another_division_plans_nothing");
    assert!(plan.is_empty(), "{:?}", actions(&plan));
}

#[test]
fn a_fractional_proficiency_round_trips_without_drift() {
    let plan = golden("fractional_proficiency_round_trips_without_drift");
    assert!(plan.is_empty(), "{:?}", actions(&plan));
}

#[test]
fn an_invalid_user_is_held_and_left_as_genesys_has_it() {
    let plan = golden("invalid_user_is_held_and_left_as_genesys_has_it");
    assert!(plan.is_empty(), "{:?}", actions(&plan));
    assert!(plan.blocked.is_empty());
    let skipped: Vec<(&str, &str)> = plan
        .skipped
        .iter()
        .map(|s| (s.external_id.as_deref().unwrap_or("-"), s.part.as_str()))
        .collect();
    assert_eq!(skipped, [("agent-1001", "object")]);
    assert!(
        plan.skipped[0].reason.contains("email"),
        "{}",
        plan.skipped[0].reason
    );
}

#[test]
fn objects_in_a_held_default_division_are_held_with_it() {
    let dir = fixtures().join("synced_org_plans_nothing");
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&read(&dir, "snapshot.json")).unwrap();
    snapshot["divisions"][0]["name"] = "".into();
    for user in snapshot["users"].as_array_mut().unwrap() {
        user.as_object_mut().unwrap().remove("division");
    }
    let mut mapping: serde_json::Value = serde_json::from_str(&read(&dir, "mapping.json")).unwrap();
    mapping["defaultDivision"] = "bu-emea".into();
    let snapshot = read_snapshot(&snapshot.to_string()).unwrap();
    let mapping = parse_mapping(&mapping.to_string()).unwrap();
    let actual: ActualOrg = serde_json::from_str(&read(&dir, "actual.json")).unwrap();
    let idmap: IdMap = serde_json::from_str(&read(&dir, "idmap.json")).unwrap();

    let plan = plan(&snapshot, &mapping, &actual, &idmap);

    let touched: Vec<String> = plan
        .changes
        .iter()
        .filter(|c| c.kind == Some(exsync::external::ObjectKind::Users))
        .map(|c| exsync::reconcile::action_name(&c.action))
        .collect();
    assert!(touched.is_empty(), "{touched:?}");
    for user in ["agent-1000", "agent-1001"] {
        assert!(
            plan.skipped
                .iter()
                .any(|s| s.external_id.as_deref() == Some(user)
                    && s.part == "object"
                    && s.reason.contains("defaultDivision")),
            "{user}: {:#?}",
            plan.skipped
        );
    }
}

#[test]
fn a_manager_outside_the_scope_is_left_as_genesys_has_it_not_retried_each_run() {
    let dir = fixtures().join("synced_org_plans_nothing");
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&read(&dir, "snapshot.json")).unwrap();
    snapshot["divisions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "bu-apac", "name": "APAC"}));
    for user in snapshot["users"].as_array_mut().unwrap() {
        if user["id"] == "agent-1000" {
            user["division"] = "bu-apac".into();
        }
    }
    let mut mapping: serde_json::Value = serde_json::from_str(&read(&dir, "mapping.json")).unwrap();
    mapping["scope"] = serde_json::json!({"divisions": ["bu-emea"]});
    let snapshot = read_snapshot(&snapshot.to_string()).unwrap();
    let mapping = parse_mapping(&mapping.to_string()).unwrap();
    let actual: ActualOrg = serde_json::from_str(&read(&dir, "actual.json")).unwrap();
    let mut idmap: IdMap = serde_json::from_str(&read(&dir, "idmap.json")).unwrap();
    idmap.tables.users.remove("agent-1000");

    let plan = plan(&snapshot, &mapping, &actual, &idmap);

    let manager_updates = plan
        .changes
        .iter()
        .filter(|c| matches!(&c.action, exsync::reconcile::Action::Update { fields, .. } if fields.iter().any(|f| f.field == "manager")))
        .count();
    assert_eq!(manager_updates, 0, "{:?}", actions(&plan));
    assert!(
        plan.skipped
            .iter()
            .any(|s| s.external_id.as_deref() == Some("agent-1001")
                && s.part == "manager"
                && s.reason.contains("scope")),
        "{:#?}",
        plan.skipped
    );
}
