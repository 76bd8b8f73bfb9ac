//! Lanes: one agent's events in the order they are taken. On a FIFO queue that is the order the
//! messages arrived in (the producer's order; an event older than one before it is then stale);
//! on a standard queue, which keeps no order, it is `occurredAt` (ties in message order).

use std::collections::HashMap;

use super::inbound::{ParsedEvent, QueueKind};

/// One agent's events in the order they are taken (indices into the parsed events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// The external agent id.
    pub agent: String,
    /// The agent's events, in processing order.
    pub events: Vec<usize>,
}

/// Groups events by agent, in processing order for the queue kind; pure.
pub fn lanes(events: &[ParsedEvent], kind: QueueKind) -> Vec<Lane> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut lanes: Vec<Lane> = Vec::new();
    for (i, parsed) in events.iter().enumerate() {
        let agent = parsed.event.agent_id.as_str();
        let slot = *index.entry(agent).or_insert_with(|| {
            lanes.push(Lane {
                agent: agent.to_owned(),
                events: Vec::new(),
            });
            lanes.len() - 1
        });
        lanes[slot].events.push(i);
    }
    if kind == QueueKind::Standard {
        for lane in &mut lanes {
            lane.events.sort_by_key(|&i| {
                let e = &events[i];
                (e.event.occurred_at, e.message, e.index)
            });
        }
    }
    lanes
}
