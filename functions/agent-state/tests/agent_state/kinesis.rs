//! Amazon Connect's agent event stream through the handler: a Kinesis event is told from an SQS
//! one, its records are applied in order per agent with the default Connect table
//! (`examples/connect/mapping.json`), a malformed record is the checkpoint Lambda resumes from,
//! and a heartbeat costs no Genesys call unless the state it repeats was not delivered.

use aws_lambda_events::event::kinesis::KinesisEvent;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use exsync::mapping::{Concern, parse_mapping_for};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use lambda_runtime::{Context, LambdaEvent};
use serde_json::{Value, json};

use agent_state::{AgentStateInput, AgentStateResponse, handle_event, handle_kinesis};

use super::faults::set_user_state;
use super::helpers::World;

const INSTANCE: &str = "arn:aws:connect:eu-central-1:123456789012:instance/i-0001";

fn agent_arn(agent: &str) -> String {
    format!("{INSTANCE}/agent/{agent}")
}

/// The default Connect table, on the world's Genesys and state store.
fn connect_service(world: &World) -> AgentStateService {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/connect/mapping.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mapping = parse_mapping_for(&text, Concern::AgentState).unwrap();
    AgentStateService::new(
        world.genesys.client.clone(),
        world.store.clone(),
        mapping,
        AgentStateOptions::default(),
    )
}

/// A Connect agent event in the documented shape (trimmed to what matters here).
fn agent_event(id: &str, agent: &str, kind: &str, at: &str, status: (&str, &str)) -> Value {
    json!({
        "AWSAccountId": "123456789012", "AgentARN": agent_arn(agent), "EventId": id,
        "EventTimestamp": format!("2026-11-24T{at}Z"), "EventType": kind,
        "InstanceARN": INSTANCE, "Version": "2019-05-25",
        "CurrentAgentSnapshot": {
            "AgentStatus": {"ARN": format!("{INSTANCE}/agent-state/s"), "Name": status.1,
                            "StartTimestamp": format!("2026-11-24T{at}Z"), "Type": status.0},
            "NextAgentStatus": null,
            "Configuration": {"Username": agent, "FirstName": "A", "LastName": "B"},
            "Contacts": []
        }
    })
}

/// A Kinesis event as Lambda delivers it: one record per `(sequence number, partition key, data)`.
fn kinesis_event(records: &[(&str, String, Vec<u8>)]) -> Value {
    let records: Vec<Value> = records
        .iter()
        .map(|(sequence, key, data)| {
            json!({
                "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": key,
                            "sequenceNumber": sequence, "data": STANDARD.encode(data),
                            "approximateArrivalTimestamp": 1_795_000_000.25},
                "eventSource": "aws:kinesis", "eventVersion": "1.0",
                "eventID": format!("shardId-000000000000:{sequence}"),
                "eventName": "aws:kinesis:record", "awsRegion": "eu-central-1",
                "invokeIdentityArn": "arn:aws:iam::123456789012:role/agent-state",
                "eventSourceARN": "arn:aws:kinesis:eu-central-1:123456789012:stream/connect-agent-events"
            })
        })
        .collect();
    json!({ "Records": records })
}

fn record<'a>(sequence: &'a str, event: &Value) -> (&'a str, String, Vec<u8>) {
    let key = event["AgentARN"].as_str().unwrap().to_owned();
    (sequence, key, event.to_string().into_bytes())
}

async fn invoke(service: &AgentStateService, event: Value) -> Value {
    let input: AgentStateInput = serde_json::from_value(event).unwrap();
    assert!(
        matches!(input, AgentStateInput::Kinesis(_)),
        "read as Kinesis"
    );
    let response = handle_event(service, LambdaEvent::new(input, Context::default()))
        .await
        .unwrap();
    assert!(matches!(response, AgentStateResponse::Kinesis(_)));
    serde_json::to_value(response).unwrap()
}

#[tokio::test]
async fn a_malformed_record_is_the_reported_checkpoint_and_the_records_before_it_are_applied() {
    let world = World::new().await;
    let service = connect_service(&world);
    let login = agent_event(
        "e1",
        "agent-1001",
        "LOGIN",
        "08:00:00.125",
        ("ROUTABLE", "Available"),
    );
    let lunch = agent_event(
        "e2",
        "agent-1002",
        "STATE_CHANGE",
        "08:00:01",
        ("CUSTOM", "Lunch"),
    );
    let mut broken = agent_event(
        "e3",
        "agent-1001",
        "STATE_CHANGE",
        "08:00:02.000",
        ("CUSTOM", "Break"),
    );
    broken["CurrentAgentSnapshot"]["AgentStatus"]["Type"] = json!(null);
    let event = kinesis_event(&[
        record(
            "49590338271490256608559692538361571095921575989136588801",
            &login,
        ),
        record(
            "49590338271490256608559692538361571095921575989136588802",
            &lunch,
        ),
        record(
            "49590338271490256608559692538361571095921575989136588803",
            &broken,
        ),
        (
            "49590338271490256608559692538361571095921575989136588804",
            agent_arn("agent-1003"),
            b"not json at all".to_vec(),
        ),
    ]);

    let response = invoke(&service, event).await;

    assert_eq!(
        response,
        json!({"batchItemFailures": [
            {"itemIdentifier": "49590338271490256608559692538361571095921575989136588803"}
        ]}),
        "only the first failure: Kinesis resumes there"
    );
    assert_eq!(world.timeline_lines("agent-1001"), ["OnQueue Idle"]);
    assert_eq!(world.timeline_lines("agent-1002"), ["Meal OffQueue"]);
}

