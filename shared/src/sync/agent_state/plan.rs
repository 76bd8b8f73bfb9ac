//! The pure planner: the events of one batch, the agents' records and the id lookups → the
//! presence and routing-status events to send, and a decision for every event.
//!
//! Per agent ("lane"), events are taken in order: message order on a FIFO queue, `occurredAt`
//! order on a standard queue. An event whose id the agent's record has seen is a duplicate; one
//! older than the last event taken is stale; both are skipped with that reason. Otherwise the
//! status table maps it (an unmapped value takes the fallback and is counted), and a presence or
//! routing status goes out when it differs from the last one sent or the last one was not
//! delivered (re-assertion). An event that changes neither is skipped as unchanged. Event ids are
//! derived from the presence source id and the external event id, so a redelivered message
//! produces the same ids.

use std::collections::{BTreeMap, HashMap};

use super::catalog::PresenceCatalog;
use super::inbound::{ParsedEvent, QueueKind};
use super::lanes::{Lane, lanes};
use super::record::{AgentRecord, Sent};
use super::skipped::SkipReason;
use crate::external::AgentStateEvent;
use crate::genesys::model::{UserPresenceEvent, UserRoutingStatusEvent};
use crate::ids::{IdNamespace, derived_uuid};
use crate::mapping::{Matched, StatusTable, resolve_status};
use chrono::{DateTime, Utc};

/// What is known about an agent's Genesys user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentLookup {
    /// The Genesys user id.
    Found(String),
    /// No such user: the agent's events are dead-lettered with this reason.
    Unknown(String),
    /// The lookup failed for now: the agent's messages are retried.
    Retry(String),
}

/// Everything the planner reads besides the events and records.
#[derive(Debug, Clone, Copy)]
pub struct PlanContext<'a> {
    /// The status table (`agentState` of the mapping document).
    pub table: &'a StatusTable,
    /// Presence targets → definition ids.
    pub catalog: &'a PresenceCatalog,
    /// The presence source id (from the id map).
    pub source_id: &'a str,
    /// External agent id → Genesys user, for every agent of the batch.
    pub users: &'a HashMap<String, AgentLookup>,
    /// The queue the batch came from.
    pub kind: QueueKind,
}

/// The decision for one event, before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send these (indices into [`Plan::presence`] and [`Plan::routing`]).
    Send {
        /// index of the presence event, when the presence goes out
        presence: Option<usize>,
        /// index of the routing-status event, when the routing status goes out
        routing: Option<usize>,
    },
    /// Not sent, for this reason.
    Skip(SkipReason),
    /// Cannot be sent ever: dead letter with this reason.
    DeadLetter(String),
    /// Cannot be sent now: retry the message.
    Retry(String),
}

/// The planner's result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The agents and their events in processing order.
    pub lanes: Vec<Lane>,
    /// One decision per parsed event.
    pub decisions: Vec<Option<Decision>>,
    /// Presence events to send, in time order per agent.
    pub presence: Vec<UserPresenceEvent>,
    /// Routing-status events to send, in time order per agent.
    pub routing: Vec<UserRoutingStatusEvent>,
    /// Unmapped (state, reason, activity) values that took the fallback, with counts.
    pub unmapped: BTreeMap<String, u64>,
    /// Presence targets without a definition id (the fallback presence went out), with counts.
    pub unresolved: BTreeMap<String, u64>,
    /// Values sent again although unchanged, because the last one was not delivered.
    pub reasserted: u64,
}

/// Plans a batch; pure. `records` holds the stored record of each agent that has one.
pub fn plan(
    events: &[ParsedEvent],
    records: &HashMap<String, AgentRecord>,
    ctx: &PlanContext<'_>,
) -> Plan {
    let mut plan = Plan {
        lanes: lanes(events, ctx.kind),
        decisions: vec![None; events.len()],
        ..Plan::default()
    };
    let lanes = std::mem::take(&mut plan.lanes);
    for lane in &lanes {
        let user = match ctx.users.get(&lane.agent) {
            Some(AgentLookup::Found(user)) => user.clone(),
            other => {
                let decision = match other {
                    Some(AgentLookup::Retry(reason)) => Decision::Retry(reason.clone()),
                    Some(AgentLookup::Unknown(reason)) => Decision::DeadLetter(reason.clone()),
                    _ => Decision::DeadLetter(format!("unknown agent {}", lane.agent)),
                };
                for &i in &lane.events {
                    plan.decisions[i] = Some(decision.clone());
                }
                continue;
            }
        };
        let mut record = records.get(&lane.agent).cloned();
        for &i in &lane.events {
            let decision = plan_event(&mut plan, &mut record, &events[i].event, &user, ctx);
            plan.decisions[i] = Some(decision);
        }
    }
    plan.lanes = lanes;
    plan
}

