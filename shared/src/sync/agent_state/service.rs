//! The agent-state use case: one SQS batch in, Genesys presence and routing-status events out, a
//! verdict for every message back.
//!
//! Per batch: read the id map (cached, re-read at most every refresh interval), find the Genesys
//! user of every agent (id map, else `GET /users/externalid/{authority}/{agent}`), read each
//! agent's record, plan (pure) and claim the records the plan changes (conditional writes,
//! re-planning an agent whose record another invocation changed; see `claim.rs`), send (one
//! presence call and one routing-status call per `batchLimit` events), settle (pure), then write
//! dead letters and confirm the claims.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::stream::{self, StreamExt};
use tokio::sync::Mutex;

use super::claim::{confirm_claims, plan_and_claim};
use super::error::AgentStateError;
use super::inbound::{InboundMessage, ParsedBatch, QueueKind, parse_messages};
use super::outcome::{AgentStateCounts, BatchOutcome, EventResult};
use super::plan::{AgentLookup, Plan, PlanContext};
use super::send::send_plan;
use super::settle::{EventStatus, MessageVerdict, settle};
use super::store_io::write_dead_letters;
use super::warm::WarmState;
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::mapping::MappingDocument;
use crate::store::IdMap;
use crate::store::StateStore;

/// Tuning of the use case; the defaults suit the deployed function.
#[derive(Debug, Clone)]
pub struct AgentStateOptions {
    /// How long a cached id map (and a remembered user lookup) is trusted (default 60 s).
    pub idmap_refresh: Duration,
    /// State-store reads and writes in flight at once (default 16).
    pub store_concurrency: usize,
    /// User lookups by external id in flight at once (default 4).
    pub lookup_concurrency: usize,
}

impl Default for AgentStateOptions {
    fn default() -> Self {
        Self {
            idmap_refresh: Duration::from_secs(60),
            store_concurrency: 16,
            lookup_concurrency: 4,
        }
    }
}

/// The use case with what it keeps warm between invocations.
#[derive(Debug)]
pub struct AgentStateService {
    client: GenesysClient,
    store: StateStore,
    mapping: Arc<MappingDocument>,
    options: AgentStateOptions,
    warm: Mutex<WarmState>,
}

impl AgentStateService {
    /// A service with a cold cache.
    pub fn new(
        client: GenesysClient,
        store: StateStore,
        mapping: MappingDocument,
        options: AgentStateOptions,
    ) -> Self {
        Self {
            client,
            store,
            mapping: Arc::new(mapping),
            options,
            warm: Mutex::new(WarmState::default()),
        }
    }

    /// The Genesys client.
    pub fn client(&self) -> &GenesysClient {
        &self.client
    }

    /// The state store.
    pub fn store(&self) -> &StateStore {
        &self.store
    }

    /// Takes one batch: sends what changed, dead-letters what can never be applied, and says
    /// which messages SQS must redeliver.
    ///
    /// # Errors
    /// Only when nothing of the batch can be taken (no id map and no cached one, no presence
    /// source yet, presence definitions unreadable): the caller retries the whole batch.
    #[tracing::instrument(skip_all, fields(messages = messages.len(), queue = ?kind))]
    pub async fn handle_batch(
        &self,
        messages: &[InboundMessage],
        kind: QueueKind,
        deadline: Deadline,
    ) -> Result<BatchOutcome, AgentStateError> {
        let before = self.client.stats();
        let mut parsed = parse_messages(messages);
        parsed.processed_at = Some(Utc::now());
        let mut warm = self.warm.lock().await;
        let refresh = self.options.idmap_refresh;
        let idmap = warm.idmap(&self.store, refresh).await?;
        let source_id = idmap
            .presence_source_id
            .clone()
            .ok_or(AgentStateError::NotConfigured)?;
        let agents: BTreeSet<&str> = parsed
            .events
            .iter()
            .map(|e| e.event.agent_id.as_str())
            .collect();
        let (mut users, user_lookups) = self.find_users(&mut warm, &idmap, &agents, deadline).await;
        let table = &self.mapping.agent_state;
        let catalog = if parsed.events.is_empty() {
            Arc::default()
        } else {
            warm.catalog(&self.client, table, refresh, deadline).await?
        };
        let ctx = PlanContext {
            table,
            catalog: &catalog,
            source_id: &source_id,
            users: &HashMap::new(),
            kind,
        };
        let concurrency = self.options.store_concurrency;
        let claimed = plan_and_claim(&self.store, &parsed, &mut users, ctx, concurrency).await;
        let (plan, records) = (&claimed.plan, &claimed.records);
        let limit = self.mapping.events.batch_limit.value() as usize;
        let sent = send_plan(&self.client, plan, limit, deadline).await;
        let settle_with = |forced: &BTreeSet<usize>| {
            settle(
                messages,
                &parsed,
                plan,
                &sent.deliveries,
                records,
                kind,
                forced,
            )
        };
        let mut settlement = settle_with(&BTreeSet::new());
        let (dead_letters, unwritten) =
            write_dead_letters(&self.store, messages, &settlement.messages).await;
        if !unwritten.is_empty() {
            settlement = settle_with(&unwritten);
        }
        let settled = std::mem::take(&mut settlement.records);
        let write_failures = confirm_claims(&self.store, &claimed, settled, concurrency).await;
        for (agent, error) in write_failures {
            tracing::warn!(%agent, %error, "agent record not confirmed; its claimed values are sent again with its next event");
        }
        log_first_sightings(&mut warm, plan);
        drop(warm);
        let mut counts = AgentStateCounts::tally(&parsed.bad, plan, &settlement);
        counts.presence_calls = sent.presence_calls;
        counts.routing_status_calls = sent.routing_status_calls;
        counts.user_lookups = user_lookups;
        counts.genesys = self.client.stats().since(&before);
        let outcome = BatchOutcome {
            queue: kind,
            retry_message_ids: retry_ids(messages, &settlement.messages),
            dead_letters,
            events: event_results(messages, &parsed, settlement.events),
            counts,
        };
        log_outcome(&outcome);
        Ok(outcome)
    }

