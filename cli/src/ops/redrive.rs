//! Moving messages from an SQS dead-letter queue back to its source queue.
//!
//! Up to ten at a time: receive (with every message attribute and the FIFO group), send the
//! batch to the source (same body and attributes; for a FIFO source the same message group and
//! a fresh deduplication id, so the copy is not dropped as a duplicate of the original), then
//! delete from the dead-letter queue exactly the messages whose send succeeded. A message whose
//! send failed becomes visible again in the dead-letter queue after the visibility timeout.
//!
//! Without a bound it runs until a receive comes back empty, or a message it already handled
//! shows up again (a failed one, visible again), so it always ends.

use std::collections::{HashMap, HashSet};

use anyhow::{Context as _, bail};
use aws_sdk_sqs::types::{
    DeleteMessageBatchRequestEntry, Message, MessageSystemAttributeName,
    SendMessageBatchRequestEntry,
};
use exsync::store::sdk_message;
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::aws::is_fifo;

/// How long a received message stays hidden while it is being moved.
const VISIBILITY_SECONDS: i32 = 120;

/// Long-poll wait per receive, so an empty answer means the queue is empty.
const WAIT_SECONDS: i32 = 1;

/// What a redrive did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedriveOutcome {
    /// the dead-letter queue
    pub dlq: String,
    /// the queue messages went to
    pub source: String,
    /// messages received from the dead-letter queue
    pub received: usize,
    /// sent to the source and deleted from the dead-letter queue
    pub moved: usize,
    /// each failure: message id and what went wrong
    pub failed: Vec<(String, String)>,
}

/// The one source queue whose redrive policy names `dlq`.
///
/// # Errors
/// SQS failures; no source, or more than one (then `--to` must say which).
pub async fn source_queue(sqs: &aws_sdk_sqs::Client, dlq: &str) -> anyhow::Result<String> {
    let output = sqs
        .list_dead_letter_source_queues()
        .queue_url(dlq)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!(sdk_message(&e)))
        .with_context(|| format!("listing the source queues of {dlq}"))?;
    match output.queue_urls() {
        [one] => Ok(one.clone()),
        [] => bail!(
            "no queue names {dlq} as its dead-letter queue (redrive policy); pass --to <source-queue-url>"
        ),
        many => bail!(
            "{} queues use {dlq} as their dead-letter queue ({}); pass --to <source-queue-url>",
            many.len(),
            many.join(", ")
        ),
    }
}

/// Moves up to `max` messages (all, without a bound) from `dlq` to `source`.
///
/// # Errors
/// A receive that fails (what was moved before stays moved; the counts are lost).
pub async fn redrive(
    sqs: &aws_sdk_sqs::Client,
    dlq: &str,
    source: &str,
    max: Option<usize>,
) -> anyhow::Result<RedriveOutcome> {
    let mut outcome = RedriveOutcome {
        dlq: dlq.to_owned(),
        source: source.to_owned(),
        ..RedriveOutcome::default()
    };
    let mut seen = HashSet::new();
    loop {
        let left = max.map_or(10, |m| m.saturating_sub(outcome.received).min(10));
        if left == 0 {
            break;
        }
        let messages = receive(sqs, dlq, left).await?;
        let fresh: Vec<Message> = messages
            .into_iter()
            .filter(|m| seen.insert(m.message_id().unwrap_or_default().to_owned()))
            .collect();
        if fresh.is_empty() {
            break;
        }
        outcome.received += fresh.len();
        move_batch(sqs, dlq, source, &fresh, &mut outcome).await;
    }
    Ok(outcome)
}

async fn receive(sqs: &aws_sdk_sqs::Client, dlq: &str, n: usize) -> anyhow::Result<Vec<Message>> {
    let output = sqs
        .receive_message()
        .queue_url(dlq)
        .max_number_of_messages(i32::try_from(n).unwrap_or(10))
        .visibility_timeout(VISIBILITY_SECONDS)
        .wait_time_seconds(WAIT_SECONDS)
        .message_attribute_names("All")
        .message_system_attribute_names(MessageSystemAttributeName::MessageGroupId)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!(sdk_message(&e)))
        .with_context(|| format!("receiving from {dlq}"))?;
    Ok(output.messages.unwrap_or_default())
}