fn plan_event(
    plan: &mut Plan,
    record: &mut Option<AgentRecord>,
    event: &AgentStateEvent,
    user: &str,
    ctx: &PlanContext<'_>,
) -> Decision {
    if let Some(seen) = record.as_ref() {
        if seen.has_seen(event.event_id.as_str()) {
            return Decision::Skip(SkipReason::Duplicate);
        }
        if event.occurred_at < seen.last_occurred_at {
            return Decision::Skip(SkipReason::Stale {
                last_occurred_at: seen.last_occurred_at,
            });
        }
    }
    let (reason, activity) = (event.reason.as_deref(), event.activity.as_deref());
    let resolution = resolve_status(ctx.table, &event.state, reason, activity);
    if resolution.matched == Matched::Fallback {
        *plan.unmapped.entry(unmapped_key(event)).or_default() += 1;
    }
    let definition = match ctx.catalog.resolve(&resolution.presence) {
        Some(id) => Some(id.to_owned()),
        None => {
            *plan
                .unresolved
                .entry(resolution.presence.to_string())
                .or_default() += 1;
            ctx.catalog
                .resolve(&ctx.table.fallback.presence)
                .map(str::to_owned)
        }
    };
    let record = record
        .get_or_insert_with(|| AgentRecord::empty(event.agent_id.as_str(), event.occurred_at));
    record.take(event.event_id.as_str(), event.occurred_at);
    let (at, external_id) = (event.occurred_at, event.event_id.as_str());
    let mut decision = (None, None);
    if let Some(definition) = definition
        && needed(&record.presence, &definition, &mut plan.reasserted)
    {
        let event_id = derived_uuid(IdNamespace::PresenceEvent, &[ctx.source_id, external_id]);
        record.presence = Some(sent(definition.clone(), event_id.to_string(), at));
        decision.0 = Some(plan.presence.len());
        plan.presence.push(UserPresenceEvent {
            event_id: event_id.to_string(),
            event_date_time: at,
            user_id: user.to_owned(),
            source_id: ctx.source_id.to_owned(),
            presence_definition_id: Some(definition),
            message: None,
        });
    }
    let status = resolution.routing_status;
    if needed(&record.routing_status, &status, &mut plan.reasserted) {
        let event_id = derived_uuid(
            IdNamespace::RoutingStatusEvent,
            &[ctx.source_id, external_id],
        );
        record.routing_status = Some(sent(status, event_id.to_string(), at));
        decision.1 = Some(plan.routing.len());
        plan.routing.push(UserRoutingStatusEvent {
            event_id: event_id.to_string(),
            event_date_time: at,
            agent_id: user.to_owned(),
            status: status.into(),
            source_id: ctx.source_id.to_owned(),
        });
    }
    match decision {
        (None, None) => Decision::Skip(SkipReason::Unchanged),
        (presence, routing) => Decision::Send { presence, routing },
    }
}

/// Whether a value must go out; counts a re-assertion (equal but not delivered).
fn needed<T: PartialEq>(last: &Option<Sent<T>>, value: &T, reasserted: &mut u64) -> bool {
    match last {
        None => true,
        Some(last) if last.value == *value && !last.delivered => {
            *reasserted += 1;
            true
        }
        Some(last) => last.needs(value),
    }
}

fn sent<T>(value: T, event_id: String, occurred_at: DateTime<Utc>) -> Sent<T> {
    Sent {
        value,
        event_id,
        occurred_at,
        delivered: true,
    }
}

/// The key an unmapped value is counted and logged under: `state=X,reason=Y,activity=Z`.
pub fn unmapped_key(event: &AgentStateEvent) -> String {
    format!(
        "state={},reason={},activity={}",
        event.state,
        event.reason.as_deref().unwrap_or("-"),
        event.activity.as_deref().unwrap_or("-")
    )
}
