//! Who is looked up by external id: only users that may already be in Genesys (a Genesys user
//! has their email, or the id map's journal says a run began to create them), so an initial sync
//! costs the calls its creates need and nothing more, and a run that died mid-apply still never
//! creates a user twice.

use exsync::deadline::Deadline;
use exsync::external::ObjectKind;
use exsync::genesys::model::UpdateUser;
use exsync::reconcile::{Action, ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::load_idmap;
use exsync::store::{PutMode, keys};
use exsync::sync::{execute, prepare};
use genesys_emulator::{Faults, RequestLogEntry, ScriptedFault};
use integration_tests::examples;
use serde_json::json;

use super::helpers::{World, assert_clean};

fn lookups(requests: &[RequestLogEntry]) -> usize {
    requests
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/api/v2/users/externalid/"))
        .count()
}

fn user_creates(requests: &[RequestLogEntry]) -> usize {
    requests
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/api/v2/users")
        .count()
}

fn genesys_users_with_email(world: &World, email: &str) -> usize {
    world.genesys.emulator.state_json()["users"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            u["email"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
        .count()
}

#[tokio::test]
async fn an_initial_sync_into_an_org_without_these_users_looks_nobody_up() {
    let world = World::new().await;
    let snapshot = examples::snapshot("initial");

    let outcome = world.sync(&snapshot, &examples::mapping()).await;

    assert_clean(&outcome);
    let requests = world.genesys.emulator.requests();
    assert_eq!(lookups(&requests), 0);
    assert_eq!(user_creates(&requests), snapshot.users.len());
    let (idmap, _) = load_idmap(&world.store).await.unwrap();
    assert!(
        idmap.creating.is_empty(),
        "every create was mapped: {:?}",
        idmap.creating
    );
}

#[tokio::test]
async fn a_user_whose_email_genesys_already_has_is_looked_up_once_and_adopted() {
    let world = World::new().await;
    let snapshot = examples::snapshot("initial");
    let taken = &snapshot.users[0];
    world
        .genesys
        .emulator
        .seed(json!({"users": [{
            "id": "pre-existing",
            "name": "Someone Earlier",
            "email": taken.email.to_uppercase(),
            "state": "active",
            "version": 1
        }]}))
        .unwrap();

    let outcome = world.sync(&snapshot, &examples::mapping()).await;

    assert_clean(&outcome);
    assert_eq!(lookups(&world.genesys.emulator.requests()), 1);
    assert!(outcome.plan.changes.iter().any(|c| {
        c.external_id.as_ref().map(|e| e.as_str()) == Some(taken.id.as_str())
            && matches!(c.action, Action::AdoptUserByEmail { .. })
    }));
    assert_eq!(genesys_users_with_email(&world, &taken.email), 1);
}

#[tokio::test]
async fn creates_that_got_no_answer_stay_journaled_and_are_looked_up_by_the_next_run() {
    let world = World::new().await;
    let snapshot = examples::snapshot("initial");
    let mapping = examples::mapping();
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: "/api/v2/users".into(),
            times: 100_000,
            status: Some(503),
            delay_ms: 0,
        }],
        ..Faults::default()
    });

    let failed = world.sync(&snapshot, &mapping).await;

    assert!(failed.report.apply.counts.failed >= snapshot.users.len());
    let (idmap, _) = load_idmap(&world.store).await.unwrap();
    assert_eq!(
        idmap.creating.len(),
        snapshot.users.len(),
        "a 503 may have created the user: every one stays journaled"
    );

    world.genesys.emulator.set_faults(Faults::default());
    world.genesys.emulator.clear_requests();
    let recovered = world.sync(&snapshot, &mapping).await;

    assert_clean(&recovered);
    let requests = world.genesys.emulator.requests();
    assert_eq!(lookups(&requests), snapshot.users.len());
    assert_eq!(user_creates(&requests), snapshot.users.len());
    let (idmap, _) = load_idmap(&world.store).await.unwrap();
    assert!(idmap.creating.is_empty());
}

