//! Sending the new events of a batch's interactions: step by step, packed into calls of at most
//! the batch size, with each call's per-event errors mapped back to the interaction they belong
//! to.
//!
//! Round `r` sends step `r` of every interaction still going (see `steps.rs`), so independent
//! interactions share calls while each interaction's steps stay in order. An interaction with a
//! failed event stops there (its later steps would depend on it). A call that fails as a whole
//! with a retryable error (Genesys down, out of time) stops all sending for this batch: what was
//! not sent is retried with the messages.

use std::collections::HashMap;
use std::ops::Range;

use super::event::{PlannedEvent, batch_of};
use super::state::InteractionState;
use super::steps::pack;
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::genesys::model::{
    BatchEventResponse, BatchUserRoutingStatusEventRequest, EventError, UserRoutingStatusEvent,
};
use crate::store::ETag;

/// Why an interaction stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failure {
    pub retryable: bool,
    pub reason: String,
}

/// One interaction being sent.
#[derive(Debug)]
pub(super) struct Job {
    /// Index of its message in the batch.
    pub message: usize,
    /// Its record, as stored.
    pub state: InteractionState,
    /// The conversation events not sent yet, in order.
    pub unsent: Vec<PlannedEvent>,
    /// `unsent` cut into steps.
    pub steps: Vec<Range<usize>>,
    /// The routing status events not sent yet.
    pub unsent_routing: Vec<UserRoutingStatusEvent>,
    /// Events accepted in this run.
    pub accepted: usize,
    /// Routing status events accepted in this run.
    pub accepted_routing: usize,
    /// Set once an event failed or sending stopped.
    pub failure: Option<Failure>,
    /// The ETag of the state record as read (`None`: there was none).
    pub etag: Option<ETag>,
}

/// Sends the jobs' events and records what was accepted in each job's state.
#[derive(Debug)]
pub(super) struct Sender<'a> {
    pub client: &'a GenesysClient,
    pub deadline: Deadline,
    pub event_batch: usize,
    pub routing_batch: usize,
    pub conversation_calls: usize,
    pub routing_calls: usize,
    stopped: Option<String>,
}

impl<'a> Sender<'a> {
    pub(super) fn new(
        client: &'a GenesysClient,
        deadline: Deadline,
        event_batch: usize,
        routing_batch: usize,
    ) -> Self {
        Self {
            client,
            deadline,
            event_batch,
            routing_batch,
            conversation_calls: 0,
            routing_calls: 0,
            stopped: None,
        }
    }

    /// Sends every step of every job, round by round.
    pub(super) async fn send_conversation_events(&mut self, jobs: &mut [Job]) {
        let rounds = jobs.iter().map(|j| j.steps.len()).max().unwrap_or(0);
        for round in 0..rounds {
            let active: Vec<usize> = (0..jobs.len())
                .filter(|&j| jobs[j].failure.is_none() && jobs[j].steps.len() > round)
                .collect();
            let sizes: Vec<usize> = active.iter().map(|&j| jobs[j].steps[round].len()).collect();
            for call in pack(&sizes, self.event_batch) {
                if !self.may_send() {
                    break;
                }
                let parts: Vec<(usize, Range<usize>)> = call
                    .into_iter()
                    .map(|(item, sub)| {
                        let job = active[item];
                        let step = &jobs[job].steps[round];
                        (job, step.start + sub.start..step.start + sub.end)
                    })
                    .filter(|(job, _)| jobs[*job].failure.is_none())
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                let batch = batch_of(
                    parts
                        .iter()
                        .flat_map(|(j, r)| jobs[*j].unsent[r.clone()].iter().map(|p| &p.event)),
                );
                self.conversation_calls += 1;
                let answer = self
                    .client
                    .send_conversation_events(&batch, self.deadline)
                    .await;
                self.settle(jobs, &parts, answer, |job, range| {
                    job.unsent[range]
                        .iter()
                        .map(|p| (p.event.event_id().to_owned(), p.event.array()))
                        .collect()
                });
            }
        }
        self.fail_unfinished(jobs, |job| job.accepted < job.unsent.len());
    }

