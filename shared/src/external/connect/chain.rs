//! [`interaction_from_contacts`]: the contacts of one transfer chain, in order, as one
//! `exsync.interaction/v1` record.
//!
//! **One conversation per chain.** A transfer in Connect ends one contact and starts another,
//! linked by `PreviousContactId`/`NextContactId` and sharing `InitialContactId`. The interaction id
//! is the `InitialContactId` (the `ContactId` of a contact never transferred), so every contact of
//! a chain lands in the same Genesys conversation.
//!
//! **Why the whole chain.** The interactions use case names a leg by its kind and position in the
//! record (`agent`, `agent-2`, ...), and every id derives from that name. A transferred contact
//! converted alone would call its agent `agent` and collide with the first contact's agent. So a
//! later contact is converted together with the contacts before it: the record then only grows at
//! its end, the earlier legs keep their ids, and the existing per-interaction state sends just the
//! new contact's legs and the transfer. A chain whose first contact is missing is refused rather
//! than numbered wrongly.
//!
//! **Still going.** When the last contact has a `NextContactId`, the call continues in a contact
//! not yet received: the record has no end, and the transferring agent's leg waits for it.
//!
//! **Transfers** are blind (the CTR does not say whether the agent spoke to the target first), at
//! `TransferCompletedTimestamp` (else the contact's disconnect), to the next contact's standard
//! queue, or else to its agent; a contact handed on by a flow, with no agent, has no transfer.

use std::collections::{BTreeMap, BTreeSet};

use super::ctr::ContactTraceRecord;
use super::error::CtrError;
use super::legs::{ContactTimes, contact_legs};
use crate::external::{
    Direction, DisconnectedBy, Format, InteractionRecord, Transfer, TransferKind, TransferParty,
    TransferTarget,
};
use crate::ids::ExternalInteractionId;

/// Converts the contacts of one transfer chain (in any order, one version each: see
/// [`super::keep_latest`]) into one interaction record.
///
/// # Errors
///
/// [`CtrError::Chain`] when the contacts are not one chain starting at its first contact;
/// [`CtrError::Field`] naming the contact and field of a missing or bad value (a timestamp that
/// is not ISO-8601, an ARN of the wrong kind, a channel other than `VOICE`).
pub fn interaction_from_contacts(
    contacts: &[ContactTraceRecord],
) -> Result<InteractionRecord, CtrError> {
    let chain = in_order(contacts)?;
    let Some(&head) = chain.first() else {
        return Err(chain_error("", "no contacts"));
    };
    let head_id = head.contact_id.as_str();
    for ctr in &chain {
        if let Some(channel) = ctr.channel.as_deref().filter(|c| *c != "VOICE") {
            return Err(CtrError::field(
                &ctr.contact_id,
                "Channel",
                format!("is `{channel}`; only VOICE contacts become interactions"),
            ));
        }
    }
    let head_times = ContactTimes::read(head)?;
    let started_at = head_times
        .initiation
        .ok_or_else(|| CtrError::field(head_id, "InitiationTimestamp", "is missing"))?;
    let direction = match head.initiation_method.as_deref() {
        Some("OUTBOUND") => Direction::Outbound,
        _ => Direction::Inbound,
    };
    let address = |e: &Option<super::CtrEndpoint>| {
        e.as_ref()
            .and_then(|e| e.address.clone())
            .filter(|a| !a.trim().is_empty())
    };
    let (customer, system) = (
        address(&head.customer_endpoint),
        address(&head.system_endpoint),
    );
    let (ani, dnis) = match direction {
        Direction::Inbound => (customer, system),
        Direction::Outbound => (system, customer),
    };
    let mut segments = Vec::new();
    let mut transfers = Vec::new();
    let mut previous: Option<(Option<crate::ids::ExternalUserId>, ContactTimes)> = None;
    for (index, ctr) in chain.iter().enumerate() {
        let times = ContactTimes::read(ctr)?;
        let legs = contact_legs(ctr, &times, index == 0)?;
        if let Some((Some(from), before)) = &previous {
            let to = match (&legs.queue, &legs.agent) {
                (Some(queue), _) => Some(TransferTarget::Queue(queue.clone())),
                (None, Some(agent)) => Some(TransferTarget::Agent(agent.clone())),
                (None, None) => None,
            };
            let at = before
                .transfer_completed
                .or(before.disconnect)
                .or(times.initiation);
            if let (Some(to), Some(at)) = (to, at) {
                transfers.push(Transfer {
                    kind: TransferKind::Blind,
                    at,
                    from: TransferParty {
                        agent: from.clone(),
                    },
                    to,
                });
            }
        }
        segments.extend(legs.segments);
        previous = Some((legs.agent, times));
    }
    let last = chain.last().copied().unwrap_or(head);
    let ended = last.next_contact_id.is_none();
    let ended_at = previous
        .as_ref()
        .and_then(|(_, times)| times.disconnect)
        .filter(|_| ended);
    let disconnected_by = ended_at.and_then(|_| disconnected_by(last.disconnect_reason.as_deref()));
    Ok(InteractionRecord {
        schema: Format::Interaction.tag(),
        interaction_id: ExternalInteractionId::new(interaction_id(head)),
        direction,
        ani,
        dnis,
        started_at,
        ended_at,
        recorded: chain.iter().any(|c| has_recording(c)),
        disconnected_by,
        segments,
        transfers,
    })
}

