//! The segments one contact contributes to its interaction: the contact flow (IVR), the queue
//! and the agent.
//!
//! - **IVR**: only on the first contact of a chain, from `ConnectedToSystemTimestamp` to
//!   `Queue.EnqueueTimestamp` (or the disconnect, when the call never queued). A transferred
//!   contact's own flow is short and not shown.
//! - **Queue**: a standard queue with an `EnqueueTimestamp`, until `DequeueTimestamp`, or the
//!   disconnect when the customer gave up waiting. `Queue.Name` may be null and is not needed:
//!   the queue id in the ARN is the external id. An agent's own queue (a transfer straight to an
//!   agent) is not a queue segment; the agent segment follows directly.
//! - **Agent**: the Connect user id in `Agent.ARN` is the external user id; offered at
//!   `Queue.DequeueTimestamp` (else when connected), answered at `ConnectedToAgentTimestamp`, the
//!   agent's part ends with the contact (`DisconnectTimestamp`, else when after-contact work
//!   began), after-call work ends at `AfterContactWorkEndTimestamp`. Connect has no wrap-up
//!   codes in the CTR, so the segment has none.
//! - **Holds are not represented.** A CTR gives only `NumberOfHolds`, `CustomerHoldDuration` and
//!   `LongestHoldDuration`, never when a hold began. Any hold exsync placed would have invented
//!   times, and Genesys would report them (hold segments, timelines) as if they had happened
//!   then; a made-up hold is worse than none. The agent's talk time therefore includes hold time.

use chrono::{DateTime, Utc};

use super::arn::{QueueRef, queue_ref, user_id};
use super::ctr::{ContactTraceRecord, timestamp};
use super::error::CtrError;
use crate::external::{AgentSegment, IvrSegment, QueueSegment, Segment};
use crate::ids::{ExternalId, ExternalUserId};

/// The times of a contact, read once.
pub(super) struct ContactTimes {
    pub initiation: Option<DateTime<Utc>>,
    pub connected_to_system: Option<DateTime<Utc>>,
    pub disconnect: Option<DateTime<Utc>>,
    pub transfer_completed: Option<DateTime<Utc>>,
}

impl ContactTimes {
    pub(super) fn read(ctr: &ContactTraceRecord) -> Result<Self, CtrError> {
        let id = ctr.contact_id.as_str();
        Ok(Self {
            initiation: timestamp(id, "InitiationTimestamp", ctr.initiation_timestamp.as_ref())?,
            connected_to_system: timestamp(
                id,
                "ConnectedToSystemTimestamp",
                ctr.connected_to_system_timestamp.as_ref(),
            )?,
            disconnect: timestamp(id, "DisconnectTimestamp", ctr.disconnect_timestamp.as_ref())?,
            transfer_completed: timestamp(
                id,
                "TransferCompletedTimestamp",
                ctr.transfer_completed_timestamp.as_ref(),
            )?,
        })
    }
}

/// What one contact adds to the interaction.
pub(super) struct ContactLegs {
    /// Its segments, in time order.
    pub segments: Vec<Segment>,
    /// The standard queue it waited in, if it has a queue segment.
    pub queue: Option<ExternalId>,
    /// The agent who took it.
    pub agent: Option<ExternalUserId>,
}

/// The segments of `ctr`; `first` is true for the first contact of its chain.
pub(super) fn contact_legs(
    ctr: &ContactTraceRecord,
    times: &ContactTimes,
    first: bool,
) -> Result<ContactLegs, CtrError> {
    let id = ctr.contact_id.as_str();
    let mut segments = Vec::new();
    let (mut queue_id, mut enqueued, mut dequeued) = (None, None, None);
    if let Some(queue) = &ctr.queue {
        enqueued = timestamp(
            id,
            "Queue.EnqueueTimestamp",
            queue.enqueue_timestamp.as_ref(),
        )?;
        dequeued = timestamp(
            id,
            "Queue.DequeueTimestamp",
            queue.dequeue_timestamp.as_ref(),
        )?;
        if let Some(arn) = &queue.arn {
            match queue_ref(arn) {
                Some(QueueRef::Standard(q)) => queue_id = Some(ExternalId::new(q)),
                Some(QueueRef::AgentQueue(_)) => {}
                None => {
                    return Err(CtrError::field(
                        id,
                        "Queue.ARN",
                        format!("is not a queue ARN: `{arn}`"),
                    ));
                }
            }
        }
    }
    if first && let Some(start) = times.connected_to_system {
        segments.push(Segment::Ivr(IvrSegment {
            started_at: start,
            ended_at: enqueued.or(times.disconnect),
        }));
    }
    let queue_id = match (queue_id, enqueued) {
        (Some(q), Some(start)) => {
            segments.push(Segment::Queue(QueueSegment {
                queue: q.clone(),
                started_at: start,
                ended_at: dequeued.or(times.disconnect),
            }));
            Some(q)
        }
        _ => None,
    };
    let agent = if ctr.agent.is_some() {
        let segment = agent_segment(ctr, times, dequeued, queue_id.clone())?;
        let user = segment.agent.clone();
        segments.push(Segment::Agent(segment));
        Some(user)
    } else {
        None
    };
    Ok(ContactLegs {
        segments,
        queue: queue_id,
        agent,
    })
}

fn agent_segment(
    ctr: &ContactTraceRecord,
    times: &ContactTimes,
    dequeued: Option<DateTime<Utc>>,
    queue: Option<ExternalId>,
) -> Result<AgentSegment, CtrError> {
    let id = ctr.contact_id.as_str();
    let Some(agent) = &ctr.agent else {
        return Err(CtrError::field(id, "Agent", "is null"));
    };
    let arn = agent
        .arn
        .as_deref()
        .ok_or_else(|| CtrError::field(id, "Agent.ARN", "is missing"))?;
    let user = user_id(arn)
        .ok_or_else(|| CtrError::field(id, "Agent.ARN", format!("is not an agent ARN: `{arn}`")))?;
    let connected = timestamp(
        id,
        "Agent.ConnectedToAgentTimestamp",
        agent.connected_to_agent_timestamp.as_ref(),
    )?;
    let acw_start = timestamp(
        id,
        "Agent.AfterContactWorkStartTimestamp",
        agent.after_contact_work_start_timestamp.as_ref(),
    )?;
    let acw_end = timestamp(
        id,
        "Agent.AfterContactWorkEndTimestamp",
        agent.after_contact_work_end_timestamp.as_ref(),
    )?;
    let alerted_at = dequeued.or(connected).ok_or_else(|| {
        CtrError::field(
            id,
            "Agent.ConnectedToAgentTimestamp",
            "is missing, and so is Queue.DequeueTimestamp: the agent has no start",
        )
    })?;
    let ended_at = times.disconnect.or(acw_start);
    Ok(AgentSegment {
        agent: ExternalUserId::new(user),
        queue,
        alerted_at,
        answered_at: connected,
        holds: Vec::new(),
        ended_at,
        after_call_work_ended_at: acw_end.filter(|_| ended_at.is_some()),
        wrapup_code: None,
        notes: None,
    })
}
