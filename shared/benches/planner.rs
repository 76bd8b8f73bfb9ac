//! Criterion bench: the pure planner on a large org (10,000 and 40,000 users, 500 queues, 1,000
//! skills) against an equal-sized actual state: once in sync (plans nothing), once with 1 % changed.
//!
//! Run with `cargo bench -p exsync --bench planner`.

#![allow(clippy::unwrap_used)] // bench set-up

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use exsync::external::{ConfigSnapshot, parse_snapshot};
use exsync::genesys::model::UserState;
use exsync::mapping::parse_mapping;
use exsync::reconcile::{ActualDivision, ActualNamed, ActualOrg, ActualQueue, ActualUser, plan};
use exsync::store::IdMap;
use serde_json::json;

const QUEUES: usize = 500;
const SKILLS: usize = 1_000;

fn snapshot(count: usize) -> ConfigSnapshot {
    let users: Vec<_> = (0..count)
        .map(|i| {
            json!({"id": format!("u{i}"), "name": format!("User {i}"), "email": format!("user{i}@example.com"), "division": "d0",
                   "title": "Agent", "department": "Care", "employeeId": format!("E{i}"),
                   "skills": [{"skill": format!("s{}", i % SKILLS), "proficiency": 3}, {"skill": format!("s{}", (i + 1) % SKILLS), "proficiency": 4}],
                   "languages": [{"language": "l0", "proficiency": 5}], "queues": [format!("q{}", i % QUEUES)]})
        })
        .collect();
    let doc = json!({
        "schema": "exsync.config/v1", "generatedAt": "2026-11-24T06:00:00Z",
        "divisions": [{"id": "d0", "name": "Main"}],
        "skills": (0..SKILLS).map(|i| json!({"id": format!("s{i}"), "name": format!("Skill {i}"), "division": "d0"})).collect::<Vec<_>>(),
        "languages": [{"id": "l0", "name": "German"}], "wrapupCodes": [], "secondaryStatuses": [],
        "queues": (0..QUEUES).map(|i| json!({"id": format!("q{i}"), "name": format!("Queue {i}"), "division": "d0"})).collect::<Vec<_>>(),
        "users": users
    });
    parse_snapshot(&doc.to_string()).unwrap()
}

fn actual_in_sync(count: usize) -> (ActualOrg, IdMap) {
    let mut idmap = IdMap::new();
    idmap.presence_source_id = Some("src".into());
    idmap.set(exsync::external::ObjectKind::Divisions, "d0", "g-d0");
    idmap.set(exsync::external::ObjectKind::Languages, "l0", "g-l0");
    let skills = (0..SKILLS)
        .map(|i| {
            idmap.set(
                exsync::external::ObjectKind::Skills,
                &format!("s{i}"),
                &format!("g-s{i}"),
            );
            ActualNamed {
                id: format!("g-s{i}"),
                name: format!("Skill {i}"),
                division_id: Some("g-d0".into()),
                description: None,
            }
        })
        .collect();
    let queues = (0..QUEUES)
        .map(|q| {
            idmap.set(
                exsync::external::ObjectKind::Queues,
                &format!("q{q}"),
                &format!("g-q{q}"),
            );
            let members = (0..count)
                .filter(|i| i % QUEUES == q)
                .map(|i| format!("g-u{i}"))
                .collect();
            ActualQueue {
                id: format!("g-q{q}"),
                name: format!("Queue {q}"),
                division_id: Some("g-d0".into()),
                description: None,
                members,
                wrapup_codes: vec![],
            }
        })
        .collect();
    let users = (0..count)
        .map(|i| {
            idmap.set(
                exsync::external::ObjectKind::Users,
                &format!("u{i}"),
                &format!("g-u{i}"),
            );
            ActualUser {
                id: format!("g-u{i}"),
                name: format!("User {i}"),
                email: format!("user{i}@example.com"),
                division_id: Some("g-d0".into()),
                title: Some("Agent".into()),
                department: Some("Care".into()),
                manager_id: None,
                employee_id: Some(format!("E{i}")),
                state: UserState::Active,
                version: 2,
                skills: BTreeMap::from([
                    (format!("g-s{}", i % SKILLS), 3.0),
                    (format!("g-s{}", (i + 1) % SKILLS), 4.0),
                ]),
                languages: BTreeMap::from([("g-l0".to_owned(), 5.0)]),
            }
        })
        .collect();
    let actual = ActualOrg {
        home_division_id: "home".into(),
        divisions: vec![ActualDivision {
            id: "g-d0".into(),
            name: "Main".into(),
            description: String::new(),
        }],
        skills,
        languages: vec![ActualNamed {
            id: "g-l0".into(),
            name: "German".into(),
            division_id: None,
            description: None,
        }],
        queues,
        users,
        presence_sources: vec![("src".into(), "External".into())],
        default_primary_source: Some("src".into()),
        ..ActualOrg::default()
    };
    (actual, idmap)
}

fn bench(c: &mut Criterion) {
    let mapping = parse_mapping(r#"{"schema":"exsync.mapping/v1","userAuthority":"exsync","presenceSourceName":"External",
        "agentState":{"rules":[],"fallback":{"presence":{"system":"Busy"},"routingStatus":"OffQueue"}}}"#)
    .unwrap();
    // two sizes, so the growth shows: a linear planner takes about four times as long at 40k
    for count in [10_000, 40_000] {
        let snapshot = snapshot(count);
        let (actual, idmap) = actual_in_sync(count);
        assert!(
            plan(&snapshot, &mapping, &actual, &idmap).is_empty(),
            "the bench org must start in sync"
        );
        let mut changed = snapshot.clone();
        for user in changed.users.iter_mut().step_by(100) {
            user.title = Some("Senior Agent".into());
        }

        let mut group = c.benchmark_group(format!("planner {count} users, 500 queues, 1k skills"));
        group.sample_size(10);
        group.bench_function("in sync (plans nothing)", |b| {
            b.iter(|| black_box(plan(&snapshot, &mapping, &actual, &idmap).changes.len()))
        });
        group.bench_function("1% of users changed", |b| {
            b.iter(|| black_box(plan(&changed, &mapping, &actual, &idmap).changes.len()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