#[tokio::test]
async fn a_user_created_by_a_run_that_died_is_adopted_by_external_id_even_after_an_email_change() {
    let world = World::new().await;
    let snapshot = examples::snapshot("initial");
    let mapping = examples::mapping();
    assert_clean(&world.sync(&snapshot, &mapping).await);
    let lost = &snapshot.users[1];
    // the id map as a run leaves it when it dies after the create and before the final save: the
    // journal names the user, the table does not
    let (mut idmap, _) = load_idmap(&world.store).await.unwrap();
    let genesys_id = idmap
        .get(exsync::external::ObjectKind::Users, lost.id.as_str())
        .unwrap()
        .to_owned();
    idmap.remove(exsync::external::ObjectKind::Users, lost.id.as_str());
    idmap.creating.insert(lost.id.as_str().into());
    world
        .store
        .put_json(keys::IDMAP, &idmap, PutMode::Overwrite)
        .await
        .unwrap();
    // and in the meantime somebody changed the user's email in Genesys
    let client = &world.genesys.client;
    let deadline = exsync::deadline::Deadline::none();
    let current = client.get_user(&genesys_id, false, deadline).await.unwrap();
    client
        .update_user(
            &genesys_id,
            &UpdateUser {
                version: current.version,
                email: Some("renamed.in.genesys@example.com".into()),
                ..UpdateUser::default()
            },
            deadline,
        )
        .await
        .unwrap();
    world.genesys.emulator.clear_requests();

    let outcome = world.sync(&snapshot, &mapping).await;

    assert_clean(&outcome);
    let requests = world.genesys.emulator.requests();
    assert_eq!(lookups(&requests), 1);
    assert_eq!(user_creates(&requests), 0, "no second user");
    assert!(outcome.plan.changes.iter().any(|c| {
        c.external_id.as_ref().map(|e| e.as_str()) == Some(lost.id.as_str())
            && c.action == Action::Adopt
    }));
    let (idmap, _): (IdMap, _) = load_idmap(&world.store).await.unwrap();
    assert_eq!(
        idmap.get(exsync::external::ObjectKind::Users, lost.id.as_str()),
        Some(genesys_id.as_str())
    );
    assert!(idmap.creating.is_empty());
}

#[tokio::test]
async fn a_run_that_loses_the_race_for_the_id_map_keeps_the_other_writers_mappings_and_journal() {
    let world = World::new().await;
    let snapshot = examples::snapshot("initial");
    let mapping = examples::mapping();
    let desired = Desired {
        snapshot: &snapshot,
        mapping: &mapping,
    };
    let client = &world.genesys.client;
    let prepared = prepare(client, &world.store, desired, Deadline::none())
        .await
        .unwrap();
    // meanwhile another writer (an `exsync apply` of another snapshot) saves the map: it mapped a
    // queue and began to create a user this run does not know
    let mut other = IdMap::new();
    other.set(ObjectKind::Queues, "q-other", "g-q-other");
    other.creating.insert("u-other".into());
    world
        .store
        .put_json(keys::IDMAP, &other, PutMode::Overwrite)
        .await
        .unwrap();

    let options = ApplyOptions::default();
    let outcome = execute(
        client,
        &world.store,
        desired,
        prepared,
        "test",
        &options,
        Deadline::none(),
    )
    .await
    .unwrap();

    assert_clean(&outcome);
    let (idmap, _) = load_idmap(&world.store).await.unwrap();
    assert_eq!(idmap.get(ObjectKind::Queues, "q-other"), Some("g-q-other"));
    assert_eq!(
        idmap
            .creating
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>(),
        ["u-other"],
        "this run's creates are mapped and leave the journal; the other writer's entry stays"
    );
    assert_eq!(idmap.table(ObjectKind::Users).len(), snapshot.users.len());
}
