//! End to end through a real SQS FIFO queue (moto on loopback): send, receive, invoke the handler
//! with the received messages in the Lambda event shape, delete what it acknowledged, make what
//! it reported visible again, and receive once more, as the Lambda event source mapping does.

use aws_sdk_sqs::Client;
use aws_sdk_sqs::types::{MessageSystemAttributeName, QueueAttributeName};
use genesys_emulator::{Faults, ScriptedFault};
use integration_tests::MotoServer;
use serde_json::{Value, json};

use super::helpers::{World, event, failures};

struct Queue {
    sqs: Client,
    url: String,
    arn: String,
}

impl Queue {
    async fn fifo(moto: &MotoServer) -> Self {
        let sqs = moto.sqs().await;
        let created = sqs
            .create_queue()
            .queue_name("exsync-agent-state.fifo")
            .attributes(QueueAttributeName::FifoQueue, "true")
            .attributes(QueueAttributeName::ContentBasedDeduplication, "false")
            .attributes(QueueAttributeName::VisibilityTimeout, "60")
            .send()
            .await
            .unwrap();
        let url = created.queue_url().unwrap().to_owned();
        let attributes = sqs
            .get_queue_attributes()
            .queue_url(&url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .unwrap();
        let arn = attributes.attributes().unwrap()[&QueueAttributeName::QueueArn].clone();
        Self { sqs, url, arn }
    }

    /// Sends bodies in order; group = the body's agent (or `group` for unreadable bodies).
    async fn send(&self, bodies: &[(&str, String)]) {
        for (group, body) in bodies {
            let dedup = format!("{:x}", md5_like(body));
            self.sqs
                .send_message()
                .queue_url(&self.url)
                .message_body(body)
                .message_group_id(*group)
                .message_deduplication_id(dedup)
                .send()
                .await
                .unwrap();
        }
    }

    /// One poll of the event source mapping: receive up to 10, invoke, delete the acknowledged,
    /// make the failed visible again. Returns the event ids received and those reported failed.
    async fn poll(&self, world: &World) -> Option<(Vec<String>, Vec<String>)> {
        let received = self
            .sqs
            .receive_message()
            .queue_url(&self.url)
            .max_number_of_messages(10)
            .message_system_attribute_names(MessageSystemAttributeName::All)
            .send()
            .await
            .unwrap();
        let messages = received.messages();
        if messages.is_empty() {
            return None;
        }
        let records: Vec<Value> = messages
            .iter()
            .map(|m| {
                let attributes: serde_json::Map<String, Value> = m
                    .attributes()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (k.as_str().to_owned(), json!(v)))
                    .collect();
                json!({
                    "messageId": m.message_id(), "receiptHandle": m.receipt_handle(), "body": m.body(),
                    "attributes": attributes, "messageAttributes": {}, "md5OfBody": m.md5_of_body(),
                    "eventSource": "aws:sqs", "eventSourceARN": self.arn, "awsRegion": "us-east-1"
                })
            })
            .collect();
        let event = serde_json::from_value(json!({ "Records": records })).unwrap();
        let failed = failures(&world.invoke(event).await);
        let label = |m: &aws_sdk_sqs::types::Message| {
            let body = m.body().unwrap_or_default();
            serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|v| v["eventId"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "unreadable".into())
        };
        let mut failed_labels = Vec::new();
        for m in messages {
            let handle = m.receipt_handle().unwrap();
            if failed.iter().any(|f| Some(f.as_str()) == m.message_id()) {
                failed_labels.push(label(m));
                self.sqs
                    .change_message_visibility()
                    .queue_url(&self.url)
                    .receipt_handle(handle)
                    .visibility_timeout(0)
                    .send()
                    .await
                    .unwrap();
            } else {
                self.sqs
                    .delete_message()
                    .queue_url(&self.url)
                    .receipt_handle(handle)
                    .send()
                    .await
                    .unwrap();
            }
        }
        Some((messages.iter().map(label).collect(), failed_labels))
    }
}

/// A stable dedup id per body (SQS only needs it unique per message within 5 minutes).
fn md5_like(body: &str) -> u64 {
    body.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn body(
    id: &str,
    agent: &str,
    at: &str,
    state: &str,
    reason: Option<&str>,
    activity: Option<&str>,
) -> (String, String) {
    (
        agent.to_owned(),
        event(id, agent, at, state, reason, activity).to_string(),
    )
}

#[tokio::test]
async fn fifo_queue_round_trip_with_a_poison_message_an_unknown_agent_and_a_genesys_outage() {
    let moto = MotoServer::start();
    let world = World::new().await;
    let queue = Queue::fifo(&moto).await;
    let start = [
        body(
            "p1",
            "agent-1001",
            "07:55:00.000",
            "READY",
            None,
            Some("IDLE"),
        ),
        body(
            "p2",
            "agent-1003",
            "07:56:00.000",
            "NOT_READY",
            Some("Lunch"),
            None,
        ),
    ];
    queue
        .send(
            &start
                .iter()
                .map(|(g, b)| (g.as_str(), b.clone()))
                .collect::<Vec<_>>(),
        )
        .await;
    while queue.poll(&world).await.is_some() {}
    let batch = [
        (
            "agent-1002".to_owned(),
            "{\"schema\": \"exsync.agent-state/v1\", oops".to_owned(),
        ),
        body(
            "q1",
            "agent-7777",
            "08:00:00.000",
            "READY",
            None,
            Some("IDLE"),
        ),
        body(
            "q2",
            "agent-1001",
            "08:01:00.000",
            "READY",
            None,
            Some("TALKING"),
        ),
        body(
            "q3",
            "agent-1003",
            "08:02:00.000",
            "NOT_READY",
            Some("Training"),
            None,
        ),
        body(
            "q4",
            "agent-1002",
            "08:03:00.000",
            "READY",
            None,
            Some("IDLE"),
        ),
    ];
    queue
        .send(
            &batch
                .iter()
                .map(|(g, b)| (g.as_str(), b.clone()))
                .collect::<Vec<_>>(),
        )
        .await;
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: "/api/v2/events/users/presence".into(),
            times: 6,
            status: Some(503),
            delay_ms: 0,
        }],
        ..Faults::default()
    });

    let mut rounds = Vec::new();
    while let Some(round) = queue.poll(&world).await {
        rounds.push(round);
        assert!(rounds.len() < 5, "the queue does not drain: {rounds:?}");
    }

    let (first_received, first_failed) = &rounds[0];
    assert_eq!(first_received.len(), 5, "{rounds:?}");
    assert_eq!(
        first_failed,
        &["q3", "q4"],
        "only the messages with presence changes"
    );
    assert_eq!(rounds[1], (vec!["q3".to_owned(), "q4".to_owned()], vec![]));
    assert_eq!(rounds.len(), 2);
    assert_eq!(world.keys("dead-letters/agent-state/").await.len(), 2);
    assert_eq!(
        world.timeline_lines("agent-1001"),
        ["OnQueue Idle", "OnQueue Interacting"]
    );
    assert_eq!(world.timeline_lines("agent-1002"), ["OnQueue Idle"]);
    assert_eq!(
        world.timeline_lines("agent-1003"),
        ["Meal (Lunch) OffQueue", "Training OffQueue"]
    );
}
