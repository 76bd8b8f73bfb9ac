//! A record save that fails never causes a wrong skip: the agent's record is claimed before
//! anything is sent, so when S3 refuses the write nothing goes to Genesys and the message is
//! retried; its redelivery, once S3 takes writes again, sends the change. A wiremock server plays
//! S3 (moto cannot be made to fail a write).

use agent_state::handle;
use exsync::store::{S3Store, StateStore};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use integration_tests::{examples, s3_client_for};
use lambda_runtime::{Context, LambdaEvent};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::helpers::{World, event, failures, fifo_event};

fn s3_error(status: u16, code: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/xml")
        .set_body_string(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code}</Message><RequestId>R1</RequestId></Error>"
        ))
}

/// An S3 that holds the id map config sync wrote and no agent record.
async fn s3_with_idmap(world: &World) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/state/idmap.json"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", "\"idmap-1\"")
                .set_body_bytes(serde_json::to_vec(&world.idmap).unwrap()),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(s3_error(404, "NoSuchKey"))
        .mount(&server)
        .await;
    server
}

fn context() -> Context {
    let mut context = Context::default();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    context.deadline = now + 60_000;
    context
}

#[tokio::test]
async fn a_failed_record_save_sends_nothing_retries_the_message_and_its_redelivery_sends_it() {
    let world = World::new().await;
    let server = s3_with_idmap(&world).await;
    let store = StateStore::S3(S3Store::new(
        s3_client_for(&server.uri()).await,
        "state".into(),
        String::new(),
    ));
    let service = AgentStateService::new(
        world.genesys.client.clone(),
        store,
        examples::mapping(),
        AgentStateOptions::default(),
    );
    let batch = fifo_event(&[(
        "m1",
        event(
            "m1",
            "agent-1001",
            "09:00:00.000",
            "NOT_READY",
            Some("Lunch"),
            None,
        ),
    )]);
    let refusing = Mock::given(method("PUT"))
        .and(path_regex("^/state/agent-state/"))
        .respond_with(s3_error(500, "InternalError"))
        .mount_as_scoped(&server)
        .await;

    let first = handle(&service, LambdaEvent::new(batch.clone(), context()))
        .await
        .unwrap();

    assert_eq!(failures(&first), ["m1"]);
    assert_eq!(world.event_posts(), (0, 0), "nothing may be sent unclaimed");

    drop(refusing);
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).insert_header("etag", "\"record-1\""))
        .mount(&server)
        .await;
    let redelivered = handle(&service, LambdaEvent::new(batch, context()))
        .await
        .unwrap();

    assert!(failures(&redelivered).is_empty(), "{redelivered:?}");
    let (presence, routing) = world.event_posts();
    assert!(presence >= 1 && routing >= 1, "{presence} {routing}");
    let lines = world.timeline_lines("agent-1001");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Lunch") || l.contains("Meal")),
        "{lines:?}"
    );
}
