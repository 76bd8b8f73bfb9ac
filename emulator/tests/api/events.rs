//! Event injection: per-event errors, timelines ordered by event time, idempotent duplicates,
//! batch limits, and conversations built from conversation events.

use serde_json::{Value, json};

use crate::helpers::{TestOrg, uuid};

struct Agents {
    org: TestOrg,
    source: String,
    user: String,
}

async fn agents() -> Agents {
    let org = TestOrg::start().await;
    let source = org.source().await;
    let user = org.user_id("Ann", "ann@x.io").await;
    Agents { org, source, user }
}

fn presence(a: &Agents, at: &str, definition: &str) -> Value {
    json!({"eventId": uuid(), "eventDateTime": at, "userId": a.user, "sourceId": a.source, "presenceDefinitionId": definition})
}

#[tokio::test]
async fn a_batch_with_one_bad_event_reports_exactly_it_and_applies_the_others() {
    let a = agents().await;
    let available = a.org.system_definition("Available").await;
    let mut bad = presence(&a, "2026-01-01T10:01:00Z", &available);
    bad["userId"] = json!("no-such-user");
    let batch = json!({"userPresenceEvents": [presence(&a, "2026-01-01T10:00:00Z", &available), bad.clone(), presence(&a, "2026-01-01T10:02:00Z", &available)]});
    let reply = a.org.post("/api/v2/events/users/presence", batch).await;
    let errors = reply.body["errors"].as_array().unwrap();
    let history = &a.org.handle.state_json()["users"][0]["presenceHistory"];
    assert_eq!(reply.status, 200);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["eventId"], bad["eventId"]);
    assert_eq!(errors[0]["retryable"], false);
    assert_eq!(history.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_event_id_that_is_not_a_v4_uuid_is_an_error() {
    let a = agents().await;
    let available = a.org.system_definition("Available").await;
    let mut event = presence(&a, "2026-01-01T10:00:00Z", &available);
    event["eventId"] = json!("00000000-0000-1000-8000-000000000000");
    let reply = a
        .org
        .post(
            "/api/v2/events/users/presence",
            json!({"userPresenceEvents": [event]}),
        )
        .await;
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("eventId")
    );
}

#[tokio::test]
async fn a_missing_required_field_is_a_per_event_error_naming_it() {
    let a = agents().await;
    let event =
        json!({"eventId": uuid(), "agentId": a.user, "status": "Idle", "sourceId": a.source});
    let reply = a
        .org
        .post(
            "/api/v2/events/users/routingstatus",
            json!({"userRoutingStatusEvents": [event]}),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("eventDateTime")
    );
}