    /// Sends the jobs' routing status events (after their conversation events).
    pub(super) async fn send_routing_status_events(&mut self, jobs: &mut [Job]) {
        let active: Vec<usize> = (0..jobs.len())
            .filter(|&j| jobs[j].failure.is_none() && !jobs[j].unsent_routing.is_empty())
            .collect();
        let sizes: Vec<usize> = active
            .iter()
            .map(|&j| jobs[j].unsent_routing.len())
            .collect();
        for call in pack(&sizes, self.routing_batch) {
            if !self.may_send() {
                break;
            }
            let parts: Vec<(usize, Range<usize>)> = call
                .into_iter()
                .map(|(item, r)| (active[item], r))
                .collect();
            let batch = BatchUserRoutingStatusEventRequest {
                user_routing_status_events: parts
                    .iter()
                    .flat_map(|(j, r)| jobs[*j].unsent_routing[r.clone()].iter().cloned())
                    .collect(),
            };
            self.routing_calls += 1;
            let answer = self
                .client
                .send_routing_status_events(&batch, self.deadline)
                .await;
            self.settle(jobs, &parts, answer, |job, range| {
                job.unsent_routing[range]
                    .iter()
                    .map(|e| (e.event_id.clone(), "userRoutingStatusEvents"))
                    .collect()
            });
        }
        self.fail_unfinished(jobs, |job| job.accepted_routing < job.unsent_routing.len());
    }

    fn may_send(&mut self) -> bool {
        if self.stopped.is_none() && self.deadline.is_past() {
            self.stopped = Some("the invocation ran out of time before sending".to_owned());
        }
        self.stopped.is_none()
    }

    /// Marks every job that still has something to send and has not failed.
    fn fail_unfinished(&self, jobs: &mut [Job], unfinished: impl Fn(&Job) -> bool) {
        let Some(reason) = &self.stopped else { return };
        for job in jobs.iter_mut() {
            if job.failure.is_none() && unfinished(job) {
                job.failure = Some(Failure {
                    retryable: true,
                    reason: format!("not sent: {reason}"),
                });
            }
        }
    }

    /// Maps a call's answer onto its jobs: accepted event ids go into the job's state, failed
    /// ones fail the job.
    fn settle(
        &mut self,
        jobs: &mut [Job],
        parts: &[(usize, Range<usize>)],
        answer: Result<BatchEventResponse, crate::genesys::GenesysError>,
        ids_of: impl Fn(&Job, Range<usize>) -> Vec<(String, &'static str)>,
    ) {
        let response = match answer {
            Ok(response) => response,
            Err(error) => {
                let retryable = error.is_retryable();
                let reason = error.to_string();
                tracing::warn!(error = %reason, retryable, "events call failed");
                for (j, _) in parts {
                    jobs[*j].failure.get_or_insert(Failure {
                        retryable,
                        reason: reason.clone(),
                    });
                }
                if retryable {
                    self.stopped = Some(format!("an earlier call failed: {reason}"));
                }
                return;
            }
        };
        let by_id: HashMap<&str, &EventError> = response
            .errors
            .iter()
            .filter_map(|e| e.event_id.as_deref().map(|id| (id, e)))
            .collect();
        let anonymous: Vec<&EventError> = response
            .errors
            .iter()
            .filter(|e| e.event_id.is_none())
            .collect();
        for (j, range) in parts {
            let job = &mut jobs[*j];
            let mut failed: Vec<String> = Vec::new();
            let mut retryable = true;
            let routing = ids_of(job, range.clone());
            for (id, array) in routing {
                match by_id.get(id.as_str()) {
                    Some(e) => {
                        retryable &= e.retryable;
                        failed.push(describe(array, &id, e));
                    }
                    None if anonymous.is_empty() => job.accept(array, id),
                    None => {}
                }
            }
            for e in &anonymous {
                retryable &= e.retryable;
                failed.push(describe("batch", "-", e));
            }
            if !failed.is_empty() {
                job.failure.get_or_insert(Failure {
                    retryable,
                    reason: format!("genesys rejected events: {}", failed.join("; ")),
                });
            }
        }
    }
}

impl Job {
    fn accept(&mut self, array: &str, id: String) {
        if array == "userRoutingStatusEvents" {
            self.state.sent_routing_status_ids.insert(id);
            self.accepted_routing += 1;
        } else {
            self.state.sent_event_ids.insert(id);
            self.accepted += 1;
        }
    }
}

fn describe(array: &str, id: &str, error: &EventError) -> String {
    let kind = if error.retryable {
        "retryable"
    } else {
        "permanent"
    };
    let message = error.message.as_deref().unwrap_or("no message");
    format!("{array} {id} ({kind}): {message}")
}
