//! One event of Amazon Connect's agent event stream → an `exsync.agent-state/v1` event.
//!
//! Pure: the record's bytes in, an [`AgentStateEvent`] or the problems out. The external status is
//! read from the current agent snapshot so the mapping's status table applies unchanged:
//!
//! | exsync | from the Connect event |
//! |---|---|
//! | `eventId` | `EventId` |
//! | `agentId` | the user id: the last segment of `AgentARN` (`…/agent/<id>`), the external id config sync gives Connect users |
//! | `occurredAt` | `EventTimestamp` (whole seconds or milliseconds) |
//! | `state` | `CurrentAgentSnapshot.AgentStatus.Type` (`ROUTABLE`, `CUSTOM`, `OFFLINE`); `OFFLINE` on `LOGOUT` |
//! | `reason` | `CurrentAgentSnapshot.AgentStatus.Name` (`Available`, `Lunch`, ...); none on `LOGOUT` |
//! | `activity` | the `State` of the first contact that has not ended, else `ENDED` when a contact is in after-contact work, else none |
//!
//! `HEART_BEAT` events carry the current snapshot like any other and become ordinary events: the
//! planner skips them as unchanged unless the last state sent was not delivered, so a heartbeat
//! re-asserts an unconfirmed state and otherwise costs no Genesys call. Unknown members are
//! ignored (Connect adds fields over time); `PreviousAgentSnapshot` is not read.

use serde_json::Value;

use super::fields::Fields;
use crate::external::format::Format;
use crate::external::problems::{InputError, Problem};
use crate::external::{AgentStateEvent, json_type};
use crate::ids::{ExternalId, ExternalUserId};

/// The external state exsync gives an agent who logged out.
const LOGGED_OUT_STATE: &str = "OFFLINE";

/// The contact state of a contact in after-contact work.
const ENDED: &str = "ENDED";

/// The kinds of agent event (`EventType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectEventType {
    /// `LOGIN`: the agent logged in.
    Login,
    /// `LOGOUT`: the agent logged out.
    Logout,
    /// `STATE_CHANGE`: the agent's status, a contact's state or the configuration changed.
    StateChange,
    /// `HEART_BEAT`: nothing else happened for 120 seconds; the snapshot is current.
    HeartBeat,
}

impl ConnectEventType {
    /// Reads an `EventType` value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "LOGIN" => Some(Self::Login),
            "LOGOUT" => Some(Self::Logout),
            "STATE_CHANGE" => Some(Self::StateChange),
            "HEART_BEAT" => Some(Self::HeartBeat),
            _ => None,
        }
    }
}

/// The Connect user id in an agent ARN (`arn:aws:connect:…:instance/<instance>/agent/<id>`).
pub fn connect_agent_id(arn: &str) -> Option<&str> {
    let (_, id) = arn.rsplit_once("/agent/")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

/// Reads one agent event (a Kinesis record's data) as an exsync agent-state event.
///
/// # Errors
///
/// An [`InputError`] on object `connect event[<EventId>]` (or `connect event` when the id is
/// unreadable) naming the field at fault: not JSON, a required field missing or of the wrong
/// type, an ARN without an agent id, a bad timestamp, an unknown `EventType`.
pub fn agent_state_from_connect(data: &[u8]) -> Result<AgentStateEvent, InputError> {
    let value: Value = serde_json::from_slice(data).map_err(|error| {
        InputError::single(Problem::new(
            "connect event",
            "",
            format!("not valid JSON: {error}"),
        ))
    })?;
    let Value::Object(map) = &value else {
        return Err(InputError::single(Problem::new(
            "connect event",
            "",
            format!("must be an object, not {}", json_type(&value)),
        )));
    };
    let object = match map.get("EventId").and_then(Value::as_str) {
        Some(id) if !id.trim().is_empty() => format!("connect event[{id}]"),
        _ => "connect event".to_owned(),
    };
    let top = Fields {
        object: &object,
        path: "",
        map,
    };
    read_event(top).map_err(InputError::single)
}

/// The event's fields; the first problem found stops the reading.
fn read_event(top: Fields<'_, '_>) -> Result<AgentStateEvent, Problem> {
    let event_id = top.required_str("EventId")?;
    let arn = top.required_str("AgentARN")?;
    let agent = connect_agent_id(arn).ok_or_else(|| {
        Problem::new(
            top.object,
            "AgentARN",
            "must be an agent ARN ending in `/agent/<id>`",
        )
    })?;
    let occurred_at = top.timestamp("EventTimestamp")?;
    let kind_text = top.required_str("EventType")?;
    let kind = ConnectEventType::parse(kind_text).ok_or_else(|| {
        Problem::new(
            top.object,
            "EventType",
            "must be one of LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT",
        )
    })?;
    let (state, reason, activity) = match kind {
        ConnectEventType::Logout => (LOGGED_OUT_STATE.to_owned(), None, None),
        _ => current_status(top)?,
    };
    Ok(AgentStateEvent {
        schema: Format::AgentState.tag(),
        event_id: ExternalId::new(event_id),
        agent_id: ExternalUserId::new(agent),
        occurred_at,
        state,
        reason,
        activity,
    })
}

/// `(state, reason, activity)` of `CurrentAgentSnapshot`.
fn current_status(
    top: Fields<'_, '_>,
) -> Result<(String, Option<String>, Option<String>), Problem> {
    let snapshot_path = top.field("CurrentAgentSnapshot");
    let snapshot = Fields {
        path: &snapshot_path,
        map: top.required_object("CurrentAgentSnapshot")?,
        ..top
    };
    let status_path = snapshot.field("AgentStatus");
    let status = Fields {
        path: &status_path,
        map: snapshot.required_object("AgentStatus")?,
        ..snapshot
    };
    let state = status.required_str("Type")?.to_owned();
    let reason = status.optional_str("Name")?.map(str::to_owned);
    let activity = contact_activity(snapshot)?;
    Ok((state, reason, activity))
}

/// The state of the first contact that has not ended; `ENDED` when the only contacts are in
/// after-contact work; none without contacts.
fn contact_activity(snapshot: Fields<'_, '_>) -> Result<Option<String>, Problem> {
    let contacts = snapshot.optional_array("Contacts")?;
    let mut states = Vec::with_capacity(contacts.len());
    for (index, contact) in contacts.iter().enumerate() {
        let path = format!("{}[{index}]", snapshot.field("Contacts"));
        let Value::Object(map) = contact else {
            return Err(Problem::new(
                snapshot.object,
                path,
                format!("must be an object, not {}", json_type(contact)),
            ));
        };
        let fields = Fields {
            path: &path,
            map,
            ..snapshot
        };
        states.push(fields.required_str("State")?);
    }
    let live = states.iter().find(|state| **state != ENDED);
    Ok(live
        .or_else(|| states.first())
        .map(|state| (*state).to_owned()))
}
