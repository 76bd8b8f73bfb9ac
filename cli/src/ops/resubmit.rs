//! Re-submitting one dead letter: its message body back to a queue (agent-state,
//! interactions), or its recording re-dropped in the inbound bucket (recordings).
//!
//! **Queues.** The body is sent unchanged with a message attribute `exsync-replay-of` naming
//! the dead letter. To a FIFO queue (URL ending in `.fifo`) the message group is the body's
//! `agentId` (agent-state) or `interactionId` (interactions), as the producer sets it, and
//! the deduplication id is a SHA-256 of the body and the letter's key: different from the
//! original's, so the replay is not dropped as its duplicate, and the same for a second
//! attempt at the same letter, so a replay retried within SQS's five-minute window is not sent
//! twice.
//!
//! **Recordings** are re-dropped: the object is copied onto itself (same bytes, its metadata
//! kept plus `exsync-replayed-at`), which raises an `ObjectCreated:Copy` event, so the deployed
//! recordings function handles it again exactly as a new drop: with its own credentials, the
//! current mapping and its sidecar. A rejected or failed record at the same ETag is not "done",
//! so it is retried; a recording since uploaded is skipped. The alternative, running the use
//! case in this process, would need the Genesys credentials and the upload hosts on the
//! operator's machine and would bypass the function's concurrency and retry.

use std::collections::HashMap;

use aws_sdk_s3::types::MetadataDirective;
use aws_sdk_sqs::types::MessageAttributeValue;
use chrono::{SecondsFormat, Utc};
use exsync::store::sdk_message;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use super::aws::is_fifo;
use super::dead_letters::{Kind, Letter};

/// The message attribute naming the dead letter a replayed message came from.
pub const REPLAY_ATTRIBUTE: &str = "exsync-replay-of";

/// Characters of an object key that stay as they are in `CopySource`.
const KEY_CHARS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A queue message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// the body, unchanged
    pub body: String,
    /// for a FIFO queue: the message group
    pub group_id: Option<String>,
    /// for a FIFO queue: the deduplication id
    pub dedup_id: Option<String>,
}

/// The message a letter becomes for `queue_url`; pure.
///
/// # Errors
/// A reason when the letter holds no body, or a FIFO queue needs a group the body does not name.
pub fn outgoing(kind: Kind, letter: &Letter, queue_url: &str) -> Result<Outgoing, String> {
    let body = letter
        .str_field("body")
        .ok_or("the dead letter holds no message body")?
        .to_owned();
    if !is_fifo(queue_url) {
        return Ok(Outgoing {
            body,
            group_id: None,
            dedup_id: None,
        });
    }
    let field = match kind {
        Kind::AgentState => "agentId",
        Kind::Interactions => "interactionId",
        Kind::Recordings => return Err("recordings are not sent to a queue".into()),
    };
    let group = group_of(&body, field)
        .or_else(|| letter.str_field("groupId").map(str::to_owned))
        .ok_or_else(|| format!("the body names no {field} to use as the FIFO message group"))?;
    let dedup = Sha256::new()
        .chain_update(body.as_bytes())
        .chain_update([0u8])
        .chain_update(letter.key.as_bytes())
        .finalize();
    Ok(Outgoing {
        group_id: Some(group),
        dedup_id: Some(dedup.iter().map(|b| format!("{b:02x}")).collect()),
        body,
    })
}

/// `field` of the body's object, or of the first element of its array that has it.
fn group_of(body: &str, field: &str) -> Option<String> {
    let value: Value = serde_json::from_str(body).ok()?;
    let pick = |v: &Value| v.get(field).and_then(Value::as_str).map(str::to_owned);
    match &value {
        Value::Array(items) => items.iter().find_map(pick),
        other => pick(other),
    }
    .filter(|g| !g.is_empty())
}

/// Sends `message` to `queue_url`; returns the new message id.
///
/// # Errors
/// What SQS said.
pub async fn send(
    sqs: &aws_sdk_sqs::Client,
    queue_url: &str,
    message: &Outgoing,
    letter_key: &str,
) -> Result<String, String> {
    let attribute = MessageAttributeValue::builder()
        .data_type("String")
        .string_value(letter_key)
        .build()
        .map_err(|e| e.to_string())?;
    let output = sqs
        .send_message()
        .queue_url(queue_url)
        .message_body(&message.body)
        .message_attributes(REPLAY_ATTRIBUTE, attribute)
        .set_message_group_id(message.group_id.clone())
        .set_message_deduplication_id(message.dedup_id.clone())
        .send()
        .await
        .map_err(|e| sdk_message(&e))?;
    Ok(output.message_id.unwrap_or_default())
}

