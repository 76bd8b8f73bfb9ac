//! The safety rails: natives untouched, the mass-change guard, version conflicts, deadlines and
//! 429 storms.

use std::time::Duration;

use exsync::deadline::Deadline;
use exsync::genesys::model::{UpdateUser, UserState};
use exsync::mapping::parse_mapping;
use exsync::reconcile::{ApplyOptions, Desired, Plan, apply, org_query, plan, read_actual};
use exsync::store::load_idmap;
use genesys_emulator::{Faults, ScriptedFault};
use integration_tests::examples;
use serde_json::json;

use super::helpers::{World, assert_clean};

fn mapping_with(patch: serde_json::Value) -> exsync::mapping::MappingDocument {
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(examples::dir().join("mapping.json")).unwrap(),
    )
    .unwrap();
    for (k, v) in patch.as_object().unwrap() {
        doc[k] = v.clone();
    }
    parse_mapping(&doc.to_string()).unwrap()
}

#[tokio::test]
async fn a_native_admin_and_a_native_queue_survive_a_sync_that_omits_them() {
    let world = World::new().await;
    world
        .genesys
        .emulator
        .seed(json!({
            "users": [{"id": "native-admin", "name": "Org Admin", "email": "admin@example.com", "state": "active", "version": 1}],
            "queues": [{"id": "native-queue", "name": "Genesys Native Escalations", "members": [{"userId": "native-admin", "joined": true}]}]
        }))
        .unwrap();
    let mapping = mapping_with(
        json!({"deletion": {"users": "delete", "queues": "delete"}, "massChangeGuard": {"allowMassChanges": true}}),
    );

    assert_clean(&world.sync(&examples::snapshot("initial"), &mapping).await);
    assert_clean(&world.sync(&examples::snapshot("changed"), &mapping).await);

    let writes = world.genesys.writes();
    assert!(
        writes
            .iter()
            .all(|r| !r.path.contains("native-admin") && !r.path.contains("native-queue")),
        "natives were written: {writes:#?}"
    );
    let state = world.genesys.emulator.state_json();
    let admin = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "native-admin")
        .unwrap();
    assert_eq!(admin["state"], "active");
    assert!(
        state["queues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["id"] == "native-queue")
    );
}

#[tokio::test]
async fn the_mass_change_guard_refuses_a_plan_that_removes_too_many_users() {
    let world = World::new().await;
    let mapping = examples::mapping(); // users: at most 20 %
    let initial = examples::snapshot("initial");
    assert_clean(&world.sync(&initial, &mapping).await);
    let mut gutted = initial.clone();
    gutted.users.truncate(30); // half the users gone: an export that broke, not 30 leavers
    world.genesys.emulator.clear_requests();

    let outcome = world.sync(&gutted, &mapping).await;

    assert_eq!(outcome.report.apply.blocked.len(), 1);
    assert_eq!(outcome.report.apply.counts.applied, 0);
    assert_eq!(
        world.genesys.writes(),
        vec![],
        "a blocked plan writes nothing"
    );

    let allowed = mapping_with(json!({"massChangeGuard": {"allowMassChanges": true}}));
    let forced = world.sync(&gutted, &allowed).await;
    assert_clean(&forced);
    assert!(forced.report.apply.counts.applied >= 30);
}

