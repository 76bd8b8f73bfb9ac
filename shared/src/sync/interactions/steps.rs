//! Keeping causal order across calls: where a new call must start.
//!
//! A `BatchConversationEventRequest` groups events by type, so the JSON cannot say that a leg's
//! `userEstablished` comes before its `holdUpdated`, or a transfer command before its progress.
//! exsync keeps order with `eventDateTime`: every event carries its source time, and the events
//! of one interaction are listed in causal order (time order; at equal times established before
//! answered before hold before ended before disposition, a transfer command before the new leg
//! before the progress before the end). A receiver that applies a call's events in time order
//! (as the emulator does) therefore applies dependent events in causal order **unless two of them
//! have the same `eventDateTime`** — then nothing in the call says which comes first.
//!
//! So an interaction's events are cut into **steps**: a new step starts at the first event that
//! touches a communication or transfer command an event already in the step touches *at the same
//! `eventDateTime`*. Events of one step can be applied in any time-respecting order; steps are
//! sent one after the other, each call waiting for the previous one's answer.
//!
//! What it costs (see the bench): a plain call (customer, IVR, queue, agent, holds, wrap-up) is
//! one step; a blind transfer adds two (command → progress → end share the command and time), a
//! consult transfer two, a wrap-up at the very moment the leg ended (no after-call work) one.
//! Steps of different interactions are independent, so the use case packs the first steps of
//! every interaction of an SQS batch into the same calls (≤ the batch size each), then the
//! second steps, and so on: calls per batch ≈ events / batch size + the longest chain of steps.

use std::collections::HashSet;
use std::ops::Range;

use chrono::{DateTime, Utc};

use super::event::PlannedEvent;

/// Cuts ordered events into steps (index ranges into `events`), each safe to send in one call.
pub fn steps(events: &[PlannedEvent]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut seen: HashSet<(&str, DateTime<Utc>)> = HashSet::new();
    for (index, planned) in events.iter().enumerate() {
        let at = planned.event.at();
        let clash = planned
            .touches
            .iter()
            .any(|t| seen.contains(&(t.as_str(), at)));
        if clash {
            out.push(start..index);
            start = index;
            seen.clear();
        }
        seen.extend(planned.touches.iter().map(|t| (t.as_str(), at)));
    }
    if start < events.len() {
        out.push(start..events.len());
    }
    out
}

/// Packs items of the given sizes into calls of at most `limit` items, keeping their order: an
/// item goes into the current call if it fits, else starts the next one; an item larger than
/// `limit` fills the current call and goes on over as many calls as it needs. Returns, per call,
/// `(item, range within the item)`.
pub fn pack(sizes: &[usize], limit: usize) -> Vec<Vec<(usize, Range<usize>)>> {
    let limit = limit.max(1);
    let mut calls: Vec<Vec<(usize, Range<usize>)>> = Vec::new();
    let mut room = 0;
    for (item, &size) in sizes.iter().enumerate() {
        if size == 0 {
            continue;
        }
        if size > room && size <= limit {
            calls.push(Vec::new());
            room = limit;
        }
        let mut done = 0;
        while done < size {
            if room == 0 {
                calls.push(Vec::new());
                room = limit;
            }
            let take = (size - done).min(room);
            if let Some(call) = calls.last_mut() {
                call.push((item, done..done + take));
            }
            done += take;
            room -= take;
        }
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_that_fit_share_a_call_and_the_next_one_starts_a_new_call() {
        let calls = pack(&[40, 50, 20], 100);
        assert_eq!(calls, vec![vec![(0, 0..40), (1, 0..50)], vec![(2, 0..20)]]);
    }

    #[test]
    fn an_item_over_the_limit_is_split_in_order() {
        let calls = pack(&[10, 250], 100);
        assert_eq!(
            calls,
            vec![
                vec![(0, 0..10), (1, 0..90)],
                vec![(1, 90..190)],
                vec![(1, 190..250)]
            ]
        );
    }

    #[test]
    fn empty_items_make_no_call() {
        assert!(pack(&[0, 0], 100).is_empty());
    }
}
