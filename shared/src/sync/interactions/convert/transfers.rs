//! Transfers: the command, the destination leg (a later segment, or a phone leg for a number)
//! and the transfer's progress and end.
//!
//! A blind transfer is `routingTransfer` / `userTransfer` / `phoneTransfer` (Unattended, target =
//! the transferring agent's leg, object = the customer's leg) when the call leaves, then
//! `progressTransfer` naming the new leg and `endTransfer` (Completed) once the new leg is up. A
//! consult transfer is `consultTransfer` when the consulted leg is up (the record does not say
//! when the consultation began, so that is the consulted segment's start), then
//! `progressConsultTransfer` and `endConsultTransfer` when the transfer completes.

use chrono::{DateTime, Utc};

use super::legs::ended_event;
use super::{Ctx, Drafts, Phase};
use crate::external::{
    DisconnectedBy, InteractionRecord, Problem, Segment, Transfer, TransferKind, TransferTarget,
};
use crate::genesys::model::{
    ConsultTransferEvent, EndConsultTransferEvent, EndTransferEvent, InitialConfiguration,
    PhoneEstablishedEvent, PhoneTransferEvent, ProgressTransferEvent, RoutingTransferEvent,
    TransferCommand, UserTransferEvent,
};
use crate::sync::interactions::event::ConversationEvent as E;
use crate::sync::interactions::ids::transfer_label;

/// The agent segment a transfer came from: the transferring agent's last segment that began by
/// the transfer (their first one if none did).
pub(super) fn from_segment(record: &InteractionRecord, transfer: &Transfer) -> usize {
    let theirs = || {
        record
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, Segment::Agent(a) if a.agent == transfer.from.agent))
    };
    theirs()
        .rfind(|(_, s)| s.started_at() <= transfer.at)
        .or_else(|| theirs().next())
        .map_or(0, |(i, _)| i)
}

/// The events of transfer `index`.
pub(super) fn transfer(ctx: &Ctx<'_>, index: usize, out: &mut Drafts) {
    let record = ctx.record;
    let (Some(t), Some(&from)) = (record.transfers.get(index), ctx.transfer_from.get(index)) else {
        return;
    };
    let Some((_, initiating)) = ctx.segment_legs.get(from) else {
        return;
    };
    let Some((destination, reached)) = destination(ctx, index, t, from, initiating, out) else {
        if record.ended_at.is_some() {
            let (kind, id) = match &t.to {
                TransferTarget::Queue(q) => ("queue", q.as_str()),
                TransferTarget::Agent(a) => ("agent", a.as_str()),
                TransferTarget::Number(n) => ("number", n.as_str()),
            };
            out.problems.push(Problem::new(
                format!("interaction[{}]", record.interaction_id),
                format!("transfers[{index}].to.{kind}"),
                format!("the call ended but has no {kind} segment for `{id}` after the transferring agent's segment"),
            ));
        } else {
            out.pending = true;
        }
        return;
    };
    let legs = Legs {
        subject: transfer_label(index + 1),
        initiating,
        object: ctx.customer.as_str(),
        destination: &destination,
        reached,
    };
    match t.kind {
        TransferKind::Blind => blind(ctx, t, &legs, out),
        TransferKind::Consult => consult(ctx, t, &legs, out),
    }
}

/// Who a transfer is between.
struct Legs<'a> {
    /// `transfer-<n>`
    subject: String,
    /// the transferring agent's leg (also the leg transferred away from)
    initiating: &'a str,
    /// the customer's leg
    object: &'a str,
    /// the new leg
    destination: &'a str,
    /// when the new leg was established
    reached: DateTime<Utc>,
}

