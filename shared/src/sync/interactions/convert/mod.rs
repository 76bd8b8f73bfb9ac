//! The pure conversion: an interaction record in, the ordered Genesys conversation events out.
//!
//! No I/O, no clock: the same record and id map always give the same events with the same ids.
//! What each part of a record becomes:
//!
//! | record | events |
//! |---|---|
//! | the call | `externalEstablished` (customer leg; inbound: at `startedAt`, connected; outbound: invited by the first leg, alerting), `communicationEnded` at `endedAt` |
//! | `ivr` segment | `ivrEstablished` (ani, dnis), `communicationEnded` |
//! | `queue` segment | `routingEstablished` (queueId), `communicationEnded` (`TransferACD` when an agent follows) |
//! | `agent` segment | `userEstablished` (userId; queueId on outbound calls; alerting unless the agent placed the call), `communicationAnswered`, `holdUpdated` on/off per hold, `communicationEnded`, `communicationDispositionApplied` (wrap-up code id, notes) |
//! | blind transfer | `routingTransfer` / `userTransfer` / `phoneTransfer` (Unattended), the new leg, `progressTransfer`, `endTransfer` (Completed) |
//! | consult transfer | the new leg, `consultTransfer`, `progressConsultTransfer`, `endConsultTransfer` |
//!
//! Each leg is invited by the leg before it, passing over agents who did not answer (the
//! customer's leg invites the first leg of an inbound call; the dialling agent's leg invites the
//! customer on an outbound one).
//! `disconnectType`: a leg the call moved on from ends with `Transfer` (IVR, an agent's blind
//! transfer to a queue or number), `TransferACD` (a queue that delivered to an agent),
//! `TransferUser` (blind transfer to an agent), `TransferConsult` (consult transfer) or `System`
//! (an agent who was offered the call and did not answer); the legs still up when the call ends
//! follow `disconnectedBy`: the customer leg `Self` when the customer hung up, `Peer` when the
//! agent did; the others `Peer` when the customer hung up, an agent `Self` when they did, every
//! leg `System` when the platform ended the call.
//!
//! An event is produced only once everything in it is final, so an event sent from an
//! in-progress record never needs changing: a leg's end waits until it is known how the leg
//! ended; the disposition waits for the after-call work to end (or for a wrap-up code on an ended
//! segment); a transfer waits for its destination segment. Such a record is
//! [`InteractionStatus::InProgress`] or [`InteractionStatus::Ended`], not `Complete`.

mod ctx;
mod legs;
mod routing;
mod transfers;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use ctx::Ctx;

use super::event::{ConversationEvent, PlannedEvent};
use super::ids::Leg;
use super::refs::References;
use crate::external::{InputError, InteractionRecord, Problem};
use crate::genesys::model::UserRoutingStatusEvent;

/// What the conversion puts in `sourceConfiguration.tagId`, shown as the conversation's
/// `externalTag`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TagId {
    /// The external interaction id (the default): users search Genesys for the id they see on
    /// the external platform and find the conversation; `sourceId` already names the platform.
    #[default]
    InteractionId,
    /// A fixed prefix and the interaction id (`ext-cc:call-1`), for orgs fed by more than one
    /// external platform.
    Prefixed(String),
    /// No tag.
    None,
}

/// Conversion options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConvertOptions {
    /// The external tag.
    pub tag: TagId,
    /// Also produce the agents' routing status changes the call implies (mapping
    /// `interactions.emitRoutingStatus`; off by default, the agent-state feed sends them).
    pub routing_status: bool,
}

/// How far an interaction has got, as far as exsync has sent it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InteractionStatus {
    /// The call has not ended.
    InProgress,
    /// The call ended; something is still to come (after-call work, a wrap-up code).
    Ended,
    /// Every event of the call has been produced.
    Complete,
}

/// The conversion of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The conversation id.
    pub conversation_id: String,
    /// Leg label (`customer`, `agent`, `queue-2`, ...) → communication id, for every leg so far.
    pub communications: BTreeMap<String, String>,
    /// The conversation events, in causal order.
    pub events: Vec<PlannedEvent>,
    /// The agents' routing status events, in time order (only with
    /// [`ConvertOptions::routing_status`]).
    pub routing_status_events: Vec<UserRoutingStatusEvent>,
    /// How far the call has got.
    pub status: InteractionStatus,
}

/// Converts a valid record (see [`crate::external::validate_interaction`]) into conversation
/// events.
///
/// # Errors
///
/// An [`InputError`] listing every external reference the id map does not have, or a transfer
/// of an ended call whose destination queue or agent has no segment.
pub fn convert(
    record: &InteractionRecord,
    refs: &References<'_>,
    options: &ConvertOptions,
) -> Result<Conversion, InputError> {
    InputError::check(refs.unknown_in(record))?;
    let ctx = Ctx::new(record, refs, options);
    let mut out = Drafts::default();
    // at equal times the inviting leg goes first: the customer on an inbound call, the agent
    // who dials on an outbound one
    if ctx.inbound() {
        legs::customer(&ctx, &mut out);
    }
    for index in 0..record.segments.len() {
        legs::segment(&ctx, index, &mut out);
    }
    if !ctx.inbound() {
        legs::customer(&ctx, &mut out);
    }
    for index in 0..record.transfers.len() {
        transfers::transfer(&ctx, index, &mut out);
    }
    InputError::check(std::mem::take(&mut out.problems))?;
    let routing_status_events = if options.routing_status {
        routing::events(&ctx, &mut out.pending)
    } else {
        Vec::new()
    };
    let status = match (record.ended_at, out.pending) {
        (None, _) => InteractionStatus::InProgress,
        (Some(_), true) => InteractionStatus::Ended,
        (Some(_), false) => InteractionStatus::Complete,
    };
    let mut communications = BTreeMap::new();
    communications.insert(Leg::Customer.label(), ctx.customer.clone());
    for (leg, id) in ctx.segment_legs.iter().chain(&ctx.phone_legs) {
        communications.insert(leg.label(), id.clone());
    }
    Ok(Conversion {
        conversation_id: ctx.conversation_id.clone(),
        communications,
        events: out.into_ordered(),
        routing_status_events,
        status,
    })
}

/// The order of events that share an `eventDateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phase {
    Command,
    Established,
    Answered,
    ConsultStart,
    Hold,
    Progress,
    Ended,
    EndTransfer,
    Disposition,
}

struct Draft {
    at: DateTime<Utc>,
    phase: Phase,
    planned: PlannedEvent,
}

/// The events produced so far, what is still to come, and what cannot be converted.
#[derive(Default)]
pub(super) struct Drafts {
    drafts: Vec<Draft>,
    pub(super) pending: bool,
    pub(super) problems: Vec<Problem>,
}

impl Drafts {
    pub(super) fn push(&mut self, phase: Phase, event: ConversationEvent, touches: &[&str]) {
        self.drafts.push(Draft {
            at: event.at(),
            phase,
            planned: PlannedEvent {
                event,
                touches: touches.iter().map(|t| (*t).to_owned()).collect(),
            },
        });
    }

    /// Time order; at equal times, [`Phase`] order, then the order produced.
    fn into_ordered(mut self) -> Vec<PlannedEvent> {
        self.drafts.sort_by_key(|d| (d.at, d.phase));
        self.drafts.into_iter().map(|d| d.planned).collect()
    }
}
