//! Page-number pagination: every page collected, a short listing is an error.

use exsync::deadline::Deadline;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::*;

fn skill(n: u64) -> serde_json::Value {
    json!({"id": format!("s{n}"), "name": format!("Skill {n}"), "state": "active"})
}

async fn mount_pages(server: &MockServer, total: u64, page_size: u64, served: u64) {
    let page_count = total.div_ceil(page_size);
    for page in 1..=page_count {
        let first = (page - 1) * page_size;
        let last = (first + page_size).min(total).min(served);
        let entities: Vec<_> = (first..last).map(skill).collect();
        let mut body = json!({
            "entities": entities, "pageSize": page_size, "pageNumber": page,
            "total": total, "pageCount": page_count
        });
        if page < page_count {
            body["nextUri"] = json!(format!("/api/v2/routing/skills?pageNumber={}", page + 1));
        }
        Mock::given(method("GET"))
            .and(path("/api/v2/routing/skills"))
            .and(query_param("pageNumber", page.to_string()))
            .and(query_param("pageSize", "100"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn seven_pages_are_collected_in_order() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    mount_pages(&server, 650, 100, 650).await;

    let skills = client(&server, fast_options())
        .list_skills(Deadline::none())
        .await
        .unwrap();

    assert_eq!(skills.len(), 650);
    assert_eq!(skills[0].id, "s0");
    assert_eq!(skills[649].id, "s649");
    assert_eq!(hits(&server, "/api/v2/routing/skills").await.len(), 7);
}

#[tokio::test]
async fn a_short_last_page_with_a_larger_total_is_an_error() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    mount_pages(&server, 650, 100, 620).await;

    let err = client(&server, fast_options())
        .list_skills(Deadline::none())
        .await
        .unwrap_err();

    assert_eq!(
        err.to_string(),
        "listing /api/v2/routing/skills ended after 620 of 650 entities"
    );
}

#[tokio::test]
async fn an_empty_listing_is_one_call() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    mount_pages(&server, 0, 100, 0).await;
    Mock::given(method("GET"))
        .and(path("/api/v2/routing/skills"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"entities": [], "pageSize": 100, "pageNumber": 1, "total": 0, "pageCount": 0}),
        ))
        .mount(&server)
        .await;

    let skills = client(&server, fast_options())
        .list_skills(Deadline::none())
        .await
        .unwrap();

    assert!(skills.is_empty());
    assert_eq!(hits(&server, "/api/v2/routing/skills").await.len(), 1);
}

#[tokio::test]
async fn queue_members_without_total_stop_at_the_last_short_page() {
    let server = MockServer::start().await;
    mount_token_endpoint(&server, 3600).await;
    let member = |n: u64| json!({"id": format!("u{n}"), "name": format!("User {n}")});
    Mock::given(method("GET"))
        .and(path("/api/v2/routing/queues/q1/members"))
        .and(query_param("pageNumber", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "entities": (0..100).map(member).collect::<Vec<_>>(), "pageSize": 100, "pageNumber": 1,
            "nextUri": "/api/v2/routing/queues/q1/members?pageNumber=2"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/routing/queues/q1/members"))
        .and(query_param("pageNumber", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "entities": (100..130).map(member).collect::<Vec<_>>(), "pageSize": 100, "pageNumber": 2})))
        .mount(&server)
        .await;

    let members = client(&server, fast_options())
        .list_queue_members("q1", Deadline::none())
        .await
        .unwrap();

    assert_eq!(members.len(), 130);
}
