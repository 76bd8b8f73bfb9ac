//! Users and what hangs off them: external ids, skill and language proficiencies, and the
//! presence and routing-status timelines that events build (kept ordered by `eventDateTime`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::entities::LifeState;
use super::table::keyed_by_id;
use crate::ids::{new_id, now};

/// A user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    /// Id.
    #[serde(default = "new_id")]
    pub id: String,
    /// Full name.
    pub name: String,
    /// Email, also the username; unique across all states.
    pub email: String,
    /// Division id (empty = home).
    #[serde(default)]
    pub division_id: String,
    /// Life-cycle state; `deleted` is a soft delete.
    #[serde(default)]
    pub state: LifeState,
    /// Optimistic-concurrency version: 1 at creation, +1 per PATCH.
    #[serde(default = "one")]
    pub version: u64,
    /// Other writable profile fields as sent (department, title, addresses, employerInfo, ...).
    #[serde(default)]
    pub profile: Map<String, Value>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<String>,
    /// External identifiers (case-sensitive, at most 100).
    #[serde(default)]
    pub external_ids: Vec<ExternalId>,
    /// ACD skills with proficiency.
    #[serde(default)]
    pub skills: Vec<Proficiency>,
    /// ACD languages with proficiency.
    #[serde(default)]
    pub languages: Vec<Proficiency>,
    /// Presence timeline, ordered by `eventDateTime`.
    #[serde(default)]
    pub presence_history: Vec<PresenceRecord>,
    /// Routing-status timeline, ordered by `eventDateTime`.
    #[serde(default)]
    pub routing_status_history: Vec<RoutingRecord>,
    /// Creation time.
    #[serde(default = "now")]
    pub date_created: DateTime<Utc>,
}

/// One external identifier.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalId {
    /// Authority (the external platform).
    pub authority_name: String,
    /// Key within the authority.
    pub external_key: String,
}

/// A skill or language held by a user.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proficiency {
    /// Skill or language id.
    pub id: String,
    /// 0.0 to 5.0.
    pub proficiency: f64,
}

/// One presence change of a user on one source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceRecord {
    /// The event id, when it came from `/events/users/presence`.
    #[serde(default)]
    pub event_id: Option<String>,
    /// When it happened at the source.
    pub event_date_time: DateTime<Utc>,
    /// Presence source id (`PURECLOUD` for the native one).
    pub source_id: String,
    /// Presence definition id.
    pub presence_definition_id: String,
    /// The system presence the definition rolls up to.
    pub system_presence: String,
    /// Status message.
    #[serde(default)]
    pub message: Option<String>,
    /// When the emulator received it.
    #[serde(default = "now")]
    pub received_at: DateTime<Utc>,
}

/// One routing-status change of a user.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoutingRecord {
    /// The event id, when it came from `/events/users/routingstatus`.
    #[serde(default)]
    pub event_id: Option<String>,
    /// When it happened at the source.
    pub event_date_time: DateTime<Utc>,
    /// The source platform id (`None` for the native PUT).
    #[serde(default)]
    pub source_id: Option<String>,
    /// Event spelling: `OffQueue`, `Idle`, `Interacting`, `Communicating`, `NotResponding`.
    pub status: String,
    /// When the emulator received it.
    #[serde(default = "now")]
    pub received_at: DateTime<Utc>,
}

fn one() -> u64 {
    1
}

keyed_by_id!(User);

/// Inserts keeping the list ordered by event time (stable for equal times).
fn insert_ordered<T>(list: &mut Vec<T>, item: T, time: impl Fn(&T) -> DateTime<Utc>) {
    let at = time(&item);
    let position = list
        .iter()
        .position(|existing| time(existing) > at)
        .unwrap_or(list.len());
    list.insert(position, item);
}

impl User {
    /// Adds a presence change in time order.
    pub fn record_presence(&mut self, record: PresenceRecord) {
        insert_ordered(&mut self.presence_history, record, |r| r.event_date_time);
    }

    /// Adds a routing-status change in time order.
    pub fn record_routing_status(&mut self, record: RoutingRecord) {
        insert_ordered(&mut self.routing_status_history, record, |r| {
            r.event_date_time
        });
    }

    /// The latest presence on a source.
    pub fn presence_on(&self, source_id: &str) -> Option<&PresenceRecord> {
        self.presence_history
            .iter()
            .rev()
            .find(|r| r.source_id == source_id)
    }

    /// The latest routing status.
    pub fn routing_status(&self) -> Option<&RoutingRecord> {
        self.routing_status_history.last()
    }

    /// Whether the email matches (emails compare case-insensitively).
    pub fn has_email(&self, email: &str) -> bool {
        self.email.eq_ignore_ascii_case(email)
    }
}

/// Converts an event routing status (`OffQueue`) to the resource spelling (`OFF_QUEUE`).
pub fn routing_status_to_resource(status: &str) -> &'static str {
    match status {
        "Idle" => "IDLE",
        "Interacting" => "INTERACTING",
        "Communicating" => "COMMUNICATING",
        "NotResponding" => "NOT_RESPONDING",
        _ => "OFF_QUEUE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(minute: u32) -> RoutingRecord {
        RoutingRecord {
            event_id: None,
            event_date_time: format!("2024-01-01T10:{minute:02}:00Z").parse().unwrap(),
            source_id: None,
            status: format!("m{minute}"),
            received_at: now(),
        }
    }

    #[test]
    fn routing_history_stays_ordered_by_event_time_whatever_the_arrival_order() {
        let mut user: User =
            serde_json::from_value(serde_json::json!({"name": "A", "email": "a@x"})).unwrap();
        for minute in [5, 1, 3] {
            user.record_routing_status(record(minute));
        }
        let order: Vec<_> = user
            .routing_status_history
            .iter()
            .map(|r| r.status.as_str())
            .collect();
        assert_eq!(order, vec!["m1", "m3", "m5"]);
        assert_eq!(user.routing_status().unwrap().status, "m5");
    }
}
