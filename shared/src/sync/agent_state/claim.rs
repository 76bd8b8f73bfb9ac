//! Claiming agents' records before sending, so concurrent invocations never lose a state.
//!
//! On a standard queue two invocations can hold events of one agent at once. Each agent's record
//! therefore moves through three states, every write conditional on the ETag last read:
//!
//! 1. **read**: the record (or none) and its ETag; the batch is planned against it;
//! 2. **claimed**: before anything is sent, the record as it will be once the plan's events are
//!    taken, every value about to go out marked *not delivered*, is written with `If-Match` (or
//!    `If-None-Match: *` for a new record). An invocation whose write fails because another
//!    one changed the record re-reads it and plans that agent again (a few rounds, then its
//!    messages are retried); one whose write fails otherwise sends nothing for the agent and
//!    retries its messages. So claims of one agent are taken one after the other, each planned
//!    against the previous one: an event older than a claimed one is stale, a value another
//!    invocation is still sending counts as not delivered and goes out again (it is never
//!    skipped as unchanged), and no two invocations plan from the same record;
//! 3. **confirmed**: after sending, the settled record (delivered flags from Genesys's answer;
//!    retried events not taken, so their redelivery plans them again) replaces the claim with
//!    `If-Match` on the claim's ETag. When another invocation claimed on top of ours in between,
//!    ours is already superseded: only the values still carrying our event ids are marked
//!    delivered.
//!
//! A crash or a failed write after the claim leaves values marked not delivered: the agent's
//! next event sends them again (harmless, Genesys dedupes by event id). A record never says a
//! value was delivered that Genesys did not accept. Sent events carry their `occurredAt`, and
//! Genesys (like the emulator) orders an agent's presence and routing-status timeline by event
//! time, so claims taken in time order leave the latest event's state in place whichever
//! invocation's call lands last.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use futures::stream::{self, StreamExt};

use super::inbound::ParsedBatch;
use super::plan::{AgentLookup, Plan, PlanContext, plan};
use super::record::AgentRecord;
use super::settle::{Deliveries, Delivery, fold_records};
use super::store_io::load_records;
use crate::store::{ETag, PutMode, StateStore, StoreError, keys};

/// Rounds of re-reading and re-planning an agent whose record another invocation changed.
const CLAIM_ROUNDS: usize = 5;

/// Attempts to confirm a claim over records other invocations keep changing.
const CONFIRM_ATTEMPTS: usize = 5;

/// A plan whose agents' records this invocation has claimed.
#[derive(Debug, Clone, Default)]
pub struct ClaimedPlan {
    /// The plan (agents whose record could not be claimed have their events retried).
    pub plan: Plan,
    /// The records the plan was made against (absent: the agent had none).
    pub records: HashMap<String, AgentRecord>,
    /// The claims written: agent → (claimed record, its ETag).
    pub claims: HashMap<String, (AgentRecord, ETag)>,
}

/// Reads the records of the agents found, plans, and claims every record the plan changes;
/// re-reads and re-plans the agents whose claim lost a race. `users` gains a `Retry` for each
/// agent whose record could not be read or claimed.
pub async fn plan_and_claim(
    store: &StateStore,
    parsed: &ParsedBatch,
    users: &mut HashMap<String, AgentLookup>,
    ctx: PlanContext<'_>,
    concurrency: usize,
) -> ClaimedPlan {
    let mut out = ClaimedPlan::default();
    let mut etags: HashMap<String, ETag> = HashMap::new();
    let mut pending: Vec<String> = users
        .iter()
        .filter(|(_, l)| matches!(l, AgentLookup::Found(_)))
        .map(|(a, _)| a.clone())
        .collect();
    for _ in 0..CLAIM_ROUNDS {
        if pending.is_empty() {
            break;
        }
        let (stored, failed_reads) = load_records(store, &pending, concurrency).await;
        for agent in &pending {
            out.records.remove(agent);
            etags.remove(agent);
        }
        for (agent, (record, etag)) in stored {
            out.records.insert(agent.clone(), record);
            etags.insert(agent, etag);
        }
        for (agent, error) in failed_reads {
            tracing::warn!(%agent, %error, "agent record unreadable; its messages are retried");
            // a refused permission is no transient failure: dead-letter, never retry
            let lookup = if matches!(error, StoreError::Denied { .. }) {
                AgentLookup::Unknown(format!("state store: {error}"))
            } else {
                AgentLookup::Retry(format!("state store: {error}"))
            };
            users.insert(agent, lookup);
        }
        let planned = plan(&parsed.events, &out.records, &PlanContext { users, ..ctx });
        let wanted: Vec<AgentRecord> = claim_records(parsed, &planned, &out.records)
            .into_iter()
            .filter(|r| pending.contains(&r.agent_id))
            .collect();
        let results = write_claims(store, wanted, &etags, concurrency).await;
        pending = Vec::new();
        for (record, result) in results {
            let agent = record.agent_id.clone();
            match result {
                Ok(etag) => {
                    out.claims.insert(agent, (record, etag));
                }
                Err(StoreError::PreconditionFailed { .. }) => pending.push(agent),
                Err(error) => {
                    tracing::warn!(%agent, %error, "agent record not claimed; its messages are retried");
                    let reason = format!("state store: claiming the agent record: {error}");
                    users.insert(agent, AgentLookup::Retry(reason));
                }
            }
        }
    }
    for agent in pending {
        tracing::warn!(%agent, "agent record kept changing under concurrent invocations; its messages are retried");
        let reason = "the agent record kept changing under concurrent invocations".to_owned();
        users.insert(agent, AgentLookup::Retry(reason));
    }
    out.plan = plan(&parsed.events, &out.records, &PlanContext { users, ..ctx });
    out
}

