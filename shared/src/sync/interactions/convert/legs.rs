//! The customer leg and one leg per segment: established, answered, holds, ended, disposition.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Ctx, Drafts, Phase};
use crate::external::{AgentSegment, DisconnectedBy, Segment, TransferKind, TransferTarget};
use crate::genesys::model::{
    CommunicationAnsweredEvent, CommunicationDispositionAppliedEvent, CommunicationEndedEvent,
    ExternalEstablishedEvent, HoldUpdatedEvent, InitialConfiguration, IvrEstablishedEvent,
    RoutingEstablishedEvent, UserEstablishedEvent,
};
use crate::sync::interactions::event::ConversationEvent as E;
use crate::sync::interactions::ids::Leg;

/// The customer (external) leg.
pub(super) fn customer(ctx: &Ctx<'_>, out: &mut Drafts) {
    let record = ctx.record;
    let comm = ctx.customer.as_str();
    let first = record.segments.first();
    let (at, initial) = if ctx.inbound() {
        let initial = InitialConfiguration {
            alerting: Some(false),
            inbound: Some(true),
            recording_active: record.recorded.then_some(true),
            ..InitialConfiguration::default()
        };
        (record.started_at, initial)
    } else {
        let initial = InitialConfiguration {
            alerting: Some(true),
            inbound: Some(false),
            invited_by: ctx.segment_legs.first().map(|(_, id)| id.clone()),
            recording_active: record.recorded.then_some(true),
            ..InitialConfiguration::default()
        };
        (
            first.map_or(record.started_at, Segment::started_at),
            initial,
        )
    };
    let established = ctx.established(Leg::Customer, comm, at, initial);
    let event = E::ExternalEstablished(ExternalEstablishedEvent {
        established,
        ani: record.ani.clone(),
        dnis: record.dnis.clone(),
    });
    out.push(Phase::Established, event, &[comm]);
    if !ctx.inbound()
        && let Some(Segment::Agent(agent)) = first
        && let Some(answered) = agent.answered_at
    {
        answered_event(ctx, Leg::Customer, comm, answered, out);
    }
    if let Some(end) = record.ended_at {
        let kind = match record.disconnected_by {
            Some(DisconnectedBy::Customer) => "Self",
            Some(DisconnectedBy::System) => "System",
            Some(DisconnectedBy::Agent) | None => "Peer",
        };
        ended_event(ctx, Leg::Customer, comm, end, kind, out);
    }
}

/// The leg of segment `index`.
pub(super) fn segment(ctx: &Ctx<'_>, index: usize, out: &mut Drafts) {
    let record = ctx.record;
    let (Some(segment), Some((leg, comm))) =
        (record.segments.get(index), ctx.segment_legs.get(index))
    else {
        return;
    };
    let (leg, comm) = (*leg, comm.as_str());
    let inviter = record.segments[..index]
        .iter()
        .rposition(|s| !matches!(s, Segment::Agent(a) if a.answered_at.is_none()));
    let invited_by = match inviter {
        Some(previous) => ctx.segment_legs.get(previous).map(|(_, id)| id.clone()),
        None => ctx.inbound().then(|| ctx.customer.clone()),
    };
    let initial = InitialConfiguration {
        alerting: Some(false),
        inbound: Some(ctx.inbound()),
        invited_by,
        ..InitialConfiguration::default()
    };
    let at = segment.started_at();
    let event = match segment {
        Segment::Ivr(_) => E::IvrEstablished(IvrEstablishedEvent {
            established: ctx.established(leg, comm, at, initial),
            ivr_name: None,
            ani: record.ani.clone(),
            dnis: record.dnis.clone(),
        }),
        Segment::Queue(queue) => {
            let external = queue.queue.as_str();
            let initial = InitialConfiguration {
                additional_info: Some(info("externalQueueId", external)),
                ..initial
            };
            E::RoutingEstablished(RoutingEstablishedEvent {
                established: ctx.established(leg, comm, at, initial),
                queue_id: ctx.refs.queue(external).unwrap_or_default().to_owned(),
            })
        }
        Segment::Agent(agent) => {
            let placed_the_call = !ctx.inbound() && first_agent_segment(ctx) == Some(index);
            let initial = InitialConfiguration {
                alerting: Some(!placed_the_call),
                recording_active: record.recorded.then_some(true),
                additional_info: Some(info("externalAgentId", agent.agent.as_str())),
                ..initial
            };
            let queue_id = match ctx.inbound() {
                true => None,
                false => agent
                    .queue
                    .as_ref()
                    .and_then(|q| ctx.refs.queue(q.as_str())),
            };
            E::UserEstablished(UserEstablishedEvent {
                established: ctx.established(leg, comm, at, initial),
                user_id: ctx
                    .refs
                    .user(agent.agent.as_str())
                    .unwrap_or_default()
                    .to_owned(),
                queue_id: queue_id.map(str::to_owned),
                after_call_work_required: None,
            })
        }
    };
    out.push(Phase::Established, event, &[comm]);
    if let Segment::Agent(agent) = segment {
        let placed_the_call = !ctx.inbound() && first_agent_segment(ctx) == Some(index);
        if let (false, Some(answered)) = (placed_the_call, agent.answered_at) {
            answered_event(ctx, leg, comm, answered, out);
        }
        holds(ctx, leg, comm, agent, out);
    }
    let end = segment.ended_at().or(record.ended_at);
    let ended = match (end, end_kind(ctx, index)) {
        (Some(end), Some(kind)) => {
            ended_event(ctx, leg, comm, end, kind, out);
            Some(end)
        }
        (None, _) => None,
        (Some(_), None) => {
            out.pending = true;
            None
        }
    };
    if let Segment::Agent(agent) = segment {
        disposition(ctx, leg, comm, agent, ended, out);
    }
}

