//! Through a real queue (moto SQS): records are sent to the queue, received in a batch, handled,
//! and acknowledged (deleted) unless handed back; a handed-back message comes back after its
//! visibility timeout and succeeds.

use std::time::Duration;

use aws_sdk_sqs::types::QueueAttributeName;
use exsync::sync::interactions::{InteractionsOutcome, QueueMessage};
use genesys_emulator::{Faults, ScriptedFault};
use integration_tests::MotoServer;

use super::helpers::{World, example};

struct Queue {
    sqs: aws_sdk_sqs::Client,
    url: String,
}

impl Queue {
    async fn new(moto: &MotoServer) -> Self {
        let sqs = moto.sqs().await;
        let created = sqs
            .create_queue()
            .queue_name("interactions")
            .attributes(QueueAttributeName::VisibilityTimeout, "1")
            .send()
            .await
            .unwrap();
        Self {
            sqs,
            url: created.queue_url().unwrap().to_owned(),
        }
    }

    async fn send(&self, body: &str) {
        self.sqs
            .send_message()
            .queue_url(&self.url)
            .message_body(body)
            .send()
            .await
            .unwrap();
    }

    /// Receives until `count` messages arrived or the queue stays empty for a second; returns
    /// them as use-case messages and their receipt handles by message id.
    async fn receive(&self, count: usize) -> (Vec<QueueMessage>, Vec<(String, String)>) {
        let (mut messages, mut handles) = (Vec::new(), Vec::new());
        while messages.len() < count {
            let got = self
                .sqs
                .receive_message()
                .queue_url(&self.url)
                .max_number_of_messages(10)
                .wait_time_seconds(1)
                .send()
                .await
                .unwrap();
            let batch = got.messages();
            if batch.is_empty() {
                break;
            }
            for m in batch {
                let id = m.message_id().unwrap().to_owned();
                handles.push((id.clone(), m.receipt_handle().unwrap().to_owned()));
                messages.push(QueueMessage {
                    message_id: id,
                    body: m.body().unwrap().to_owned(),
                });
            }
        }
        (messages, handles)
    }

    /// Deletes every received message the outcome does not hand back, as Lambda does with
    /// `ReportBatchItemFailures`.
    async fn acknowledge(&self, outcome: &InteractionsOutcome, handles: &[(String, String)]) {
        let failed: Vec<&str> = outcome.batch_item_failures().collect();
        for (id, handle) in handles {
            if !failed.contains(&id.as_str()) {
                self.sqs
                    .delete_message()
                    .queue_url(&self.url)
                    .receipt_handle(handle)
                    .send()
                    .await
                    .unwrap();
            }
        }
    }
}

#[tokio::test]
async fn a_received_batch_is_acknowledged_except_what_is_handed_back() {
    let (moto, world) = (MotoServer::start(), World::new().await);
    let queue = Queue::new(&moto).await;
    for name in super::helpers::EXAMPLES {
        queue.send(&example(name).body).await;
    }
    queue.send(&example("01-inbound").body).await; // a redelivery from the platform
    queue.send("{\"schema\": \"exsync.interaction/v1\"}").await; // bad input

    let (messages, handles) = queue.receive(8).await;
    let outcome = world.send(&messages).await;
    queue.acknowledge(&outcome, &handles).await;

    assert_eq!(messages.len(), 8);
    let counts = (
        outcome.applied,
        outcome.skipped,
        outcome.dead_lettered,
        outcome.retried,
    );
    assert_eq!(counts, (6, 1, 1, 0), "{:#?}", outcome.messages);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let (left, _) = queue.receive(1).await;
    assert!(left.is_empty(), "every message was acknowledged: {left:?}");
}

#[tokio::test]
async fn a_handed_back_message_comes_back_and_succeeds() {
    let (moto, world) = (MotoServer::start(), World::new().await);
    let queue = Queue::new(&moto).await;
    queue.send(&example("02-hold").body).await;
    queue.send(&example("06-outbound").body).await;
    world.genesys.emulator.set_faults(Faults {
        scripted: vec![ScriptedFault {
            method: Some("POST".into()),
            path: "/api/v2/events/conversations".into(),
            times: 1_000,
            status: Some(503),
            ..ScriptedFault::default()
        }],
        ..Faults::default()
    });

    let (first, handles) = queue.receive(2).await;
    let down = world.send(&first).await;
    queue.acknowledge(&down, &handles).await;
    world.genesys.emulator.set_faults(Faults::default());
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let (again, handles) = queue.receive(2).await;
    let up = world.send(&again).await;
    queue.acknowledge(&up, &handles).await;

    assert_eq!(down.retried, 2);
    assert_eq!(again.len(), 2, "both messages came back");
    assert_eq!(up.applied, 2, "{:#?}", up.messages);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert!(queue.receive(1).await.0.is_empty());
}