/// Sends one received batch and deletes what was sent.
async fn move_batch(
    sqs: &aws_sdk_sqs::Client,
    dlq: &str,
    source: &str,
    messages: &[Message],
    outcome: &mut RedriveOutcome,
) {
    let fifo = is_fifo(source);
    let mut entries = Vec::new();
    let mut by_entry: HashMap<String, &Message> = HashMap::new();
    for (i, message) in messages.iter().enumerate() {
        let id = format!("m{i}");
        match entry(&id, message, fifo) {
            Ok(entry) => {
                entries.push(entry);
                by_entry.insert(id, message);
            }
            Err(reason) => outcome.failed.push((message_id(message), reason)),
        }
    }
    if entries.is_empty() {
        return;
    }
    let sent = match sqs
        .send_message_batch()
        .queue_url(source)
        .set_entries(Some(entries))
        .send()
        .await
    {
        Ok(sent) => sent,
        Err(error) => {
            let reason = format!("not sent: {}", sdk_message(&error));
            for message in by_entry.values() {
                outcome.failed.push((message_id(message), reason.clone()));
            }
            return;
        }
    };
    for failure in sent.failed() {
        if let Some(message) = by_entry.get(failure.id()) {
            let reason = format!(
                "not sent: {}: {}",
                failure.code(),
                failure.message().unwrap_or_default()
            );
            outcome.failed.push((message_id(message), reason));
        }
    }
    let delivered: Vec<&Message> = sent
        .successful()
        .iter()
        .filter_map(|s| by_entry.get(s.id()).copied())
        .collect();
    delete(sqs, dlq, &delivered, outcome).await;
}

/// Deletes sent messages from the dead-letter queue.
async fn delete(
    sqs: &aws_sdk_sqs::Client,
    dlq: &str,
    delivered: &[&Message],
    outcome: &mut RedriveOutcome,
) {
    let entries: Vec<DeleteMessageBatchRequestEntry> = delivered
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            DeleteMessageBatchRequestEntry::builder()
                .id(format!("d{i}"))
                .set_receipt_handle(m.receipt_handle().map(str::to_owned))
                .build()
                .ok()
        })
        .collect();
    if entries.is_empty() {
        return;
    }
    let sent_not_deleted =
        "sent to the source, but not deleted from the dead-letter queue (it will be moved again)";
    match sqs
        .delete_message_batch()
        .queue_url(dlq)
        .set_entries(Some(entries))
        .send()
        .await
    {
        Ok(deleted) => {
            outcome.moved += deleted.successful().len();
            for failure in deleted.failed() {
                let index = failure.id().trim_start_matches('d').parse::<usize>().ok();
                let id = index
                    .and_then(|i| delivered.get(i))
                    .map_or_else(String::new, |m| message_id(m));
                outcome.failed.push((
                    id,
                    format!(
                        "{sent_not_deleted}: {}",
                        failure.message().unwrap_or(failure.code())
                    ),
                ));
            }
        }
        Err(error) => {
            for message in delivered {
                outcome.failed.push((
                    message_id(message),
                    format!("{sent_not_deleted}: {}", sdk_message(&error)),
                ));
            }
        }
    }
}

/// The send entry for one message; pure.
fn entry(id: &str, message: &Message, fifo: bool) -> Result<SendMessageBatchRequestEntry, String> {
    let mut builder = SendMessageBatchRequestEntry::builder()
        .id(id)
        .set_message_body(message.body().map(str::to_owned))
        .set_message_attributes(message.message_attributes().cloned());
    if fifo {
        let group = message
            .attributes()
            .and_then(|a| a.get(&MessageSystemAttributeName::MessageGroupId))
            .ok_or("no MessageGroupId: a FIFO source queue needs one")?;
        builder = builder
            .message_group_id(group)
            .message_deduplication_id(fresh_dedup_id(message));
    }
    builder.build().map_err(|e| e.to_string())
}

/// A deduplication id unique to this receive of this message (its id and receipt handle).
fn fresh_dedup_id(message: &Message) -> String {
    let digest = Sha256::new()
        .chain_update(message.message_id().unwrap_or_default().as_bytes())
        .chain_update([0u8])
        .chain_update(message.receipt_handle().unwrap_or_default().as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn message_id(message: &Message) -> String {
    message.message_id().unwrap_or("(no id)").to_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use aws_sdk_sqs::types::MessageAttributeValue;

    use super::*;

    fn received(group: Option<&str>) -> Message {
        let attribute = MessageAttributeValue::builder()
            .data_type("String")
            .string_value("v")
            .build()
            .unwrap();
        let mut message = Message::builder()
            .message_id("mid")
            .receipt_handle("rh")
            .body("{}")
            .message_attributes("trace", attribute);
        if let Some(group) = group {
            message = message.attributes(MessageSystemAttributeName::MessageGroupId, group);
        }
        message.build()
    }

    #[test]
    fn a_fifo_entry_keeps_group_and_attributes_with_a_new_dedup_id() {
        let entry = entry("m0", &received(Some("agent-1")), true).unwrap();

        assert_eq!(entry.message_group_id(), Some("agent-1"));
        assert_eq!(entry.message_deduplication_id().map(str::len), Some(64));
        assert!(entry.message_attributes().unwrap().contains_key("trace"));
        assert_eq!(entry.message_body(), "{}");
    }

    #[test]
    fn a_standard_entry_has_no_group_and_a_fifo_one_needs_it() {
        let standard = entry("m0", &received(None), false).unwrap();

        let refused = entry("m0", &received(None), true).unwrap_err();

        assert_eq!(standard.message_group_id(), None);
        assert!(refused.contains("MessageGroupId"), "{refused}");
    }
}
