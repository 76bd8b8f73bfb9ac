//! A generated 500-user org (fractional proficiencies, shuffled managers, Unicode names) against
//! the emulator: it syncs in one run, its rerun writes nothing, a 5 % change writes in proportion,
//! and an invalid object is held back: left byte-identical in Genesys while everything else syncs.

use exsync::external::ObjectKind;
use exsync::external::{ConfigSnapshot, read_snapshot};
use exsync::reconcile::{ObjectStatuses, SyncState};
use exsync::store::keys;
use integration_tests::orgs::{OrgSpec, plain_mapping};
use serde_json::{Value, json};

use super::helpers::{World, assert_clean, write_calls};

const USERS: usize = 500;

fn spec() -> OrgSpec {
    OrgSpec::seeded(2026, USERS)
}

fn read(document: &Value) -> ConfigSnapshot {
    read_snapshot(&document.to_string()).unwrap()
}

/// The user with external id `ext` in a snapshot document.
fn user_mut<'a>(document: &'a mut Value, ext: &str) -> &'a mut Value {
    document["users"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["id"] == ext)
        .unwrap()
}

/// The emulator's record of the Genesys user `id`, as JSON.
fn genesys_user(world: &World, id: &str) -> Value {
    world.genesys.emulator.state_json()["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn a_generated_500_user_org_syncs_in_one_run_and_its_rerun_writes_nothing() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    let first = world.sync(&read(&spec().snapshot_json(1)), &mapping).await;
    assert_clean(&first);
    assert_eq!(first.idmap.table(ObjectKind::Users).len(), USERS);

    world.genesys.emulator.clear_requests();
    let rerun = world.sync(&read(&spec().snapshot_json(2)), &mapping).await;

    assert!(rerun.plan.is_empty(), "{:#?}", rerun.plan.changes.first());
    assert_eq!(world.genesys.writes().len(), 0);
}

#[tokio::test]
async fn a_five_percent_change_writes_once_per_changed_user() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    assert_clean(&world.sync(&read(&spec().snapshot_json(1)), &mapping).await);
    let mut changed = spec().snapshot_json(3);
    for i in (0..USERS).step_by(20) {
        user_mut(&mut changed, &format!("ext-{i:05}"))["title"] = json!(format!("Senior {i}"));
    }

    world.genesys.emulator.clear_requests();
    let outcome = world.sync(&read(&changed), &mapping).await;

    assert_clean(&outcome);
    let writes = write_calls(&world.genesys);
    assert_eq!(
        writes,
        [("PATCH /api/v2/users/{id}".to_owned(), USERS / 20)].into()
    );
}

#[tokio::test]
async fn one_invalid_user_is_held_back_and_the_other_499_sync() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    let mut document = spec().snapshot_json(1);
    user_mut(&mut document, "ext-00123")["email"] = json!("not an address");

    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    let users = outcome.idmap.table(ObjectKind::Users);
    assert_eq!(users.len(), USERS - 1);
    assert!(!users.contains_key("ext-00123"));
    let held: Vec<_> = outcome
        .report
        .skipped
        .iter()
        .filter(|s| s.external_id.as_deref() == Some("ext-00123") && s.part == "object")
        .collect();
    assert_eq!(held.len(), 1, "{:#?}", outcome.report.skipped);
    assert!(held[0].reason.contains("email"), "{}", held[0].reason);
    assert!(outcome.report.is_partial());
    let emails: Vec<String> = world.genesys.emulator.state_json()["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(!emails.iter().any(|e| e.contains("00123")));
    let (statuses, _) = world
        .store
        .get_json::<ObjectStatuses>(keys::OBJECT_STATUS)
        .await
        .unwrap()
        .unwrap();
    let held = statuses.get(ObjectKind::Users, "ext-00123").unwrap();
    assert_eq!(held.state, SyncState::Skipped);
    assert!(
        held.detail.as_deref().unwrap().contains("email"),
        "{held:?}"
    );
    assert_eq!(
        statuses
            .in_state(SyncState::Synced)
            .filter(|(k, ..)| *k == ObjectKind::Users)
            .count(),
        USERS - 1
    );
}

#[tokio::test]
async fn an_invalid_user_already_synced_is_left_byte_identical_and_never_deactivated() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({"deletion": {"users": "delete"}}));
    let first = world.sync(&read(&spec().snapshot_json(1)), &mapping).await;
    assert_clean(&first);
    let held_id = first
        .idmap
        .get(ObjectKind::Users, "ext-00042")
        .unwrap()
        .to_owned();
    let before = genesys_user(&world, &held_id);
    let mut document = spec().snapshot_json(4);
    let held = user_mut(&mut document, "ext-00042");
    held["title"] = json!("would change");
    held["skills"] = json!([{"skill": "sk-0", "proficiency": 7.5}]);
    user_mut(&mut document, "ext-00043")["title"] = json!("changed too");

    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    assert_eq!(genesys_user(&world, &held_id), before);
    let other = first.idmap.get(ObjectKind::Users, "ext-00043").unwrap();
    assert_eq!(
        genesys_user(&world, other)["profile"]["title"],
        "changed too"
    );
    assert!(
        outcome
            .plan
            .changes
            .iter()
            .all(|c| c.external_id.as_deref() != Some("ext-00042")),
        "{:#?}",
        outcome.plan.changes
    );
    let skipped = &outcome.report.skipped;
    assert!(
        skipped
            .iter()
            .any(|s| s.external_id.as_deref() == Some("ext-00042")
                && s.reason.contains("skills[0].proficiency")),
        "{skipped:#?}"
    );
}