    /// The Genesys user of every agent: id map, remembered lookup, else a lookup by external id.
    async fn find_users(
        &self,
        warm: &mut WarmState,
        idmap: &IdMap,
        agents: &BTreeSet<&str>,
        deadline: Deadline,
    ) -> (HashMap<String, AgentLookup>, u64) {
        let mut users = HashMap::new();
        let mut missing = Vec::new();
        for &agent in agents {
            let known = idmap
                .tables
                .users
                .get(agent)
                .map(|id| AgentLookup::Found(id.to_string()));
            match known.or_else(|| warm.remembered(agent, self.options.idmap_refresh)) {
                Some(lookup) => {
                    users.insert(agent.to_owned(), lookup);
                }
                None => missing.push(agent.to_owned()),
            }
        }
        let authority = &self.mapping.user_authority;
        let found: Vec<(String, AgentLookup)> = stream::iter(missing)
            .map(|agent| async move {
                let result = self.client.find_user_by_external_id(authority, &agent, deadline).await;
                let lookup = match result {
                    Ok(Some(user)) => AgentLookup::Found(user.id),
                    Ok(None) => AgentLookup::Unknown(format!(
                        "unknown agent {agent}: not in the id map and no user has external id {authority}/{agent}"
                    )),
                    Err(e) if e.is_retryable() => AgentLookup::Retry(format!("looking up agent {agent}: {e}")),
                    Err(e) => AgentLookup::Unknown(format!("looking up agent {agent}: {e}")),
                };
                (agent, lookup)
            })
            .buffer_unordered(self.options.lookup_concurrency.max(1))
            .collect()
            .await;
        let lookups = found.len() as u64;
        for (agent, lookup) in found {
            warm.remember(&agent, lookup.clone());
            users.insert(agent, lookup);
        }
        (users, lookups)
    }
}

/// Logs each unmapped value and unresolved presence the first time this process sees it.
fn log_first_sightings(warm: &mut WarmState, plan: &Plan) {
    for (value, count) in &plan.unmapped {
        if warm.first_time(value) {
            tracing::warn!(value = %value, count, "no status rule matches; the fallback was sent");
        }
    }
    for (target, count) in &plan.unresolved {
        if warm.first_time(target) {
            tracing::warn!(target = %target, count, "no presence definition for this target; the fallback presence was sent");
        }
    }
}

fn event_results(
    messages: &[InboundMessage],
    parsed: &ParsedBatch,
    statuses: Vec<EventStatus>,
) -> Vec<EventResult> {
    parsed
        .events
        .iter()
        .zip(statuses)
        .map(|(p, status)| EventResult {
            message_id: messages[p.message].message_id.clone(),
            event_id: p.event.event_id.to_string(),
            agent_id: p.event.agent_id.to_string(),
            status,
        })
        .collect()
}

fn retry_ids(messages: &[InboundMessage], verdicts: &[MessageVerdict]) -> Vec<String> {
    messages
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| matches!(v, MessageVerdict::Retry { .. }))
        .map(|(m, _)| m.message_id.clone())
        .collect()
}

fn log_outcome(outcome: &BatchOutcome) {
    let c = &outcome.counts;
    tracing::info!(
        received = c.events_received,
        applied = c.events_applied,
        skipped = c.events_skipped,
        dead_lettered = c.events_dead_lettered,
        retried = c.events_retried,
        presence_calls = c.presence_calls,
        routing_status_calls = c.routing_status_calls,
        "agent-state batch done"
    );
}
