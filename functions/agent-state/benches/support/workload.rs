//! A synthetic agent-state workload for the benchmarks and the call-count tests: `agents` agents
//! going through a realistic cycle (sign-in, calls with hold and after-call work, breaks, lunch,
//! training), and an org in the emulator that knows them (seeded users, presence source and
//! secondary statuses; the id map written directly).

#![allow(dead_code)] // each target that includes this uses a different part

use std::collections::HashMap;

use exsync::deadline::Deadline;
use exsync::genesys::GenesysClient;
use exsync::store::IdMap;
use exsync::store::{PutMode, StateStore, keys};
use exsync::sync::agent_state::{AgentLookup, InboundMessage};
use genesys_emulator::EmulatorHandle;
use serde_json::{Value, json};

/// The states an agent cycles through: (state, reason, activity, seconds until the next).
const CYCLE: &[(&str, Option<&str>, Option<&str>, i64)] = &[
    ("NOT_READY", None, None, 60),
    ("READY", None, Some("IDLE"), 40),
    ("READY", None, Some("ALERTING"), 4),
    ("READY", None, Some("TALKING"), 180),
    ("READY", None, Some("HOLD"), 30),
    ("READY", None, Some("TALKING"), 90),
    ("READY", None, Some("AFTER_CALL_WORK"), 45),
    ("READY", None, Some("IDLE"), 25),
    ("READY", None, Some("ALERTING"), 6),
    ("READY", None, Some("NO_ANSWER"), 5),
    ("NOT_READY", Some("Break"), None, 600),
    ("READY", None, Some("IDLE"), 50),
    ("READY", None, Some("ALERTING"), 3),
    ("READY", None, Some("TALKING"), 240),
    ("READY", None, Some("AFTER_CALL_WORK"), 60),
    ("NOT_READY", Some("Lunch"), None, 1800),
    ("READY", None, Some("IDLE"), 30),
    ("NOT_READY", Some("Training"), None, 3600),
    ("LOGGED_OUT", None, None, 900),
];

/// External id of agent `i`.
pub fn agent(i: usize) -> String {
    format!("bench-agent-{i:04}")
}

/// Genesys user id of agent `i` (V4-shaped, stable).
pub fn user_id(i: usize) -> String {
    format!("0a1b2c3d-0000-4000-8000-{i:012}")
}

/// The presence source id the workload uses.
pub const SOURCE_ID: &str = "5b0e6a52-1c3f-4c1e-9d7a-2f4f0c6c1a11";

/// `per_agent` events for each of `agents` agents, in time order per agent; batch `round` of a
/// longer run (its events follow those of round - 1). Each agent starts at its own point of the
/// cycle.
pub fn events(agents: usize, per_agent: usize, round: usize, seed: u64) -> Vec<Value> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::with_capacity(agents * per_agent);
    for a in 0..agents {
        let start = (a * 7) % CYCLE.len();
        let mut at = 1_795_507_200_000_i64 + (a as i64) * 1_000;
        for step in 0..round * per_agent {
            at += CYCLE[(start + step) % CYCLE.len()].3 * 1_000;
        }
        for k in 0..per_agent {
            let step = round * per_agent + k;
            let (state, reason, activity, next) = CYCLE[(start + step) % CYCLE.len()];
            out.push(json!({
                "schema": "exsync.agent-state/v1",
                "eventId": format!("{}-{step:05}", agent(a)),
                "agentId": agent(a),
                "occurredAt": chrono::DateTime::from_timestamp_millis(at).unwrap_or_default()
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "state": state, "reason": reason, "activity": activity
            }));
            at += next * 1_000 + i64::from(rng.u16(..1000));
        }
    }
    out
}

/// The events as queue messages, one event each: a standard queue's batch is shuffled (it keeps
/// no order), a FIFO batch is in time order with group ids.
pub fn messages(mut events: Vec<Value>, fifo: bool, seed: u64) -> Vec<InboundMessage> {
    if fifo {
        events.sort_by(|a, b| a["occurredAt"].as_str().cmp(&b["occurredAt"].as_str()));
    }
    let mut messages: Vec<InboundMessage> = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| InboundMessage {
            message_id: format!("msg-{seed}-{i:05}"),
            group_id: fifo.then(|| e["agentId"].as_str().unwrap_or_default().to_owned()),
            body: e.to_string(),
            sent_at: None,
        })
        .collect();
    if !fifo {
        fastrand::Rng::with_seed(seed).shuffle(&mut messages);
    }
    messages
}

/// Every agent found, for the pure planner.
pub fn users(agents: usize) -> HashMap<String, AgentLookup> {
    (0..agents)
        .map(|i| (agent(i), AgentLookup::Found(user_id(i))))
        .collect()
}

/// Seeds the emulator with the agents, the presence source and the mapping's secondary statuses,
/// and writes the id map; returns it.
pub async fn seed_org(
    emulator: &EmulatorHandle,
    client: &GenesysClient,
    store: &StateStore,
    agents: usize,
) -> IdMap {
    let users: Vec<Value> = (0..agents)
        .map(|i| json!({"id": user_id(i), "name": format!("Bench Agent {i}"), "email": format!("{}@example.com", agent(i))}))
        .collect();
    let secondary = [
        ("Lunch", "Meal"),
        ("Short Break", "Break"),
        ("Team Meeting", "Meeting"),
        ("Coaching", "Meeting"),
        ("Back Office", "Busy"),
    ];
    let definitions: Vec<Value> = secondary
        .iter()
        .map(|(label, system)| json!({"languageLabels": {"en_US": label}, "systemPresence": system, "type": "User"}))
        .collect();
    emulator
        .seed(json!({
            "users": users,
            "presenceSources": [{"id": SOURCE_ID, "name": "External Contact Centre"}],
            "presenceDefinitions": definitions
        }))
        .unwrap_or_else(|e| panic!("seed: {e}"));
    let mut idmap = IdMap::new();
    idmap.presence_source_id = Some(SOURCE_ID.to_owned());
    for d in client
        .list_presence_definitions(Deadline::none())
        .await
        .unwrap_or_default()
    {
        let Some(id) = d.id else { continue };
        if d.r#type.as_deref() == Some("System") {
            if let Some(system) = d.system_presence {
                idmap.system_presences.insert(system, id);
            }
        } else {
            // as config sync writes it: a cold start then resolves secondary statuses without
            // reading the presence definitions
            for label in d.language_labels.into_values() {
                idmap.secondary_labels.insert(label, id.clone());
            }
        }
    }
    idmap.tables.users = (0..agents)
        .map(|i| (agent(i).into(), user_id(i).into()))
        .collect();
    store
        .put_json(keys::IDMAP, &idmap, PutMode::Overwrite)
        .await
        .unwrap_or_else(|e| panic!("id map: {e}"));
    idmap
}
