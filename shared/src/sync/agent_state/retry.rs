//! Which messages SQS must redeliver: those with an event to retry, then every later message of
//! the same agent (in the order its events were taken) and, on a FIFO queue, of the same message
//! group, until nothing changes. Redelivering a message without the ones after it would let a
//! later state overtake an earlier one.

use std::collections::{BTreeSet, HashMap};

use super::inbound::{InboundMessage, ParsedBatch, QueueKind};
use super::plan::Plan;

/// The messages to retry: `failed` (those with a retried event, and any retried whatever their
/// events' fate), then every later message of the same agent lane (and FIFO group), until nothing
/// changes.
pub(crate) fn propagate(
    messages: &[InboundMessage],
    parsed: &ParsedBatch,
    plan: &Plan,
    kind: QueueKind,
    failed: BTreeSet<usize>,
) -> BTreeSet<usize> {
    let mut retried = failed;
    loop {
        let before = retried.len();
        for lane in &plan.lanes {
            let messages_in_order = lane.events.iter().map(|&i| parsed.events[i].message);
            mark_after_first(messages_in_order, &mut retried);
        }
        if kind == QueueKind::Fifo {
            let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, m) in messages.iter().enumerate() {
                if let Some(group) = m.group_id.as_deref() {
                    groups.entry(group).or_default().push(i);
                }
            }
            for members in groups.values() {
                mark_after_first(members.iter().copied(), &mut retried);
            }
        }
        if retried.len() == before {
            return retried;
        }
    }
}

fn mark_after_first(ordered: impl Iterator<Item = usize>, retried: &mut BTreeSet<usize>) {
    let mut hit = false;
    let mut later = Vec::new();
    for message in ordered {
        hit = hit || retried.contains(&message);
        if hit {
            later.push(message);
        }
    }
    retried.extend(later);
}
