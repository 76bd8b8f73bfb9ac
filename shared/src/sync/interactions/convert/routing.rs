//! The agents' routing status changes a call implies, for orgs whose agent-state feed does not
//! send them (mapping `interactions.emitRoutingStatus`).
//!
//! Per agent segment: `Interacting` when the call is offered (or placed); `Idle` once the agent
//! is done with it (after-call work ended, or the leg ended with a wrap-up code and no after-call
//! work); `NotResponding` when the agent was offered the call, did not answer and the call went
//! elsewhere (`Idle` when the caller hung up while it was ringing). Like the conversation events,
//! a status is produced only once it is final.

use chrono::{DateTime, Utc};

use super::Ctx;
use crate::external::Segment;
use crate::genesys::model::{EventRoutingStatus, UserRoutingStatusEvent};

/// The routing status events of every agent segment, in time order.
pub(super) fn events(ctx: &Ctx<'_>, pending: &mut bool) -> Vec<UserRoutingStatusEvent> {
    let record = ctx.record;
    let mut events = Vec::new();
    for (index, segment) in record.segments.iter().enumerate() {
        let (Segment::Agent(agent), Some((leg, _))) = (segment, ctx.segment_legs.get(index)) else {
            continue;
        };
        let Some(user) = ctx.refs.user(agent.agent.as_str()) else {
            continue;
        };
        let event = |step: &str, at: DateTime<Utc>, status| UserRoutingStatusEvent {
            event_id: ctx.ids.routing_status(*leg, step),
            event_date_time: at,
            agent_id: user.to_owned(),
            status,
            source_id: ctx.refs.source_id().to_owned(),
        };
        events.push(event(
            "interacting",
            agent.alerted_at,
            EventRoutingStatus::Interacting,
        ));
        let done = if agent.answered_at.is_some() {
            match (
                agent.after_call_work_ended_at,
                &agent.wrapup_code,
                agent.ended_at,
            ) {
                (Some(acw), _, _) => Some((acw, EventRoutingStatus::Idle)),
                (None, Some(_), Some(end)) => Some((end, EventRoutingStatus::Idle)),
                _ => None,
            }
        } else {
            let moved_on = record.segments.len() > index + 1;
            match (
                agent.ended_at.or(record.ended_at),
                moved_on,
                record.ended_at,
            ) {
                (Some(end), true, _) => Some((end, EventRoutingStatus::NotResponding)),
                (Some(end), false, Some(call_end)) if end >= call_end => {
                    Some((end, EventRoutingStatus::Idle))
                }
                (Some(end), false, Some(_)) => Some((end, EventRoutingStatus::NotResponding)),
                _ => None,
            }
        };
        match done {
            Some((at, status)) => events.push(event("done", at, status)),
            None => *pending = true,
        }
    }
    events.sort_by_key(|e| e.event_date_time);
    events
}