fn blind(ctx: &Ctx<'_>, t: &Transfer, legs: &Legs<'_>, out: &mut Drafts) {
    let (subject, object, destination) = (&legs.subject, legs.object, legs.destination);
    let done = t.at.max(legs.reached);
    let command_id = ctx.ids.command(subject);
    let command = TransferCommand {
        header: ctx.header(subject, "command", t.at.min(legs.reached)),
        transfer_type: "Unattended".to_owned(),
        command_id: command_id.clone(),
        initiating_communication_id: legs.initiating.to_owned(),
        target_communication_id: legs.initiating.to_owned(),
        object_communication_id: object.to_owned(),
    };
    let event = match &t.to {
        TransferTarget::Queue(q) => E::RoutingTransfer(RoutingTransferEvent {
            command,
            destination_queue_id: ctx.refs.queue(q.as_str()).unwrap_or_default().into(),
        }),
        TransferTarget::Agent(a) => E::UserTransfer(UserTransferEvent {
            command,
            destination_user_id: ctx.refs.user(a.as_str()).unwrap_or_default().into(),
        }),
        TransferTarget::Number(n) => E::PhoneTransfer(PhoneTransferEvent {
            command,
            destination_phone_number: n.clone(),
        }),
    };
    out.push(
        Phase::Command,
        event,
        &[&command_id, legs.initiating, object],
    );
    let progress = E::ProgressTransfer(ProgressTransferEvent {
        header: ctx.header(subject, "progress", done),
        command_id: command_id.clone(),
        object_communication_id: object.to_owned(),
        destination_communication_id: destination.to_owned(),
    });
    out.push(
        Phase::Progress,
        progress,
        &[&command_id, object, destination],
    );
    let end = E::EndTransfer(EndTransferEvent {
        header: ctx.header(subject, "end", done),
        command_id: command_id.clone(),
        final_state: "Completed".to_owned(),
        object_communication_id: object.to_owned(),
    });
    out.push(Phase::EndTransfer, end, &[&command_id, object]);
}

fn consult(ctx: &Ctx<'_>, t: &Transfer, legs: &Legs<'_>, out: &mut Drafts) {
    let subject = &legs.subject;
    let done = t.at.max(legs.reached);
    let key = format!("consult:{}", ctx.ids.command(subject));
    let consult = |step: &str, at: DateTime<Utc>| ConsultTransferEvent {
        header: ctx.header(subject, step, at),
        initiating_communication_id: legs.initiating.to_owned(),
        destination_communication_id: legs.destination.to_owned(),
        object_communication_id: legs.object.to_owned(),
    };
    let touches = [key.as_str(), legs.initiating, legs.object, legs.destination];
    let start = E::ConsultTransfer(consult("consult", legs.reached));
    out.push(Phase::ConsultStart, start, &touches);
    let progress = E::ProgressConsultTransfer(consult("progress-consult", done));
    out.push(Phase::Progress, progress, &touches);
    let end = E::EndConsultTransfer(EndConsultTransferEvent {
        header: ctx.header(subject, "end-consult", done),
    });
    out.push(Phase::EndTransfer, end, &[&key]);
}

/// The destination leg's communication id and when it was established; for a number, the
/// phone leg's events are produced here.
fn destination(
    ctx: &Ctx<'_>,
    index: usize,
    t: &Transfer,
    from: usize,
    initiating: &str,
    out: &mut Drafts,
) -> Option<(String, DateTime<Utc>)> {
    let later = || ctx.record.segments.iter().enumerate().skip(from + 1);
    let found = match &t.to {
        TransferTarget::Queue(q) => later()
            .find(|(_, s)| matches!(s, Segment::Queue(x) if &x.queue == q))
            .map(|(j, s)| (j, s.started_at())),
        TransferTarget::Agent(a) => later()
            .find(|(_, s)| matches!(s, Segment::Agent(x) if &x.agent == a))
            .map(|(j, s)| (j, s.started_at())),
        TransferTarget::Number(number) => return phone_leg(ctx, index, t, number, initiating, out),
    };
    let (j, at) = found?;
    ctx.segment_legs.get(j).map(|(_, id)| (id.clone(), at))
}

/// The leg of an outside number a transfer went to: up at the transfer, down with the call.
fn phone_leg(
    ctx: &Ctx<'_>,
    index: usize,
    t: &Transfer,
    number: &str,
    initiating: &str,
    out: &mut Drafts,
) -> Option<(String, DateTime<Utc>)> {
    let (leg, comm) = ctx.phone_leg(index)?;
    let initial = InitialConfiguration {
        alerting: Some(false),
        inbound: Some(ctx.inbound()),
        invited_by: Some(initiating.to_owned()),
        ..InitialConfiguration::default()
    };
    let event = E::PhoneEstablished(PhoneEstablishedEvent {
        established: ctx.established(*leg, comm, t.at, initial),
        phone_number: Some(number.to_owned()),
    });
    out.push(Phase::Established, event, &[comm]);
    if let Some(end) = ctx.record.ended_at {
        let kind = match ctx.record.disconnected_by {
            Some(DisconnectedBy::Customer) => "Peer",
            Some(DisconnectedBy::System) => "System",
            Some(DisconnectedBy::Agent) | None => "Self",
        };
        ended_event(ctx, *leg, comm, end, kind, out);
    }
    Some((comm.clone(), t.at))
}