#[tokio::test]
async fn records_redelivered_from_the_checkpoint_are_not_sent_twice() {
    let world = World::new().await;
    let service = connect_service(&world);
    let login = agent_event(
        "e1",
        "agent-1001",
        "LOGIN",
        "08:00:00.000",
        ("ROUTABLE", "Available"),
    );
    let lunch = agent_event(
        "e3",
        "agent-1002",
        "STATE_CHANGE",
        "08:00:02",
        ("CUSTOM", "Lunch"),
    );
    let garbage = ("2", agent_arn("agent-1003"), b"{\"EventType\": 1}".to_vec());
    let first = [record("1", &login), garbage.clone(), record("3", &lunch)];
    invoke(&service, kinesis_event(&first)).await;
    world.genesys.emulator.clear_requests();

    let response = invoke(&service, kinesis_event(&[garbage, record("3", &lunch)])).await;

    assert_eq!(
        response,
        json!({"batchItemFailures": [{"itemIdentifier": "2"}]})
    );
    assert_eq!(
        world.event_posts(),
        (0, 0),
        "lunch was applied the first time"
    );
    assert_eq!(world.timeline_lines("agent-1002"), ["Meal OffQueue"]);
}

#[tokio::test]
async fn a_clean_batch_reports_no_failure_and_keeps_each_agents_order() {
    let world = World::new().await;
    let service = connect_service(&world);
    let events = [
        agent_event(
            "e1",
            "agent-1001",
            "LOGIN",
            "08:00:00.000",
            ("ROUTABLE", "Available"),
        ),
        agent_event(
            "e2",
            "agent-1001",
            "STATE_CHANGE",
            "08:05:00",
            ("CUSTOM", "Training"),
        ),
        agent_event(
            "e3",
            "agent-1001",
            "LOGOUT",
            "08:09:59.999",
            ("OFFLINE", "Offline"),
        ),
    ];
    let records: Vec<_> = ["1", "2", "3"]
        .iter()
        .zip(&events)
        .map(|(sequence, event)| record(sequence, event))
        .collect();

    let response = invoke(&service, kinesis_event(&records)).await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["OnQueue Idle", "Training OffQueue", "Offline OffQueue"]
    );
}

#[tokio::test]
async fn a_heart_beat_repeating_a_delivered_state_makes_no_genesys_call() {
    let world = World::new().await;
    let service = connect_service(&world);
    let lunch = agent_event(
        "e1",
        "agent-1001",
        "STATE_CHANGE",
        "12:00:00",
        ("CUSTOM", "Lunch"),
    );
    invoke(&service, kinesis_event(&[record("1", &lunch)])).await;
    world.genesys.emulator.clear_requests();

    let beats: Vec<Value> = (0..3)
        .map(|n| {
            let at = format!("12:0{}:00.000", 2 * (n + 1));
            agent_event(
                &format!("hb{n}"),
                "agent-1001",
                "HEART_BEAT",
                &at,
                ("CUSTOM", "Lunch"),
            )
        })
        .collect();
    let records: Vec<_> = ["2", "3", "4"]
        .iter()
        .zip(&beats)
        .map(|(sequence, event)| record(sequence, event))
        .collect();
    let response = invoke(&service, kinesis_event(&records)).await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    assert_eq!(
        world.event_posts(),
        (0, 0),
        "no presence or routing-status call"
    );
    assert!(
        world.api_requests().is_empty(),
        "{:?}",
        world.api_requests()
    );
}

#[tokio::test]
async fn a_heart_beat_reasserts_a_state_genesys_refused() {
    let world = World::new().await;
    let service = connect_service(&world);
    let user_id = world.idmap.tables.users["agent-1001"].clone();
    set_user_state(&world, &user_id, "deleted");
    let lunch = agent_event(
        "e1",
        "agent-1001",
        "STATE_CHANGE",
        "12:00:00",
        ("CUSTOM", "Lunch"),
    );
    invoke(&service, kinesis_event(&[record("1", &lunch)])).await;
    set_user_state(&world, &user_id, "active");
    world.genesys.emulator.clear_requests();

    let beat = agent_event(
        "hb",
        "agent-1001",
        "HEART_BEAT",
        "12:02:00",
        ("CUSTOM", "Lunch"),
    );
    let response = invoke(&service, kinesis_event(&[record("2", &beat)])).await;

    assert_eq!(response, json!({"batchItemFailures": []}));
    assert_eq!(world.event_posts(), (1, 1), "the heartbeat re-sent both");
    assert_eq!(world.timeline_lines("agent-1001"), ["Meal OffQueue"]);
}

#[tokio::test]
async fn handle_kinesis_takes_the_typed_event_directly() {
    let world = World::new().await;
    let service = connect_service(&world);
    let login = agent_event(
        "e1",
        "agent-1001",
        "LOGIN",
        "08:00:00.000",
        ("ROUTABLE", "Available"),
    );
    let event: KinesisEvent =
        serde_json::from_value(kinesis_event(&[record("7", &login)])).unwrap();

    let response = handle_kinesis(&service, LambdaEvent::new(event, Context::default()))
        .await
        .unwrap();

    assert!(response.batch_item_failures.is_empty());
    assert_eq!(world.timeline_lines("agent-1001"), ["OnQueue Idle"]);
}

#[tokio::test]
async fn an_sqs_event_is_still_read_as_sqs() {
    let sqs = json!({"Records": [{"messageId": "m1", "body": "{}", "eventSource": "aws:sqs",
        "attributes": {}, "messageAttributes": {}}]});
    let input: AgentStateInput = serde_json::from_value(sqs).unwrap();
    assert!(matches!(input, AgentStateInput::Sqs(_)));
}