/// The object a recordings letter names: `(bucket, key)`.
///
/// # Errors
/// A reason when the letter does not name one.
pub fn recording_object(letter: &Letter) -> Result<(String, String), String> {
    match (letter.str_field("bucket"), letter.str_field("key")) {
        (Some(bucket), Some(key)) if !bucket.is_empty() && !key.is_empty() => {
            Ok((bucket.to_owned(), key.to_owned()))
        }
        _ => Err("the dead letter names no bucket and key".into()),
    }
}

/// Re-drops `s3://bucket/key`: copies the object onto itself, pinned to the version just read,
/// keeping its content headers and metadata.
///
/// # Errors
/// The object is gone, or what S3 said.
pub async fn redrop(s3: &aws_sdk_s3::Client, bucket: &str, key: &str) -> Result<(), String> {
    let head = s3
        .head_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .map_err(|e| {
            if e.raw_response().map(|r| r.status().as_u16()) == Some(404) {
                format!("s3://{bucket}/{key} no longer exists")
            } else {
                sdk_message(&e)
            }
        })?;
    let mut metadata: HashMap<String, String> = head.metadata().cloned().unwrap_or_default();
    metadata.insert(
        "exsync-replayed-at".to_owned(),
        Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    );
    let source = format!("{bucket}/{}", utf8_percent_encode(key, KEY_CHARS));
    s3.copy_object()
        .bucket(bucket)
        .key(key)
        .copy_source(source)
        .set_copy_source_if_match(head.e_tag().map(str::to_owned))
        .metadata_directive(MetadataDirective::Replace)
        .set_metadata(Some(metadata))
        .set_content_type(head.content_type().map(str::to_owned))
        .set_content_encoding(head.content_encoding().map(str::to_owned))
        .set_content_disposition(head.content_disposition().map(str::to_owned))
        .set_content_language(head.content_language().map(str::to_owned))
        .set_cache_control(head.cache_control().map(str::to_owned))
        .send()
        .await
        .map_err(|e| sdk_message(&e))?;
    Ok(())
}

/// The `replayed` note stored with a moved letter.
pub fn note(target: &str, message_id: Option<&str>) -> Value {
    let mut note = json!({
        "at": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
        "to": target,
    });
    if let (Some(id), Value::Object(map)) = (message_id, &mut note) {
        map.insert("messageId".to_owned(), Value::String(id.to_owned()));
    }
    note
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const FIFO: &str = "http://localhost/123/agent-state.fifo";

    fn letter(key: &str, body: &str) -> Letter {
        Letter {
            key: key.into(),
            value: json!({"body": body, "groupId": "from-letter"}),
        }
    }

    #[test]
    fn fifo_group_is_the_bodys_agent_and_dedup_differs_per_letter() {
        let body = r#"[{"agentId": "agent-1001", "eventId": "e1"}]"#;
        let first = outgoing(
            Kind::AgentState,
            &letter("dead-letters/a/1.json", body),
            FIFO,
        )
        .unwrap();
        let second = outgoing(
            Kind::AgentState,
            &letter("dead-letters/a/2.json", body),
            FIFO,
        )
        .unwrap();

        assert_eq!(first.group_id.as_deref(), Some("agent-1001"));
        assert_eq!(first.body, body);
        assert_eq!(first.dedup_id.as_ref().map(String::len), Some(64));
        assert_ne!(first.dedup_id, second.dedup_id);
    }

    #[test]
    fn an_unreadable_body_falls_back_to_the_stored_group_or_is_refused() {
        let with_group = outgoing(Kind::AgentState, &letter("k", "{"), FIFO).unwrap();
        let without = Letter {
            key: "k".into(),
            value: json!({"body": "{"}),
        };

        let refused = outgoing(Kind::Interactions, &without, FIFO).unwrap_err();

        assert_eq!(with_group.group_id.as_deref(), Some("from-letter"));
        assert!(refused.contains("interactionId"), "{refused}");
    }

    #[test]
    fn a_standard_queue_gets_the_body_without_group_or_dedup() {
        let message = outgoing(
            Kind::Interactions,
            &letter("k", r#"{"interactionId": "i-1"}"#),
            "http://localhost/123/interactions",
        )
        .unwrap();

        assert_eq!((message.group_id, message.dedup_id), (None, None));
    }
}