/// How segment `index`'s leg ended, if that is known yet.
fn end_kind(ctx: &Ctx<'_>, index: usize) -> Option<&'static str> {
    let record = ctx.record;
    let segment = record.segments.get(index)?;
    let next = record.segments.get(index + 1);
    if let Segment::Agent(agent) = segment {
        if let Some(transfer) = ctx.transfer_ending(index) {
            return Some(match (transfer.kind, &transfer.to) {
                (TransferKind::Consult, _) => "TransferConsult",
                (TransferKind::Blind, TransferTarget::Agent(_)) => "TransferUser",
                (TransferKind::Blind, _) => "Transfer",
            });
        }
        if agent.answered_at.is_none() && next.is_some() {
            return Some("System");
        }
    }
    match (segment, next) {
        (Segment::Queue(_), Some(Segment::Agent(_))) => return Some("TransferACD"),
        (_, Some(_)) => return Some("Transfer"),
        (_, None) => {}
    }
    record.ended_at?;
    Some(match record.disconnected_by {
        Some(DisconnectedBy::System) => "System",
        Some(DisconnectedBy::Agent) if matches!(segment, Segment::Agent(_)) => "Self",
        _ => "Peer",
    })
}

fn holds(ctx: &Ctx<'_>, leg: Leg, comm: &str, agent: &AgentSegment, out: &mut Drafts) {
    let label = leg.label();
    for (k, hold) in agent.holds.iter().enumerate() {
        let steps = [
            (Some(hold.started_at), true, "on"),
            (hold.ended_at, false, "off"),
        ];
        for (at, held, step) in steps.into_iter().filter_map(|(at, h, s)| Some((at?, h, s))) {
            let step = format!("hold-{}-{step}", k + 1);
            let event = E::HoldUpdated(HoldUpdatedEvent {
                header: ctx.header(&label, &step, at),
                communication_id: comm.to_owned(),
                held,
            });
            out.push(Phase::Hold, event, &[comm]);
        }
    }
}

/// The wrap-up: once after-call work ended, or at the leg's end when a code was chosen without
/// after-call work. Only for an answered leg whose end has been produced.
fn disposition(
    ctx: &Ctx<'_>,
    leg: Leg,
    comm: &str,
    agent: &AgentSegment,
    ended: Option<DateTime<Utc>>,
    out: &mut Drafts,
) {
    if agent.answered_at.is_none() {
        return;
    }
    let at = match (agent.after_call_work_ended_at, &agent.wrapup_code, ended) {
        (Some(acw), _, Some(_)) => acw,
        (None, Some(_), Some(end)) => end,
        _ => {
            out.pending = true;
            return;
        }
    };
    let code = agent.wrapup_code.as_ref();
    let event = E::CommunicationDispositionApplied(CommunicationDispositionAppliedEvent {
        header: ctx.header(&leg.label(), "disposition", at),
        communication_id: comm.to_owned(),
        code: code.and_then(|c| ctx.refs.wrapup_code(c.as_str()).map(str::to_owned)),
        notes: agent.notes.clone(),
    });
    out.push(Phase::Disposition, event, &[comm]);
}

pub(super) fn answered_event(
    ctx: &Ctx<'_>,
    leg: Leg,
    comm: &str,
    at: DateTime<Utc>,
    out: &mut Drafts,
) {
    let event = E::CommunicationAnswered(CommunicationAnsweredEvent {
        header: ctx.header(&leg.label(), "answered", at),
        communication_id: comm.to_owned(),
    });
    out.push(Phase::Answered, event, &[comm]);
}

pub(super) fn ended_event(
    ctx: &Ctx<'_>,
    leg: Leg,
    comm: &str,
    at: DateTime<Utc>,
    kind: &str,
    out: &mut Drafts,
) {
    let event = E::CommunicationEnded(CommunicationEndedEvent {
        header: ctx.header(&leg.label(), "ended", at),
        communication_id: comm.to_owned(),
        disconnect_type: kind.to_owned(),
    });
    out.push(Phase::Ended, event, &[comm]);
}

/// Index of the first agent segment.
pub(super) fn first_agent_segment(ctx: &Ctx<'_>) -> Option<usize> {
    ctx.record
        .segments
        .iter()
        .position(|s| matches!(s, Segment::Agent(_)))
}

fn info(key: &str, value: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(key.to_owned(), value.to_owned())])
}
