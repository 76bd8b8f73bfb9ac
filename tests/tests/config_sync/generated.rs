//! Config sync on generated orgs, as a property: whatever the org (size, order, manager tree,
//! fractional proficiencies, Unicode names, inactive users, more users than a listing page), a
//! sync leaves nothing failed, and a rerun with the same org listed in another order plans nothing
//! and writes nothing.
//!
//! Bounded for the test command: `EXSYNC_PROPTEST_CASES` orgs (default 32) of up to
//! `EXSYNC_PROPTEST_MAX_USERS` users (default 300). Larger orgs are in the `config_sync_calls`
//! benchmark. A failure shrinks to a small org and prints it.

use std::collections::BTreeMap;

use exsync::external::ObjectKind;
use exsync::external::read_snapshot;
use integration_tests::orgs::{OrgSpec, UserSpec, plain_mapping};
use proptest::prelude::*;
use serde_json::json;

use super::helpers::{World, assert_clean};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn user_strategy() -> impl Strategy<Value = UserSpec> {
    (
        proptest::option::weighted(0.85, any::<u16>()),
        proptest::option::weighted(0.8, any::<u32>()),
        proptest::bool::weighted(0.15),
        proptest::collection::vec((any::<u16>(), 0u8..=50), 0..4),
        proptest::collection::vec((any::<u16>(), 0u8..=50), 0..3),
        proptest::collection::vec(any::<u16>(), 0..4),
        proptest::bool::weighted(0.95),
        any::<u16>(),
    )
        .prop_map(
            |(division, manager, chain, skills, languages, queues, active, name)| UserSpec {
                division,
                manager,
                chain,
                skills,
                languages,
                queues,
                active,
                name,
            },
        )
}

fn org_strategy(max_users: usize) -> impl Strategy<Value = OrgSpec> {
    (
        1u16..5,
        1u16..12,
        1u16..5,
        1u16..8,
        0u16..6,
        0u16..5,
        proptest::collection::vec(user_strategy(), 0..=max_users),
    )
        .prop_map(
            |(divisions, skills, languages, queues, wrapup_codes, statuses, users)| OrgSpec {
                divisions,
                skills,
                languages,
                queues,
                wrapup_codes,
                statuses,
                users,
            },
        )
}

/// Syncs `spec` listed in order `first`, then again listed in order `second`; returns the
/// second run's planned changes and the writes it sent, and checks the org against the spec.
async fn sync_twice(spec: &OrgSpec, first: u64, second: u64) -> Result<(), TestCaseError> {
    let world = World::new().await;
    let mapping = plain_mapping(json!({}));
    let snapshot = read_snapshot(&spec.snapshot_json(first).to_string())
        .map_err(|e| TestCaseError::fail(format!("generated snapshot refused: {e}")))?;
    prop_assert!(snapshot.held.is_empty(), "held: {:?}", snapshot.held);
    let outcome = world.sync(&snapshot, &mapping).await;
    assert_clean(&outcome);
    prop_assert!(outcome.plan.skipped.is_empty());
    prop_assert!(
        outcome.plan.warnings.is_empty(),
        "{:?}",
        outcome.plan.warnings
    );

    managers_match(&world, &snapshot, &outcome.idmap)?;

    world.genesys.emulator.clear_requests();
    let reordered = read_snapshot(&spec.snapshot_json(second).to_string())
        .map_err(|e| TestCaseError::fail(format!("generated snapshot refused: {e}")))?;
    let rerun = world.sync(&reordered, &mapping).await;
    let changes: Vec<String> = rerun
        .plan
        .changes
        .iter()
        .take(5)
        .map(|c| {
            format!(
                "{:?} {:?} {:?}: {}",
                c.kind, c.external_id, c.action, c.reason
            )
        })
        .collect();
    prop_assert_eq!(rerun.plan.changes.len(), 0, "rerun planned: {:#?}", changes);
    let writes = world.genesys.writes();
    prop_assert_eq!(writes.len(), 0, "rerun wrote: {:?}", writes.first());
    Ok(())
}

/// Every user's Genesys manager is the Genesys user of the snapshot's manager.
fn managers_match(
    world: &World,
    snapshot: &exsync::external::ConfigSnapshot,
    idmap: &exsync::store::IdMap,
) -> Result<(), TestCaseError> {
    let state = world.genesys.emulator.state_json();
    let managers: BTreeMap<String, String> = state["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|u| {
                    Some((
                        u["id"].as_str()?.to_owned(),
                        u["managerId"].as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    for user in &snapshot.users {
        let Some(manager) = &user.manager else {
            continue;
        };
        let genesys = idmap.get(ObjectKind::Users, user.id.as_str());
        let wanted = idmap.get(ObjectKind::Users, manager.as_str());
        let actual = genesys.and_then(|g| managers.get(g)).map(String::as_str);
        prop_assert_eq!(actual, wanted, "manager of {}", user.id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: u32::try_from(env_number("EXSYNC_PROPTEST_CASES", 32)).unwrap_or(32),
        max_shrink_iters: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_rerun_of_any_generated_org_in_any_order_writes_nothing(
        spec in org_strategy(env_number("EXSYNC_PROPTEST_MAX_USERS", 300)),
        first in any::<u64>(),
        second in any::<u64>(),
    ) {
        let runtime = tokio::runtime::Runtime::new().map_err(|e| TestCaseError::fail(e.to_string()))?;
        runtime.block_on(sync_twice(&spec, first, second))?;
    }
}
