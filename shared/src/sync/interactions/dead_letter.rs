//! Dead letters: a message that can never succeed, kept with the reason.
//!
//! Key `dead-letters/interactions/<yyyy-mm-dd>/<message-id>.json`, holding the message id, the
//! interaction id when the body had one, the reason, the problems (field by field) and the
//! untouched body, so an operator can fix the cause and send the body again.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::outcome::{MessageOutcome, MessageResult};
use super::settings::QueueMessage;
use crate::external::{InputError, Problem};
use crate::store::{PutMode, StateStore, StoreError, keys};

/// A dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadLetter<'a> {
    /// `exsync.dead-letter/v1`
    pub schema: &'static str,
    /// `interactions`
    pub function: &'static str,
    /// The SQS message id.
    pub message_id: &'a str,
    /// The external interaction id, when the body had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<&'a str>,
    /// Why the message was given up on.
    pub reason: &'a str,
    /// The findings, field by field, when the reason is bad input.
    #[serde(skip_serializing_if = "<[Problem]>::is_empty")]
    pub problems: &'a [Problem],
    /// When it was dead-lettered.
    pub dead_lettered_at: DateTime<Utc>,
    /// The message body, as received.
    pub body: &'a str,
}

/// Writes a dead letter and returns its key.
///
/// # Errors
/// Store failures (the message must then be retried, not dropped).
pub async fn write_dead_letter(
    store: &StateStore,
    letter: &DeadLetter<'_>,
) -> Result<String, StoreError> {
    let key = keys::interaction_dead_letter(letter.dead_lettered_at, letter.message_id);
    store.put_json(&key, letter, PutMode::Overwrite).await?;
    Ok(key)
}

/// Completes an outcome: names its message, and writes the dead letter of a dead-lettered one
/// (a dead letter that cannot be written turns into a retry, so nothing is lost).
pub(super) async fn complete(
    store: &StateStore,
    message: &QueueMessage,
    mut outcome: MessageOutcome,
    problems: Option<InputError>,
) -> MessageOutcome {
    outcome.message_id = message.message_id.clone();
    let MessageResult::DeadLettered { reason, .. } = &outcome.result else {
        return outcome;
    };
    let problems = problems.map(InputError::into_problems).unwrap_or_default();
    let letter = DeadLetter {
        schema: "exsync.dead-letter/v1",
        function: "interactions",
        message_id: &message.message_id,
        interaction_id: outcome.interaction_id.as_deref(),
        reason,
        problems: &problems,
        dead_lettered_at: Utc::now(),
        body: &message.body,
    };
    outcome.result = match write_dead_letter(store, &letter).await {
        Ok(key) => {
            tracing::warn!(message = %message.message_id, key = %key, reason = %reason, "dead-lettered");
            MessageResult::DeadLettered {
                reason: reason.clone(),
                key,
            }
        }
        Err(error) => MessageResult::Retry {
            reason: format!("{reason} (and the dead letter could not be written: {error})"),
        },
    };
    outcome
}
