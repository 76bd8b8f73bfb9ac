//! Running the binary against moto, queues, and dead letters written as the functions write
//! them.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use aws_sdk_sqs::types::{Message, MessageSystemAttributeName, QueueAttributeName};
use chrono::{DateTime, Utc};
use exsync::store::{DirStore, PutMode, StateStore, keys};
use exsync::sync::agent_state::{DeadLetter, InboundMessage};
use integration_tests::MotoServer;

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `exsync args…` with only `env` in its environment, stdin closed.
pub async fn exsync(args: &[&str], env: &[(String, String)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exsync"));
    command
        .args(args)
        .env_clear()
        .envs(env.iter().cloned())
        .stdin(std::process::Stdio::null());
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The environment pointing exsync at `moto`, with the state store at `state_url`.
pub fn env(moto: &MotoServer, state_url: &str) -> Vec<(String, String)> {
    [
        ("AWS_ENDPOINT_URL", moto.endpoint()),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_REGION", "us-east-1"),
        ("EXSYNC_S3_PATH_STYLE", "true"),
        ("EXSYNC_STATE_URL", state_url),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// A directory state store and its URL.
pub fn dir_store(dir: &Path) -> (StateStore, String) {
    (
        StateStore::Dir(DirStore::new(dir.to_path_buf())),
        format!("file://{}", dir.display()),
    )
}

/// Creates a queue (FIFO when the name ends in `.fifo`, with content-based dedup off, as the
/// stack creates it) and returns its URL.
pub async fn queue(sqs: &aws_sdk_sqs::Client, name: &str) -> String {
    let mut request = sqs.create_queue().queue_name(name);
    if name.ends_with(".fifo") {
        request = request
            .attributes(QueueAttributeName::FifoQueue, "true")
            .attributes(QueueAttributeName::ContentBasedDeduplication, "false");
    }
    request.send().await.unwrap().queue_url.unwrap()
}

/// Every message the queue hands out now (deleted as they are read), with their attributes.
pub async fn drain(sqs: &aws_sdk_sqs::Client, url: &str) -> Vec<Message> {
    let mut all = Vec::new();
    loop {
        let messages = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .message_attribute_names("All")
            .message_system_attribute_names(MessageSystemAttributeName::All)
            .send()
            .await
            .unwrap()
            .messages
            .unwrap_or_default();
        if messages.is_empty() {
            return all;
        }
        for message in &messages {
            sqs.delete_message()
                .queue_url(url)
                .receipt_handle(message.receipt_handle().unwrap())
                .send()
                .await
                .unwrap();
        }
        all.extend(messages);
    }
}

/// Visible plus in-flight messages of a queue.
pub async fn depth(sqs: &aws_sdk_sqs::Client, url: &str) -> usize {
    let attributes = sqs
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap_or_default();
    let count = |name: QueueAttributeName| -> usize {
        attributes
            .get(&name)
            .map_or(0, |v: &String| v.parse().unwrap())
    };
    count(QueueAttributeName::ApproximateNumberOfMessages)
        + count(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
}

/// The message group of a received FIFO message.
pub fn group(message: &Message) -> Option<String> {
    message
        .attributes()
        .and_then(|a: &HashMap<_, _>| a.get(&MessageSystemAttributeName::MessageGroupId))
        .cloned()
}

/// A UTC time.
pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&Utc)
}

/// An agent-state event body for `agent`.
pub fn agent_event(event_id: &str, agent: &str, occurred_at: &str) -> String {
    format!(
        r#"{{"schema":"exsync.agent-state/v1","eventId":"{event_id}","agentId":"{agent}","occurredAt":"{occurred_at}","state":"READY"}}"#
    )
}

/// Writes an agent-state dead letter exactly as the function does; returns its key.
pub async fn agent_state_letter(
    store: &StateStore,
    message_id: &str,
    body: &str,
    sent_at: &str,
) -> String {
    let message = InboundMessage {
        message_id: message_id.into(),
        body: body.into(),
        group_id: None,
        sent_at: Some(at(sent_at)),
    };
    let reasons = vec!["event[e]: unknown agent (not in the id map)".to_owned()];
    let key = keys::agent_state_dead_letter(at(sent_at), &message.message_id);
    let letter = DeadLetter {
        schema: "exsync.dead-letter/v1",
        function: "agent-state",
        message_id,
        group_id: None,
        sent_at: message.sent_at,
        reason: reasons.join("; "),
        dead_lettered_at: at(sent_at),
        reasons: &reasons,
        body,
    };
    store
        .put_json(&key, &letter, PutMode::Overwrite)
        .await
        .unwrap();
    key
}
