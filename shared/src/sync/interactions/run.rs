//! The interactions use case: a batch of queue messages, each one interaction record, becomes
//! conversation events in Genesys.
//!
//! Per message: parse and validate the record, resolve its references through the id map and
//! convert it (bad input or an unknown reference → dead letter); read the interaction's record in
//! the state store and keep only the events not sent yet (nothing left → skipped); send. Then per
//! message: accepted events go into the interaction's record, a retryable failure hands the
//! message back to the queue, a permanent one dead-letters it.
//!
//! Two messages of the same interaction in one batch are handled one after the other (the second
//! sees what the first sent).

use std::collections::HashMap;

use chrono::Utc;

use super::convert::{Conversion, ConvertOptions, convert};
use super::dead_letter::complete as dead_letter;
use super::outcome::{InteractionsOutcome, MessageOutcome, MessageResult};
use super::refs::References;
use super::send::{Failure, Job, Sender};
use super::settings::{InteractionSettings, InteractionsError, QueueMessage};
use super::state::{InteractionState, load_state, save_state};
use super::steps::steps;
use crate::deadline::Deadline;
use crate::external::{InputError, parse_interaction};
use crate::genesys::GenesysClient;
use crate::store::load_idmap;
use crate::store::{StateStore, StoreError};

/// A message that converted, or its final result.
enum Prepared {
    Convert(String, Box<Conversion>),
    Done(MessageOutcome, Option<InputError>),
}

/// Handles one batch of interaction messages.
///
/// # Errors
/// Only when nothing can be done for any message: the id map cannot be read or has no presence
/// source. Per-message failures are in the outcome.
#[tracing::instrument(skip_all, fields(messages = messages.len()))]
pub async fn sync_interactions(
    client: &GenesysClient,
    store: &StateStore,
    settings: &InteractionSettings,
    messages: &[QueueMessage],
    deadline: Deadline,
) -> Result<InteractionsOutcome, InteractionsError> {
    let before = client.stats();
    let (idmap, _) = load_idmap(store).await?;
    let refs = References::new(&idmap)?;
    let mut results: Vec<Option<MessageOutcome>> = vec![None; messages.len()];
    let mut waves: Vec<Vec<(usize, String, Box<Conversion>)>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, message) in messages.iter().enumerate() {
        match prepare(message, &refs, &settings.convert) {
            Prepared::Done(outcome, problems) => {
                let outcome = dead_letter(store, message, outcome, problems).await;
                results[index] = Some(outcome);
            }
            Prepared::Convert(interaction_id, conversion) => {
                let wave = seen.entry(conversion.conversation_id.clone()).or_insert(0);
                if waves.len() <= *wave {
                    waves.push(Vec::new());
                }
                waves[*wave].push((index, interaction_id, conversion));
                *wave += 1;
            }
        }
    }
    let mut outcome = InteractionsOutcome {
        received: messages.len(),
        ..InteractionsOutcome::default()
    };
    let batch = settings.event_batch_size;
    let mut sender = Sender::new(client, deadline, batch, settings.routing_status_batch_size);
    for wave in waves {
        let (mut jobs, conversions, done) = load_jobs(store, wave).await;
        for (index, result) in done {
            results[index] = Some(dead_letter(store, &messages[index], result, None).await);
        }
        sender.send_conversation_events(&mut jobs).await;
        sender.send_routing_status_events(&mut jobs).await;
        for (job, (interaction_id, conversion)) in jobs.into_iter().zip(conversions) {
            outcome.events_sent += job.accepted;
            outcome.routing_status_events_sent += job.accepted_routing;
            let index = job.message;
            let result = finish(store, job, &interaction_id, &conversion).await;
            let result = dead_letter(store, &messages[index], result, None).await;
            results[index] = Some(result);
        }
    }
    outcome.conversation_calls = sender.conversation_calls;
    outcome.routing_status_calls = sender.routing_calls;
    for result in results.into_iter().flatten() {
        outcome.record(result);
    }
    outcome.genesys = client.stats().since(&before);
    tracing::info!(
        received = outcome.received,
        applied = outcome.applied,
        skipped = outcome.skipped,
        dead_lettered = outcome.dead_lettered,
        retried = outcome.retried,
        events = outcome.events_sent,
        calls = outcome.conversation_calls + outcome.routing_status_calls,
        "interactions batch handled"
    );
    Ok(outcome)
}