#[tokio::test]
async fn routing_status_history_is_ordered_by_event_time_and_the_latest_is_current() {
    let a = agents().await;
    let event = |at: &str, status: &str| json!({"eventId": uuid(), "eventDateTime": at, "agentId": a.user, "status": status, "sourceId": a.source});
    let batch = json!({"userRoutingStatusEvents": [event("2026-01-01T10:05:00Z", "Interacting"), event("2026-01-01T10:00:00Z", "Idle")]});
    a.org
        .post("/api/v2/events/users/routingstatus", batch)
        .await;
    a.org
        .post(
            "/api/v2/events/users/routingstatus",
            json!({"userRoutingStatusEvents": [event("2026-01-01T10:02:00Z", "Communicating")]}),
        )
        .await;
    let state = a.org.handle.state_json();
    let timeline: Vec<&str> = state["users"][0]["routingStatusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    let current = a
        .org
        .get(&format!("/api/v2/users/{}?expand=routingStatus", a.user))
        .await
        .body;
    assert_eq!(timeline, vec!["Idle", "Communicating", "Interacting"]);
    assert_eq!(current["routingStatus"]["status"], "INTERACTING");
}

#[tokio::test]
async fn a_duplicate_event_id_is_applied_once() {
    let a = agents().await;
    let available = a.org.system_definition("Available").await;
    let event = presence(&a, "2026-01-01T10:00:00Z", &available);
    let first = a
        .org
        .post(
            "/api/v2/events/users/presence",
            json!({"userPresenceEvents": [event.clone()]}),
        )
        .await;
    let again = a
        .org
        .post(
            "/api/v2/events/users/presence",
            json!({"userPresenceEvents": [event]}),
        )
        .await;
    assert_eq!(first.body["errors"], json!([]));
    assert_eq!(again.body["errors"], json!([]));
    assert_eq!(
        a.org.handle.state_json()["users"][0]["presenceHistory"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_presence_on_the_source_follows_the_events() {
    let a = agents().await;
    let lunch = a
        .org
        .create(
            "/api/v2/presence/definitions",
            json!({"languageLabels": {"en_US": "Lunch"}, "systemPresence": "Meal"}),
        )
        .await;
    a.org
        .post(
            "/api/v2/events/users/presence",
            json!({"userPresenceEvents": [presence(&a, "2026-01-01T12:00:00Z", &lunch)]}),
        )
        .await;
    let state = a.org.handle.state_json();
    let latest = state["users"][0]["presenceHistory"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|r| r["sourceId"] == a.source.as_str())
        .unwrap();
    assert_eq!(latest["presenceDefinitionId"], lunch.as_str());
    assert_eq!(latest["systemPresence"], "Meal");
}

#[tokio::test]
async fn more_than_100_events_in_one_call_is_a_400() {
    let a = agents().await;
    let available = a.org.system_definition("Available").await;
    let events: Vec<Value> = (0..101)
        .map(|_| presence(&a, "2026-01-01T10:00:00Z", &available))
        .collect();
    let reply = a
        .org
        .post(
            "/api/v2/events/users/presence",
            json!({"userPresenceEvents": events}),
        )
        .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn conversation_events_build_a_conversation_with_tag_participants_and_wrapup() {
    // Arrange
    let a = agents().await;
    let queue = a
        .org
        .create("/api/v2/routing/queues", json!({"name": "Support"}))
        .await;
    let code = a
        .org
        .create("/api/v2/routing/wrapupcodes", json!({"name": "Resolved"}))
        .await;
    let (conversation, customer, acd, agent) = (uuid(), uuid(), uuid(), uuid());
    let source = json!({"sourceId": a.source, "interactionId": "ext-42", "tagId": "acme-42"});
    let ev = |at: &str, extra: Value| {
        let mut e = json!({"eventId": uuid(), "eventDateTime": at, "conversationId": conversation});
        e.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        e
    };
    let batch = json!({
        "communicationEndedEvents": [
            ev("2026-01-01T10:10:00Z", json!({"communicationId": customer, "disconnectType": "Peer"})),
            ev("2026-01-01T10:10:00Z", json!({"communicationId": agent, "disconnectType": "Self"})),
            ev("2026-01-01T10:00:20Z", json!({"communicationId": acd, "disconnectType": "TransferACD"}))],
        "externalEstablishedEvents": [ev("2026-01-01T10:00:00Z", json!({"communicationId": customer, "ani": "+1555", "initialConfiguration": {"inbound": true}, "sourceConfiguration": source}))],
        "routingEstablishedEvents": [ev("2026-01-01T10:00:05Z", json!({"communicationId": acd, "queueId": queue, "initialConfiguration": {"invitedBy": customer}, "sourceConfiguration": source}))],
        "userEstablishedEvents": [ev("2026-01-01T10:00:15Z", json!({"communicationId": agent, "userId": a.user, "initialConfiguration": {"alerting": true}, "sourceConfiguration": source}))],
        "communicationAnsweredEvents": [ev("2026-01-01T10:00:20Z", json!({"communicationId": agent}))],
        "communicationDispositionAppliedEvents": [ev("2026-01-01T10:11:00Z", json!({"communicationId": agent, "code": code, "notes": "ok"}))],
    });
    // Act
    let reply = a.org.post("/api/v2/events/conversations", batch).await;
    let got = a
        .org
        .get(&format!("/api/v2/conversations/{conversation}"))
        .await
        .body;
    // Assert
    assert_eq!(reply.body["errors"], json!([]));
    assert_eq!(got["externalTag"], "acme-42");
    assert_eq!(got["startTime"], "2026-01-01T10:00:00.000Z");
    assert_eq!(got["endTime"], "2026-01-01T10:10:00.000Z");
    let purposes: Vec<&str> = got["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, vec!["customer", "acd", "agent"]);
    let agent_leg = &got["participants"][2];
    assert_eq!(agent_leg["userId"], a.user.as_str());
    assert_eq!(agent_leg["connectedTime"], "2026-01-01T10:00:20.000Z");
    assert_eq!(agent_leg["wrapup"]["code"], code.as_str());
    assert_eq!(got["participants"][1]["queueId"], queue.as_str());
}

#[tokio::test]
async fn an_event_for_an_unknown_conversation_is_retryable() {
    let a = agents().await;
    let event = json!({"eventId": uuid(), "eventDateTime": "2026-01-01T10:00:00Z", "conversationId": uuid(), "communicationId": uuid()});
    let reply = a
        .org
        .post(
            "/api/v2/events/conversations",
            json!({"communicationAnsweredEvents": [event]}),
        )
        .await;
    assert_eq!(reply.body["errors"][0]["retryable"], true);
}