#[tokio::test]
async fn relations_to_a_held_object_are_skipped_with_a_reason_that_names_it() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    let first = world.sync(&read(&spec().snapshot_json(1)), &mapping).await;
    assert_clean(&first);
    let state_before = world.genesys.emulator.state_json();
    let mut document = spec().snapshot_json(5);
    // a manager becomes invalid: their reports keep the manager link Genesys has
    let managed: Vec<String> = document["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["manager"] == "ext-00010")
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!managed.is_empty());
    user_mut(&mut document, "ext-00010")["email"] = json!("");
    // a skill becomes invalid (an empty name): users holding it keep their skills as they are
    for skill in document["skills"].as_array_mut().unwrap() {
        if skill["id"] == "sk-1" {
            skill["name"] = json!(" ");
        }
    }

    world.genesys.emulator.clear_requests();
    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    let skipped = &outcome.report.skipped;
    for report in &managed {
        assert!(
            skipped
                .iter()
                .any(|s| s.external_id.as_deref() == Some(report.as_str())
                    && s.part == "manager"
                    && s.reason.contains("users[ext-00010]")),
            "{report}: {skipped:#?}"
        );
    }
    assert!(
        skipped
            .iter()
            .any(|s| s.part == "skills" && s.reason.contains("skills[sk-1]")),
        "{skipped:#?}"
    );
    assert_eq!(
        world.genesys.writes().len(),
        0,
        "{:?}",
        world.genesys.writes()
    );
    assert_eq!(
        world.genesys.emulator.state_json()["users"],
        state_before["users"]
    );
}

#[tokio::test]
async fn an_invalid_division_holds_back_what_is_placed_in_it() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({"deletion": {"users": "delete", "queues": "delete"}}));
    assert_clean(&world.sync(&read(&spec().snapshot_json(1)), &mapping).await);
    let users_before = world.genesys.emulator.state_json()["users"].clone();
    let mut document = spec().snapshot_json(6);
    for division in document["divisions"].as_array_mut().unwrap() {
        if division["id"] == "div-2" {
            division["name"] = json!("");
        }
    }

    world.genesys.emulator.clear_requests();
    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    let dependents = outcome
        .report
        .skipped
        .iter()
        .filter(|s| s.part == "object" && s.reason.contains("div-2"))
        .count();
    assert!(dependents > 1, "{:#?}", outcome.report.skipped);
    // nothing removed, nothing written: the division's users and queues are left as they are
    assert_eq!(
        world.genesys.writes().len(),
        0,
        "{:?}",
        world.genesys.writes()
    );
    assert_eq!(world.genesys.emulator.state_json()["users"], users_before);
}

#[tokio::test]
async fn a_snapshot_that_is_not_a_snapshot_is_still_refused_whole() {
    assert!(read_snapshot("{").is_err());
    assert!(read_snapshot(&json!({"schema": "exsync.config/v2"}).to_string()).is_err());
    let mut document = spec().snapshot_json(1);
    document["users"] = json!({"not": "a list"});
    assert!(read_snapshot(&document.to_string()).is_err());
}

#[tokio::test]
async fn a_duplicate_email_holds_back_both_users_and_leaves_both_as_they_are() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({"deletion": {"users": "delete"}}));
    let first = world.sync(&read(&spec().snapshot_json(1)), &mapping).await;
    assert_clean(&first);
    let ids: Vec<String> = ["ext-00050", "ext-00051"]
        .iter()
        .map(|e| first.idmap.get(ObjectKind::Users, e).unwrap().to_owned())
        .collect();
    let before: Vec<Value> = ids.iter().map(|id| genesys_user(&world, id)).collect();
    let mut document = spec().snapshot_json(7);
    user_mut(&mut document, "ext-00051")["email"] = json!("USER.00050@example.com");
    user_mut(&mut document, "ext-00050")["title"] = json!("would change");

    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    let after: Vec<Value> = ids.iter().map(|id| genesys_user(&world, id)).collect();
    assert_eq!(after, before);
    for ext in ["ext-00050", "ext-00051"] {
        assert!(
            outcome
                .report
                .skipped
                .iter()
                .any(|s| s.external_id.as_deref() == Some(ext)
                    && s.part == "object"
                    && s.reason.contains("duplicate email")),
            "{ext}: {:#?}",
            outcome.report.skipped
        );
    }
}

#[tokio::test]
async fn a_dangling_reference_holds_back_its_object_and_leaves_it_as_it_is() {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    let first = world.sync(&read(&spec().snapshot_json(1)), &mapping).await;
    assert_clean(&first);
    let id = first
        .idmap
        .get(ObjectKind::Users, "ext-00060")
        .unwrap()
        .to_owned();
    let before = genesys_user(&world, &id);
    let mut document = spec().snapshot_json(8);
    let user = user_mut(&mut document, "ext-00060");
    user["queues"] = json!(["q-nowhere"]);
    user["title"] = json!("would change");

    world.genesys.emulator.clear_requests();
    let outcome = world.sync(&read(&document), &mapping).await;

    assert_clean(&outcome);
    assert_eq!(genesys_user(&world, &id), before);
    assert_eq!(
        world.genesys.writes().len(),
        0,
        "{:?}",
        world.genesys.writes()
    );
    assert!(
        outcome.report.skipped.iter().any(
            |s| s.external_id.as_deref() == Some("ext-00060") && s.reason.contains("q-nowhere")
        ),
        "{:#?}",
        outcome.report.skipped
    );
}
