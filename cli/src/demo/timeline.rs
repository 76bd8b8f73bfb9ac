//! The presence and routing-status timeline per agent, read from the Genesys emulator's admin
//! state (`GET /__admin/state`: `users[].presenceHistory`, `users[].routingStatusHistory`,
//! `presenceDefinitions[]`). For the demo and the end-to-end tests; a real org keeps no such
//! timeline readable by exsync.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::Value;

use exsync::store::IdMap;

/// One point of an agent's timeline: what changed at that source time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// the source time (`eventDateTime`)
    pub at: DateTime<Utc>,
    /// the presence set then: `System` or `System (label)` for a secondary status
    pub presence: Option<String>,
    /// the routing status set then (`OffQueue`, `Idle`, ...)
    pub routing_status: Option<String>,
}

/// One agent's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentTimeline {
    /// the external agent id
    pub agent_id: String,
    /// the Genesys user id
    pub user_id: String,
    /// the user's name in Genesys
    pub name: String,
    /// the changes, in time order
    pub entries: Vec<TimelineEntry>,
}

/// The timelines of `agents` (external ids) from the emulator's state; agents missing from the id
/// map or the org are left out. Only presences from `source_id` count when it is given.
pub fn emulator_timeline(
    state: &Value,
    idmap: &IdMap,
    agents: &[&str],
    source_id: Option<&str>,
) -> Vec<AgentTimeline> {
    let labels = presence_labels(state);
    let users: HashMap<&str, &Value> = array(state, "users")
        .filter_map(|u| Some((u.get("id")?.as_str()?, u)))
        .collect();
    agents
        .iter()
        .filter_map(|&agent| {
            let user_id = idmap.tables.users.get(agent)?;
            let user = users.get(user_id.as_str())?;
            let mut points: BTreeMap<DateTime<Utc>, TimelineEntry> = BTreeMap::new();
            for record in array(user, "presenceHistory") {
                let from_source = source_id.is_none_or(|s| text(record, "sourceId") == Some(s));
                if let (true, Some(at)) = (from_source, time(record)) {
                    let definition = text(record, "presenceDefinitionId").unwrap_or_default();
                    let label = labels.get(definition).cloned().unwrap_or_else(|| {
                        text(record, "systemPresence").unwrap_or("?").to_owned()
                    });
                    entry(&mut points, at).presence = Some(label);
                }
            }
            for record in array(user, "routingStatusHistory") {
                if let (Some(at), Some(status)) = (time(record), text(record, "status")) {
                    entry(&mut points, at).routing_status = Some(status.to_owned());
                }
            }
            Some(AgentTimeline {
                agent_id: agent.to_owned(),
                user_id: user_id.to_string(),
                name: text(user, "name").unwrap_or_default().to_owned(),
                entries: points.into_values().collect(),
            })
        })
        .collect()
}

fn entry(
    points: &mut BTreeMap<DateTime<Utc>, TimelineEntry>,
    at: DateTime<Utc>,
) -> &mut TimelineEntry {
    points.entry(at).or_insert(TimelineEntry {
        at,
        presence: None,
        routing_status: None,
    })
}

/// Definition id → `System` or `System (en_US label)` for user-defined ones.
fn presence_labels(state: &Value) -> HashMap<&str, String> {
    array(state, "presenceDefinitions")
        .filter_map(|d| {
            let id = text(d, "id")?;
            let system = text(d, "systemPresence").unwrap_or("?");
            let label = d
                .get("languageLabels")
                .and_then(|l| l.get("en_US").or_else(|| l.as_object()?.values().next()))
                .and_then(Value::as_str);
            let shown = match (text(d, "type"), label) {
                (Some("User"), Some(label)) => format!("{system} ({label})"),
                _ => system.to_owned(),
            };
            Some((id, shown))
        })
        .collect()
}

fn array<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn time(value: &Value) -> Option<DateTime<Utc>> {
    text(value, "eventDateTime")?.parse().ok()
}

impl fmt::Display for AgentTimeline {
    /// A table: one line per change, presence and routing status carried forward.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({}):", self.agent_id, self.name)?;
        let (mut presence, mut routing) = ("-".to_owned(), "-".to_owned());
        for entry in &self.entries {
            let changed_presence = entry.presence.clone();
            let changed_routing = entry.routing_status.clone();
            presence = changed_presence.unwrap_or(presence);
            routing = changed_routing.unwrap_or(routing);
            writeln!(
                f,
                "  {}  {:<28} {}",
                entry.at.format("%H:%M:%S%.3f"),
                presence,
                routing
            )?;
        }
        Ok(())
    }
}
