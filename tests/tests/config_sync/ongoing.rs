//! Ongoing sync: each kind of change produces exactly the expected calls, and nothing else.

use std::collections::BTreeMap;

use exsync::reconcile::Action;
use integration_tests::examples;

use super::helpers::{World, assert_clean, write_calls};

#[tokio::test]
async fn changed_snapshot_sends_exactly_the_calls_its_changes_need() {
    let world = World::new().await;
    let mapping = examples::mapping();
    assert_clean(&world.sync(&examples::snapshot("initial"), &mapping).await);
    world.genesys.emulator.clear_requests();

    let outcome = world.sync(&examples::snapshot("changed"), &mapping).await;

    assert_clean(&outcome);
    let actions: BTreeMap<String, usize> = outcome.plan.summary();
    let expected_actions: BTreeMap<String, usize> = [
        ("Queues.setQueueMembers", 2),
        ("Queues.update", 1),
        ("Users.createUser", 1),
        ("Users.deactivateUser", 1),
        ("Users.setUserLanguages", 1),
        ("Users.setUserSkills", 2),
        ("Users.update", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(
        actions, expected_actions,
        "plan: {:#?}",
        outcome.plan.changes
    );
    let expected_calls: BTreeMap<String, usize> = [
        // the new hire: create, external id, the fields create cannot set, skills, languages
        ("POST /api/v2/users", 1),
        ("POST /api/v2/users/{id}/externalid", 1),
        ("PATCH /api/v2/users/{id}", 2), // the new hire's manager/employee id + the leaver's deactivation
        ("PUT /api/v2/users/{id}/routingskills/bulk", 2), // the new hire + the changed agent
        ("PATCH /api/v2/users/{id}/routinglanguages/bulk", 1),
        // the renamed queue keeps its other settings: PUT back what was read
        ("PUT /api/v2/routing/queues/{id}", 1),
        // memberships: the new hire joins, the leaver leaves
        ("POST /api/v2/routing/queues/{id}/members", 2),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(write_calls(&world.genesys), expected_calls);
    assert!(
        outcome
            .plan
            .changes
            .iter()
            .any(|c| matches!(c.action, Action::DeactivateUser)
                && c.external_id.as_deref() == Some("agent-1030"))
    );
}

#[tokio::test]
async fn a_soft_deleted_user_who_reappears_is_restored_with_the_same_id() {
    let world = World::new().await;
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
    let first = world.sync(&snapshot, &mapping).await;
    let lena = first.idmap.tables.users["agent-1001"].clone();
    world
        .genesys
        .client
        .delete_user(&lena, exsync::deadline::Deadline::none())
        .await
        .unwrap();

    let second = world.sync(&snapshot, &mapping).await;

    assert_clean(&second);
    assert!(
        second
            .plan
            .changes
            .iter()
            .any(|c| matches!(c.action, Action::RestoreUser)
                && c.genesys_id.as_deref() == Some(lena.as_str()))
    );
    assert!(
        !second
            .plan
            .changes
            .iter()
            .any(|c| matches!(c.action, Action::CreateUser { .. })),
        "restored, never re-created"
    );
    let user = world
        .genesys
        .client
        .get_user(&lena, false, exsync::deadline::Deadline::none())
        .await
        .unwrap();
    assert_eq!(user.state, Some(exsync::genesys::model::UserState::Active));
    assert_eq!(second.idmap.tables.users["agent-1001"], lena);
}

#[tokio::test]
async fn a_lost_id_map_is_rebuilt_from_external_ids_without_duplicates() {
    let world = World::new().await;
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
    let first = world.sync(&snapshot, &mapping).await;
    world
        .store
        .delete(exsync::store::keys::IDMAP)
        .await
        .unwrap();
    world.genesys.emulator.clear_requests();

    let second = world.sync(&snapshot, &mapping).await;

    assert_clean(&second);
    assert_eq!(
        second.idmap.tables.users, first.idmap.tables.users,
        "users found again by external id"
    );
    assert_eq!(
        second.idmap.tables.queues, first.idmap.tables.queues,
        "queues adopted again by name"
    );
    let creates = world
        .genesys
        .writes()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/api/v2/users")
        .count();
    assert_eq!(creates, 0);
}