/// The interaction id of a contact: its chain's `InitialContactId`, or its own id.
fn interaction_id(ctr: &ContactTraceRecord) -> String {
    ctr.chain_id().to_owned()
}

/// Who ended the call, from `DisconnectReason`; unknown reasons say nothing.
fn disconnected_by(reason: Option<&str>) -> Option<DisconnectedBy> {
    match reason? {
        "CUSTOMER_DISCONNECT" => Some(DisconnectedBy::Customer),
        "AGENT_DISCONNECT" => Some(DisconnectedBy::Agent),
        "THIRD_PARTY_DISCONNECT"
        | "TELECOM_PROBLEM"
        | "BARGED"
        | "CONTACT_FLOW_DISCONNECT"
        | "EXPIRED"
        | "API"
        | "OTHER" => Some(DisconnectedBy::System),
        _ => None,
    }
}

fn has_recording(ctr: &ContactTraceRecord) -> bool {
    ctr.recording.as_ref().is_some_and(|r| !r.is_null())
        || ctr.recordings.as_ref().is_some_and(|r| !r.is_empty())
}

fn chain_error(initial: &str, problem: impl Into<String>) -> CtrError {
    CtrError::Chain {
        initial_contact_id: initial.to_owned(),
        problem: problem.into(),
    }
}

/// The contacts from the first of the chain along `PreviousContactId`.
pub(super) fn in_order(
    contacts: &[ContactTraceRecord],
) -> Result<Vec<&ContactTraceRecord>, CtrError> {
    let Some(first) = contacts.first() else {
        return Err(chain_error("", "no contacts"));
    };
    let initial = interaction_id(first);
    let mut by_previous: BTreeMap<&str, &ContactTraceRecord> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut head = None;
    for ctr in contacts {
        let id = ctr.contact_id.as_str();
        if interaction_id(ctr) != initial {
            return Err(chain_error(
                &initial,
                format!("contact {id} belongs to chain {}", interaction_id(ctr)),
            ));
        }
        if !seen.insert(id) {
            return Err(chain_error(
                &initial,
                format!("contact {id} appears twice; keep only its latest version"),
            ));
        }
        if id == initial {
            head = Some(ctr);
        } else if let Some(previous) = ctr.previous_contact_id.as_deref() {
            by_previous.insert(previous, ctr);
        } else {
            return Err(CtrError::field(
                id,
                "PreviousContactId",
                "is missing on a contact that is not its chain's first",
            ));
        }
    }
    let head = head.ok_or_else(|| {
        chain_error(
            &initial,
            format!("its first contact {initial} is missing; later contacts wait for it"),
        )
    })?;
    let mut chain = vec![head];
    let mut current = head;
    while let Some(next) = by_previous.remove(current.contact_id.as_str()) {
        chain.push(next);
        current = next;
    }
    if let Some((previous, orphan)) = by_previous.into_iter().next() {
        return Err(chain_error(
            &initial,
            format!(
                "contact {} follows {previous}, which is missing",
                orphan.contact_id
            ),
        ));
    }
    Ok(chain)
}
