//! The rules an interaction record must follow: ids present, times in order, holds inside their
//! agent segment, transfers from an agent the record has.

use chrono::{DateTime, Utc};

use super::segment::{AgentSegment, Segment};
use super::{InteractionRecord, TransferTarget};
use crate::external::problems::Problem;

/// Every broken rule of `record`, on `object`.
pub(super) fn problems(record: &InteractionRecord, object: &str) -> Vec<Problem> {
    let mut found = Found {
        object,
        problems: Vec::new(),
    };
    if record.interaction_id.as_str().trim().is_empty() {
        found.push("interactionId", "must not be empty");
    }
    for (field, number) in [("ani", &record.ani), ("dnis", &record.dnis)] {
        if number.as_deref().is_some_and(|n| n.trim().is_empty()) {
            found.push(field, "must not be empty; leave it out when unknown");
        }
    }
    found.not_before(
        "endedAt",
        record.ended_at,
        "startedAt",
        Some(record.started_at),
    );
    if record.disconnected_by.is_some() && record.ended_at.is_none() {
        found.push(
            "disconnectedBy",
            "only an ended call has one; endedAt is missing",
        );
    }
    if record.segments.is_empty() {
        found.push("segments", "at least one segment is required");
    }
    let mut previous: Option<DateTime<Utc>> = None;
    for (index, segment) in record.segments.iter().enumerate() {
        let at = format!("segments[{index}]");
        let start = segment.started_at();
        let start_field = match segment {
            Segment::Agent(_) => "alertedAt",
            _ => "startedAt",
        };
        if start < record.started_at {
            found.push(
                format!("{at}.{start_field}"),
                "is before the call's startedAt",
            );
        } else if previous.is_some_and(|p| start < p) {
            found.push(
                format!("{at}.{start_field}"),
                "is before the previous segment began; list segments in time order",
            );
        }
        previous = Some(start);
        found.not_before(
            &format!("{at}.endedAt"),
            segment.ended_at(),
            start_field,
            Some(start),
        );
        if let (Some(end), Some(call_end)) = (segment.ended_at(), record.ended_at)
            && end > call_end
        {
            found.push(format!("{at}.endedAt"), "is after the call's endedAt");
        }
        if let Segment::Agent(agent) = segment {
            agent_segment(&mut found, &at, agent);
        }
    }
    transfers(&mut found, record);
    found.problems
}

struct Found<'a> {
    object: &'a str,
    problems: Vec<Problem>,
}

impl Found<'_> {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(self.object, field, message));
    }

    /// `later` (named `field`) must not be before `earlier` (named `earlier_name`).
    fn not_before(
        &mut self,
        field: &str,
        later: Option<DateTime<Utc>>,
        earlier_name: &str,
        earlier: Option<DateTime<Utc>>,
    ) {
        if let (Some(later), Some(earlier)) = (later, earlier)
            && later < earlier
        {
            self.push(field, format!("is before {earlier_name}"));
        }
    }
}

fn agent_segment(found: &mut Found<'_>, at: &str, agent: &AgentSegment) {
    if agent.agent.as_str().trim().is_empty() {
        found.push(format!("{at}.agent"), "must not be empty");
    }
    let field = |name: &str| format!("{at}.{name}");
    found.not_before(
        &field("answeredAt"),
        agent.answered_at,
        "alertedAt",
        Some(agent.alerted_at),
    );
    let talk_start = agent.answered_at.unwrap_or(agent.alerted_at);
    let start_name = if agent.answered_at.is_some() {
        "answeredAt"
    } else {
        "alertedAt"
    };
    found.not_before(
        &field("endedAt"),
        agent.ended_at,
        start_name,
        Some(talk_start),
    );
    found.not_before(
        &field("afterCallWorkEndedAt"),
        agent.after_call_work_ended_at,
        "endedAt",
        agent.ended_at,
    );
    if agent.after_call_work_ended_at.is_some() && agent.ended_at.is_none() {
        found.push(
            field("afterCallWorkEndedAt"),
            "after-call work cannot end before the call; endedAt is missing",
        );
    }
    if agent
        .wrapup_code
        .as_ref()
        .is_some_and(|c| c.as_str().trim().is_empty())
    {
        found.push(
            field("wrapupCode"),
            "must not be empty; leave it out when none was chosen",
        );
    }
    let Some(answered) = agent.answered_at else {
        if !agent.holds.is_empty() {
            found.push(
                field("holds"),
                "a call that was never answered cannot be on hold",
            );
        }
        return;
    };
    let mut previous_end: Option<DateTime<Utc>> = None;
    for (index, hold) in agent.holds.iter().enumerate() {
        let hold_field = |name: &str| format!("{at}.holds[{index}].{name}");
        if hold.started_at < answered {
            found.push(hold_field("startedAt"), "is before the call was answered");
        } else if previous_end.is_some_and(|end| hold.started_at < end) {
            found.push(hold_field("startedAt"), "overlaps the previous hold");
        }
        if agent.ended_at.is_some_and(|end| hold.started_at > end) {
            found.push(hold_field("startedAt"), "is after the agent's endedAt");
        }
        found.not_before(
            &hold_field("endedAt"),
            hold.ended_at,
            "startedAt",
            Some(hold.started_at),
        );
        if let (Some(hold_end), Some(end)) = (hold.ended_at, agent.ended_at)
            && hold_end > end
        {
            found.push(hold_field("endedAt"), "is after the agent's endedAt");
        }
        if hold.ended_at.is_none() && index + 1 < agent.holds.len() {
            found.push(
                hold_field("endedAt"),
                "only the last hold may still be open",
            );
        }
        previous_end = hold.ended_at.or(Some(hold.started_at));
    }
}

fn transfers(found: &mut Found<'_>, record: &InteractionRecord) {
    let agents: Vec<&str> = record
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Agent(a) => Some(a.agent.as_str()),
            _ => None,
        })
        .collect();
    for (index, transfer) in record.transfers.iter().enumerate() {
        let at = format!("transfers[{index}]");
        let from = transfer.from.agent.as_str();
        if !agents.contains(&from) {
            found.push(
                format!("{at}.from.agent"),
                format!("`{from}` has no agent segment in this call"),
            );
        }
        if transfer.at < record.started_at {
            found.push(format!("{at}.at"), "is before the call's startedAt");
        }
        if record.ended_at.is_some_and(|end| transfer.at > end) {
            found.push(format!("{at}.at"), "is after the call's endedAt");
        }
        match &transfer.to {
            TransferTarget::Number(number) if number.trim().is_empty() => {
                found.push(format!("{at}.to.number"), "must not be empty");
            }
            TransferTarget::Agent(agent) if agent.as_str() == from => {
                found.push(
                    format!("{at}.to.agent"),
                    "an agent cannot transfer a call to themselves",
                );
            }
            TransferTarget::Queue(queue) if queue.as_str().trim().is_empty() => {
                found.push(format!("{at}.to.queue"), "must not be empty");
            }
            _ => {}
        }
    }
}
