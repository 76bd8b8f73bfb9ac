//! Sending a plan: presence events and routing-status events, each in time order, in as few calls
//! as the batch limit allows (both kinds at once), and each event's delivery read back from the
//! `BatchEventResponse`.
//!
//! A call that fails as a whole (5xx after the client's retries, a 429 whose `Retry-After` passes
//! the deadline, a timeout) makes every event of that call retryable: only those messages are
//! retried. A per-event error is retryable or refused as Genesys says; an error that names no
//! event of the call makes the call's other events retryable too (sending an accepted event again
//! is harmless: Genesys dedupes by event id).

use std::collections::HashMap;

use serde::Serialize;

use super::plan::Plan;
use super::settle::{Deliveries, Delivery};
use crate::deadline::Deadline;
use crate::genesys::model::{
    BatchEventResponse, BatchUserPresenceEventRequest, BatchUserRoutingStatusEventRequest,
    UserPresenceEvent, UserRoutingStatusEvent,
};
use crate::genesys::{GenesysClient, GenesysError};

/// The deliveries and how many calls it took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// per planned event
    pub deliveries: Deliveries,
    /// presence calls made
    pub presence_calls: u64,
    /// routing-status calls made
    pub routing_status_calls: u64,
}

/// Sends the plan's events, at most `limit` per call.
pub async fn send_plan(
    client: &GenesysClient,
    plan: &Plan,
    limit: usize,
    deadline: Deadline,
) -> SendReport {
    let presence = send_kind(&plan.presence, limit, |events| async move {
        let body = BatchUserPresenceEventRequest {
            user_presence_events: events,
        };
        client.send_presence_events(&body, deadline).await
    });
    let routing = send_kind(&plan.routing, limit, |events| async move {
        let body = BatchUserRoutingStatusEventRequest {
            user_routing_status_events: events,
        };
        client.send_routing_status_events(&body, deadline).await
    });
    let ((presence, presence_calls), (routing, routing_status_calls)) =
        tokio::join!(presence, routing);
    SendReport {
        deliveries: Deliveries { presence, routing },
        presence_calls,
        routing_status_calls,
    }
}

/// What the sender needs of an event.
trait Timed: Clone + Serialize {
    fn id(&self) -> &str;
    fn at(&self) -> chrono::DateTime<chrono::Utc>;
}

impl Timed for UserPresenceEvent {
    fn id(&self) -> &str {
        &self.event_id
    }
    fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.event_date_time
    }
}

impl Timed for UserRoutingStatusEvent {
    fn id(&self) -> &str {
        &self.event_id
    }
    fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.event_date_time
    }
}

async fn send_kind<E, F, Fut>(events: &[E], limit: usize, call: F) -> (Vec<Delivery>, u64)
where
    E: Timed,
    F: Fn(Vec<E>) -> Fut,
    Fut: Future<Output = Result<BatchEventResponse, GenesysError>>,
{
    let mut deliveries = vec![Delivery::Accepted; events.len()];
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].at(), i));
    let mut calls = 0;
    for chunk in order.chunks(limit.max(1)) {
        calls += 1;
        let batch: Vec<E> = chunk.iter().map(|&i| events[i].clone()).collect();
        match call(batch).await {
            Ok(response) => read_response(events, chunk, &response, &mut deliveries),
            Err(error) => {
                if error.is_retryable() {
                    tracing::warn!(%error, events = chunk.len(), "event batch failed; its messages are retried");
                } else {
                    tracing::error!(%error, events = chunk.len(), "event batch refused as a whole; its messages are retried");
                }
                for &i in chunk {
                    deliveries[i] = Delivery::Retry(error.to_string());
                }
            }
        }
    }
    (deliveries, calls)
}

fn read_response<E: Timed>(
    events: &[E],
    chunk: &[usize],
    response: &BatchEventResponse,
    deliveries: &mut [Delivery],
) {
    let by_id: HashMap<&str, usize> = chunk.iter().map(|&i| (events[i].id(), i)).collect();
    let mut unattributed = None;
    for error in &response.errors {
        let message = error
            .message
            .clone()
            .unwrap_or_else(|| "no reason given".into());
        match error.event_id.as_deref().and_then(|id| by_id.get(id)) {
            Some(&i) if error.retryable => deliveries[i] = Delivery::Retry(message),
            Some(&i) => deliveries[i] = Delivery::Refused(message),
            None => unattributed = Some(message),
        }
    }
    if let Some(message) = unattributed {
        tracing::warn!(%message, "an event error names no event of the call; retrying the call's events");
        for &i in chunk {
            if deliveries[i] == Delivery::Accepted {
                deliveries[i] = Delivery::Retry(format!("unattributed error: {message}"));
            }
        }
    }
}
