//! `exsync redrive`: messages go from a dead-letter queue back to the source its redrive policy
//! names, attributes and FIFO groups kept, and leave the dead-letter queue.

use aws_sdk_sqs::types::{MessageAttributeValue, QueueAttributeName};
use integration_tests::MotoServer;

use super::helpers::{depth, drain, env, exsync, group, queue};

/// Creates `dlq` and `source` with a redrive policy from source to dlq; returns their URLs.
async fn pair(sqs: &aws_sdk_sqs::Client, source: &str, dlq: &str) -> (String, String) {
    let dlq_url = queue(sqs, dlq).await;
    let arn = sqs
        .get_queue_attributes()
        .queue_url(&dlq_url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap()[&QueueAttributeName::QueueArn]
        .clone();
    let source_url = queue(sqs, source).await;
    sqs.set_queue_attributes()
        .queue_url(&source_url)
        .attributes(
            QueueAttributeName::RedrivePolicy,
            format!(r#"{{"deadLetterTargetArn":"{arn}","maxReceiveCount":"3"}}"#),
        )
        .send()
        .await
        .unwrap();
    (source_url, dlq_url)
}

fn attribute(value: &str) -> MessageAttributeValue {
    MessageAttributeValue::builder()
        .data_type("String")
        .string_value(value)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redrive_moves_every_message_to_the_discovered_source_and_empties_the_dlq() {
    let moto = MotoServer::start();
    let sqs = moto.sqs().await;
    let (source, dlq) = pair(&sqs, "interactions", "interactions-dlq").await;
    for n in 0..12 {
        sqs.send_message()
            .queue_url(&dlq)
            .message_body(format!("{{\"n\":{n}}}"))
            .message_attributes("trace", attribute(&format!("t-{n}")))
            .send()
            .await
            .unwrap();
    }

    let run = exsync(&["redrive", "--queue", &dlq], &env(&moto, "file:///unused")).await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("→ {source}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("received 12 · moved 12 · failed 0"),
        "{}",
        run.stdout
    );
    assert_eq!(depth(&sqs, &dlq).await, 0);
    let moved = drain(&sqs, &source).await;
    assert_eq!(moved.len(), 12);
    for message in &moved {
        let n: serde_json::Value = serde_json::from_str(message.body().unwrap()).unwrap();
        let trace = message.message_attributes().unwrap()["trace"]
            .string_value()
            .unwrap();
        assert_eq!(trace, format!("t-{}", n["n"]));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fifo_redrive_keeps_groups_and_stops_at_max() {
    let moto = MotoServer::start();
    let sqs = moto.sqs().await;
    let (source, dlq) = pair(&sqs, "agent-state.fifo", "agent-state-dlq.fifo").await;
    for (n, agent) in ["agent-1", "agent-2", "agent-3"].iter().enumerate() {
        sqs.send_message()
            .queue_url(&dlq)
            .message_body(format!("body-{n}"))
            .message_group_id(*agent)
            .message_deduplication_id(format!("dedup-{n}"))
            .send()
            .await
            .unwrap();
    }

    let run = exsync(
        &[
            "redrive", "--queue", &dlq, "--to", &source, "--max", "2", "--json",
        ],
        &env(&moto, "file:///unused"),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let outcome: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (outcome["received"].as_u64(), outcome["moved"].as_u64()),
        (Some(2), Some(2))
    );
    let mut moved: Vec<(String, String)> = drain(&sqs, &source)
        .await
        .iter()
        .map(|m| (group(m).unwrap(), m.body().unwrap().to_owned()))
        .collect();
    moved.sort();
    assert_eq!(moved.len(), 2);
    for (agent, body) in &moved {
        let n = agent.trim_start_matches("agent-").parse::<usize>().unwrap() - 1;
        assert_eq!(body, &format!("body-{n}"));
    }
    assert_eq!(depth(&sqs, &dlq).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dlq_no_queue_names_needs_to_and_moves_nothing() {
    let moto = MotoServer::start();
    let sqs = moto.sqs().await;
    let dlq = queue(&sqs, "orphan-dlq").await;
    sqs.send_message()
        .queue_url(&dlq)
        .message_body("x")
        .send()
        .await
        .unwrap();

    let run = exsync(&["redrive", "--queue", &dlq], &env(&moto, "file:///unused")).await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("pass --to"), "{}", run.stderr);
    assert_eq!(depth(&sqs, &dlq).await, 1);
}