#[tokio::test]
async fn a_stale_user_version_is_re_read_and_the_change_retried() {
    let world = World::new().await;
    let mapping = examples::mapping();
    assert_clean(&world.sync(&examples::snapshot("initial"), &mapping).await);
    let changed = examples::snapshot("changed");
    let (mut idmap, _) = load_idmap(&world.store).await.unwrap();
    let client = &world.genesys.client;
    let desired = Desired {
        snapshot: &changed,
        mapping: &mapping,
    };
    let query = org_query(desired);
    let actual = read_actual(client, &query, &idmap, Deadline::none(), Deadline::none())
        .await
        .unwrap();
    let planned = plan(&changed, &mapping, &actual, &idmap);
    // the plan is a complete value: what is applied is its JSON, read back
    let the_plan: Plan = serde_json::from_str(&serde_json::to_string(&planned).unwrap()).unwrap();
    assert_eq!(the_plan, planned);
    // someone edits the leaver in Genesys between our read and our write
    let leaver = idmap.tables.users["agent-1030"].clone();
    let version = actual
        .users
        .iter()
        .find(|u| u.id == leaver)
        .unwrap()
        .version;
    let edit = UpdateUser {
        version,
        title: Some("Edited by an admin".into()),
        ..UpdateUser::default()
    };
    client
        .update_user(&leaver, &edit, Deadline::none())
        .await
        .unwrap();
    world.genesys.emulator.clear_requests();

    let report = apply(
        client,
        &the_plan,
        &mut idmap,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await;

    assert_eq!(
        report.counts.failed,
        0,
        "{:#?}",
        report.failures().collect::<Vec<_>>()
    );
    let patches: Vec<u16> = world
        .genesys
        .emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "PATCH" && r.path == format!("/api/v2/users/{leaver}"))
        .map(|r| r.status)
        .collect();
    assert_eq!(
        patches,
        vec![409, 200],
        "a conflict, a re-read, then success"
    );
    let user = client
        .get_user(&leaver, false, Deadline::none())
        .await
        .unwrap();
    assert_eq!(user.state, Some(UserState::Inactive));
    assert_eq!(
        user.title.as_deref(),
        Some("Edited by an admin"),
        "the admin's edit is kept"
    );
}

#[tokio::test]
async fn a_run_cut_short_by_its_deadline_is_completed_by_the_next_without_duplicates() {
    let world = World::new().await;
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
    // 10 ms per call: the first run needs far more than its 1 s (90 reads alone take 0.9 s),
    // whatever the machine; each next run gets a second more
    world.genesys.emulator.set_faults(Faults {
        latency_ms: 10,
        ..Faults::default()
    });
    let options = ApplyOptions {
        concurrency: 4,
        stop_margin: Duration::ZERO,
        ..ApplyOptions::default()
    };

    let mut runs = Vec::new();
    for attempt in 1..=20u64 {
        let outcome = exsync::sync::config_sync(
            &world.genesys.client,
            &world.store,
            Desired {
                snapshot: &snapshot,
                mapping: &mapping,
            },
            "test",
            exsync::sync::Mode::Apply,
            &options,
            Deadline::after(Duration::from_secs(attempt)),
        )
        .await;
        match outcome {
            Ok(o) if o.plan.is_empty() => break,
            Ok(o) => runs.push(format!(
                "stopped early: {}, {:?}",
                o.report.apply.stopped_early, o.report.apply.counts
            )),
            Err(e) => {
                assert!(e.is_retryable(), "only deadline errors while reading: {e}");
                runs.push(format!("read cut short: {e}"));
            }
        }
    }

    assert!(
        runs.len() >= 2,
        "the first run must be cut short and others follow: {runs:?}"
    );
    let state = world.genesys.emulator.state_json();
    let users = state["users"].as_array().unwrap();
    let mut emails: Vec<&str> = users.iter().map(|u| u["email"].as_str().unwrap()).collect();
    emails.sort_unstable();
    let before = emails.len();
    emails.dedup();
    assert_eq!(before, emails.len(), "no user was created twice");
    assert_eq!(users.len(), 60);
    world.genesys.emulator.set_faults(Faults::default());
    assert!(
        world.sync(&snapshot, &mapping).await.plan.is_empty(),
        "complete after the resumed runs"
    );
}

#[tokio::test]
async fn a_storm_of_429s_slows_the_sync_but_does_not_fail_it() {
    let world = World::new().await;
    let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
    let storm = |method: &str, path: &str| ScriptedFault {
        method: Some(method.into()),
        path: path.into(),
        times: 2,
        status: Some(429),
        delay_ms: 0,
    };
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![
            storm("POST", "/api/v2/users"),
            storm("GET", "/api/v2/users"),
            storm("PUT", "/api/v2/*"),
            storm("POST", "/api/v2/*"),
        ],
        ..Faults::default()
    });

    let outcome = world.sync(&snapshot, &mapping).await;

    assert_clean(&outcome);
    assert_eq!(
        outcome.report.genesys.throttled, 8,
        "{:?}",
        outcome.report.genesys
    );
    assert_eq!(outcome.idmap.tables.users.len(), 60);
}