/// The records as they will be once the plan's events are taken, every value about to go out
/// marked not delivered; only the ones that differ from `records`.
pub fn claim_records(
    parsed: &ParsedBatch,
    plan: &Plan,
    records: &HashMap<String, AgentRecord>,
) -> Vec<AgentRecord> {
    let pending = |n: usize| vec![Delivery::Retry("being sent".into()); n];
    let deliveries = Deliveries {
        presence: pending(plan.presence.len()),
        routing: pending(plan.routing.len()),
    };
    fold_records(parsed, plan, &deliveries, records, &BTreeSet::new())
}

async fn write_claims(
    store: &StateStore,
    records: Vec<AgentRecord>,
    etags: &HashMap<String, ETag>,
    concurrency: usize,
) -> Vec<(AgentRecord, Result<ETag, StoreError>)> {
    stream::iter(records)
        .map(|record| async move {
            let mode = etags
                .get(&record.agent_id)
                .cloned()
                .map_or(PutMode::IfAbsent, PutMode::IfMatch);
            let result = store
                .put_json(&keys::agent_record(&record.agent_id), &record, mode)
                .await;
            (record, result)
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await
}

/// Replaces each claim with the settled record (`settled` holds the records settlement
/// changed; an agent missing from it returns to the record read). Returns the agents whose
/// confirmation failed: their claimed values stay marked not delivered.
pub async fn confirm_claims(
    store: &StateStore,
    claimed: &ClaimedPlan,
    settled: Vec<AgentRecord>,
    concurrency: usize,
) -> Vec<(String, StoreError)> {
    let mut finals: HashMap<String, AgentRecord> = settled
        .into_iter()
        .map(|r| (r.agent_id.clone(), r))
        .collect();
    let work: Vec<(AgentRecord, &AgentRecord, &ETag)> = claimed
        .claims
        .iter()
        .map(|(agent, (claim, etag))| {
            let settled = finals
                .remove(agent)
                .or_else(|| claimed.records.get(agent).cloned())
                .unwrap_or_else(|| AgentRecord::empty(agent, DateTime::<Utc>::UNIX_EPOCH));
            (settled, claim, etag)
        })
        .filter(|(settled, claim, _)| settled != *claim)
        .collect();
    for agent in finals.keys() {
        tracing::error!(%agent, "a settled agent record was never claimed; not written");
    }
    stream::iter(work)
        .map(|(settled, claim, etag)| async move {
            let agent = settled.agent_id.clone();
            confirm_one(store, settled, claim, etag.clone())
                .await
                .err()
                .map(|e| (agent, e))
        })
        .buffer_unordered(concurrency.max(1))
        .filter_map(|r| async move { r })
        .collect()
        .await
}

async fn confirm_one(
    store: &StateStore,
    settled: AgentRecord,
    claim: &AgentRecord,
    etag: ETag,
) -> Result<(), StoreError> {
    let key = keys::agent_record(&settled.agent_id);
    match store.put_json(&key, &settled, PutMode::IfMatch(etag)).await {
        Err(StoreError::PreconditionFailed { .. }) => {}
        other => return other.map(|_| ()),
    }
    // another invocation claimed on top of ours: mark delivered what still carries our ids
    for _ in 0..CONFIRM_ATTEMPTS {
        let Some((mut stored, etag)) = store.get_json::<AgentRecord>(&key).await? else {
            return Ok(());
        };
        if !mark_delivered(&mut stored, &settled, claim) {
            return Ok(());
        }
        match store.put_json(&key, &stored, PutMode::IfMatch(etag)).await {
            Err(StoreError::PreconditionFailed { .. }) => {}
            other => return other.map(|_| ()),
        }
    }
    Err(StoreError::PreconditionFailed { key })
}

/// Sets `delivered` on the values of `stored` that are still the ones this invocation claimed
/// and that Genesys accepted; true when anything changed.
fn mark_delivered(stored: &mut AgentRecord, settled: &AgentRecord, claim: &AgentRecord) -> bool {
    let mut changed = false;
    if let (Some(ours), Some(mine), Some(now)) =
        (&settled.presence, &claim.presence, stored.presence.as_mut())
        && ours.delivered
        && !now.delivered
        && now.event_id == mine.event_id
        && now.event_id == ours.event_id
    {
        now.delivered = true;
        changed = true;
    }
    if let (Some(ours), Some(mine), Some(now)) = (
        &settled.routing_status,
        &claim.routing_status,
        stored.routing_status.as_mut(),
    ) && ours.delivered
        && !now.delivered
        && now.event_id == mine.event_id
        && now.event_id == ours.event_id
    {
        now.delivered = true;
        changed = true;
    }
    changed
}
