//! Criterion bench: building a users-page request and parsing a 100-entity users page.
//!
//! Run with `cargo bench -p exsync --bench users_page`.

#![allow(clippy::unwrap_used)] // bench set-up

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use exsync::genesys::Page;
use exsync::genesys::model::User;
use serde_json::json;

fn users_page_json(n: usize) -> Vec<u8> {
    let users: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "id": format!("5f0e6f2c-1b7e-4c1a-9a57-{i:012}"),
                "name": format!("Agent Number {i}"),
                "division": {"id": "d6a4c3e0-2b7a-4f7e-8a3e-000000000001", "name": "EMEA", "selfUri": "/api/v2/authorization/divisions/d6a4"},
                "email": format!("agent.{i}@example.com"),
                "state": "active", "title": "Agent", "department": "Billing", "username": format!("agent.{i}@example.com"),
                "version": 3, "acdAutoAnswer": false,
                "employerInfo": {"employeeId": format!("E-{i}")},
                "skills": [{"id": "s1", "name": "Billing", "proficiency": 4.0, "state": "active"}, {"id": "s2", "name": "Sales", "proficiency": 2.0, "state": "active"}],
                "languages": [{"id": "l1", "name": "German", "proficiency": 5.0, "state": "active"}],
                "selfUri": format!("/api/v2/users/{i}")
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "entities": users, "pageSize": n, "pageNumber": 1, "total": 1000, "pageCount": 10,
        "firstUri": "/api/v2/users?pageSize=100&pageNumber=1", "selfUri": "/api/v2/users?pageSize=100&pageNumber=1",
        "nextUri": "/api/v2/users?pageSize=100&pageNumber=2", "lastUri": "/api/v2/users?pageSize=100&pageNumber=10"
    }))
    .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let body = users_page_json(100);
    let http = reqwest::Client::new();
    let base = url::Url::parse("https://api.mypurecloud.de/").unwrap_or_else(|_| unreachable!());

    c.bench_function("build users page request", |b| {
        b.iter(|| {
            let url = base.join("api/v2/users").unwrap_or_else(|_| unreachable!());
            let request = http
                .get(url)
                .query(&[
                    ("pageSize", "100"),
                    ("pageNumber", "2"),
                    ("state", "any"),
                    ("expand", "skills,languages"),
                ])
                .bearer_auth(black_box("token-value"))
                .header("accept", "application/json")
                .build();
            black_box(request.is_ok())
        })
    });
    c.bench_function("parse 100-user page", |b| {
        b.iter(|| {
            let page: Page<User> =
                serde_json::from_slice(black_box(&body)).unwrap_or_else(|_| unreachable!());
            black_box(page.entities.len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