fn prepare(message: &QueueMessage, refs: &References<'_>, options: &ConvertOptions) -> Prepared {
    let outcome = |interaction_id: Option<String>, result| MessageOutcome {
        message_id: message.message_id.clone(),
        interaction_id,
        conversation_id: None,
        result,
    };
    let bad = |interaction_id, error: InputError| {
        let result = MessageResult::DeadLettered {
            reason: error.to_string(),
            key: String::new(),
        };
        Prepared::Done(outcome(interaction_id, result), Some(error))
    };
    let record = match parse_interaction(&message.body) {
        Ok(record) => record,
        Err(error) => return bad(interaction_id_of(&message.body), error),
    };
    let interaction_id = record.interaction_id.as_str().to_owned();
    match convert(&record, refs, options) {
        Ok(conversion) => Prepared::Convert(interaction_id, Box::new(conversion)),
        Err(error) => bad(Some(interaction_id), error),
    }
}

/// The interaction id of a body that did not parse as a record, if it has a readable one.
fn interaction_id_of(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("interactionId")?.as_str().map(str::to_owned)
}

type Loaded = (
    Vec<Job>,
    Vec<(String, Box<Conversion>)>,
    Vec<(usize, MessageOutcome)>,
);

/// Reads each interaction's record and keeps the events not sent yet.
async fn load_jobs(store: &StateStore, wave: Vec<(usize, String, Box<Conversion>)>) -> Loaded {
    let (mut jobs, mut conversions, mut done) = (Vec::new(), Vec::new(), Vec::new());
    for (index, interaction_id, conversion) in wave {
        let outcome = |result| MessageOutcome {
            message_id: String::new(),
            interaction_id: Some(interaction_id.clone()),
            conversation_id: Some(conversion.conversation_id.clone()),
            result,
        };
        let (state, etag) = match load_state(store, &conversion.conversation_id).await {
            Ok(found) => found,
            Err(error) => {
                let reason = format!("cannot read the interaction state: {error}");
                // a refused permission is no transient failure: dead-letter (replayable once
                // the role is fixed) instead of retrying into the queue's dead-letter queue
                let result = if matches!(error, StoreError::Denied { .. }) {
                    MessageResult::DeadLettered {
                        reason,
                        key: String::new(),
                    }
                } else {
                    MessageResult::Retry { reason }
                };
                done.push((index, outcome(result)));
                continue;
            }
        };
        let state = state.unwrap_or_else(|| {
            InteractionState::new(&interaction_id, &conversion.conversation_id, Utc::now())
        });
        let unsent: Vec<_> = conversion
            .events
            .iter()
            .filter(|p| !state.sent_event_ids.contains(p.event.event_id()))
            .cloned()
            .collect();
        let unsent_routing: Vec<_> = conversion
            .routing_status_events
            .iter()
            .filter(|e| !state.sent_routing_status_ids.contains(&e.event_id))
            .cloned()
            .collect();
        if unsent.is_empty() && unsent_routing.is_empty() {
            let reason = "every event of this record was sent before".to_owned();
            done.push((index, outcome(MessageResult::Skipped { reason })));
            continue;
        }
        jobs.push(Job {
            message: index,
            state,
            steps: steps(&unsent),
            unsent,
            unsent_routing,
            accepted: 0,
            accepted_routing: 0,
            failure: None,
            etag,
        });
        conversions.push((interaction_id, conversion));
    }
    (jobs, conversions, done)
}

/// Saves what a job sent and turns it into the message's result.
async fn finish(
    store: &StateStore,
    job: Job,
    interaction_id: &str,
    conversion: &Conversion,
) -> MessageOutcome {
    let mut state = job.state;
    state.communications = conversion.communications.clone();
    state.updated_at = Utc::now();
    state.last_error = job.failure.as_ref().map(|f| f.reason.clone());
    if job.failure.is_none() {
        state.status = conversion.status;
    }
    let saved = save_state(store, &state, job.etag).await;
    let result = match (job.failure, saved) {
        (
            Some(Failure {
                retryable: false,
                reason,
            }),
            _,
        ) => MessageResult::DeadLettered {
            reason,
            key: String::new(),
        },
        (Some(Failure { reason, .. }), _) => MessageResult::Retry { reason },
        (None, Err(error)) => MessageResult::Retry {
            reason: format!("events sent but the interaction state was not saved: {error}"),
        },
        (None, Ok(())) => MessageResult::Applied {
            events: job.accepted,
            routing_status_events: job.accepted_routing,
            status: conversion.status,
        },
    };
    if let MessageResult::Retry { reason } | MessageResult::DeadLettered { reason, .. } = &result {
        tracing::warn!(interaction = %interaction_id, reason = %reason, "interaction not fully sent");
    }
    MessageOutcome {
        message_id: String::new(),
        interaction_id: Some(interaction_id.to_owned()),
        conversation_id: Some(conversion.conversation_id.clone()),
        result,
    }
}
