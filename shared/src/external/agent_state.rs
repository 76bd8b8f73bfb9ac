//! The agent-state event `exsync.agent-state/v1`: one change of an agent's state on the external
//! platform, as it happened.
//!
//! One SQS message body holds one event object or a JSON array of them. [`split_agent_state_body`]
//! reads each event on its own, so one bad event does not cost the good ones beside it;
//! [`parse_agent_state_body`] wants them all.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::decode::{parse_json, read_document};
use super::format::{Format, SchemaTag};
use super::problems::{InputError, Problem};
use crate::ids::{ExternalId, ExternalUserId};

/// An agent-state event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentStateEvent {
    /// `exsync.agent-state/v1`.
    pub schema: SchemaTag,
    /// The external platform's id of this event; exsync derives the Genesys event ids from it.
    pub event_id: ExternalId,
    /// The agent.
    pub agent_id: ExternalUserId,
    /// When the state changed, in RFC 3339 with any offset; kept to the precision given
    /// (milliseconds in practice), in UTC.
    pub occurred_at: DateTime<Utc>,
    /// The external state code (`READY`, `NOT_READY`, `LOGGED_OUT`, ...).
    pub state: String,
    /// The not-ready reason code (`Lunch`, `Training`, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The activity code (`IDLE`, `ALERTING`, `TALKING`, `HOLD`, `AFTER_CALL_WORK`, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

/// The name of an event in problems: `event[<eventId>]`, else `event[<index>]` in an array.
fn event_object(value: &Value, index: Option<usize>) -> String {
    match (value.get("eventId").and_then(Value::as_str), index) {
        (Some(id), _) if !id.is_empty() => format!("event[{id}]"),
        (_, Some(index)) => format!("event[{index}]"),
        (_, None) => "event".to_owned(),
    }
}

/// Reads and validates a single event object.
///
/// # Errors
///
/// An [`InputError`] listing every problem, on object `event[<eventId>]`.
pub fn parse_agent_state_event(json: &str) -> Result<AgentStateEvent, InputError> {
    let value = parse_json(json, "event").map_err(InputError::single)?;
    read_event(value, None)
}

/// Reads a message body holding one event or an array of events, each on its own.
///
/// # Errors
///
/// An [`InputError`] only when the body as a whole is unusable: not JSON, neither an object nor an
/// array, or an empty array. Problems of single events are in their own results.
pub fn split_agent_state_body(
    body: &str,
) -> Result<Vec<Result<AgentStateEvent, InputError>>, InputError> {
    let value = parse_json(body, "message").map_err(InputError::single)?;
    match value {
        Value::Object(_) => Ok(vec![read_event(value, None)]),
        Value::Array(items) if items.is_empty() => Err(InputError::single(Problem::new(
            "message",
            "",
            "an empty array holds no events",
        ))),
        Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(index, item)| read_event(item, Some(index)))
            .collect()),
        _ => Err(InputError::single(Problem::new(
            "message",
            "",
            "must be an event object or an array of them",
        ))),
    }
}

/// Reads a message body holding one event or an array of events, all of which must be valid.
///
/// # Errors
///
/// An [`InputError`] listing the problems of every bad event.
pub fn parse_agent_state_body(body: &str) -> Result<Vec<AgentStateEvent>, InputError> {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    for result in split_agent_state_body(body)? {
        match result {
            Ok(event) => events.push(event),
            Err(error) => problems.extend(error.into_problems()),
        }
    }
    InputError::check(problems).map(|()| events)
}

fn read_event(value: Value, index: Option<usize>) -> Result<AgentStateEvent, InputError> {
    let object = event_object(&value, index);
    let event: AgentStateEvent = read_document(value, Format::AgentState, &object)?;
    InputError::check(event_problems(&event, &object)).map(|()| event)
}

/// The rules of an event: ids and state present, reason and activity either absent or not empty.
fn event_problems(event: &AgentStateEvent, object: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let required = [
        ("eventId", event.event_id.as_str()),
        ("agentId", event.agent_id.as_str()),
        ("state", event.state.as_str()),
    ];
    for (field, value) in required {
        if value.trim().is_empty() {
            problems.push(Problem::new(object, field, "must not be empty"));
        }
    }
    let optional = [("reason", &event.reason), ("activity", &event.activity)];
    for (field, value) in optional {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            problems.push(Problem::new(
                object,
                field,
                "must not be empty; use null for none",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const LUNCH: &str = r#"{"schema": "exsync.agent-state/v1", "eventId": "evt-8c1f", "agentId": "agent-1001",
        "occurredAt": "2026-11-24T08:00:03.250Z", "state": "NOT_READY", "reason": "Lunch", "activity": null}"#;

    fn only_problem(result: Result<AgentStateEvent, InputError>) -> Problem {
        let problems = result.unwrap_err().into_problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    #[test]
    fn the_documented_event_reads_with_millisecond_precision() {
        let event = parse_agent_state_event(LUNCH).unwrap();
        assert_eq!(event.agent_id.as_str(), "agent-1001");
        assert_eq!(event.reason.as_deref(), Some("Lunch"));
        assert_eq!(event.activity, None);
        let expected: DateTime<Utc> = "2026-11-24T08:00:03.250Z".parse().unwrap();
        assert_eq!(event.occurred_at, expected);
        assert_eq!(event.occurred_at.timestamp_subsec_millis(), 250);
    }

    #[test]
    fn a_body_may_hold_one_event_or_an_array() {
        assert_eq!(parse_agent_state_body(LUNCH).unwrap().len(), 1);
        let array = format!("[{LUNCH}, {}]", LUNCH.replace("evt-8c1f", "evt-8c20"));
        assert_eq!(parse_agent_state_body(&array).unwrap().len(), 2);
    }

    #[test]
    fn one_bad_event_in_an_array_does_not_spoil_the_others() {
        let bad = LUNCH
            .replace("evt-8c1f", "evt-bad")
            .replace("\"NOT_READY\"", "42");
        let results = split_agent_state_body(&format!("[{LUNCH}, {bad}]")).unwrap();
        assert!(results[0].is_ok());
        let problem = only_problem(results[1].clone());
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("event[evt-bad]", "state")
        );
    }

    #[test]
    fn an_unknown_field_is_named() {
        let problem = only_problem(parse_agent_state_event(
            &LUNCH.replace("\"activity\"", "\"activty\""),
        ));
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("event[evt-8c1f]", "activty")
        );
        assert!(
            problem.message.starts_with("unknown field `activty`"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_missing_agent_id_is_named() {
        let missing = LUNCH.replace("\"agentId\": \"agent-1001\",", "");
        let problem = only_problem(parse_agent_state_event(&missing));
        assert_eq!(
            (problem.field.as_str(), problem.message.as_str()),
            ("agentId", "missing field `agentId`")
        );
    }

    #[test]
    fn a_bad_timestamp_is_named() {
        let problem = only_problem(parse_agent_state_event(
            &LUNCH.replace("08:00:03.250Z", "8 o'clock"),
        ));
        assert_eq!(problem.field, "occurredAt");
    }

    #[test]
    fn a_wrong_schema_version_is_a_problem_on_schema() {
        let problem = only_problem(parse_agent_state_event(&LUNCH.replace("/v1", "/v2")));
        assert_eq!(
            (problem.object.as_str(), problem.field.as_str()),
            ("event[evt-8c1f]", "schema")
        );
    }

    #[test]
    fn an_empty_reason_is_rejected() {
        let problem = only_problem(parse_agent_state_event(&LUNCH.replace("\"Lunch\"", "\"\"")));
        assert_eq!(problem.field, "reason");
    }

    #[test]
    fn an_empty_state_is_rejected() {
        let problem = only_problem(parse_agent_state_event(
            &LUNCH.replace("\"NOT_READY\"", "\"\""),
        ));
        assert_eq!(problem.field, "state");
    }

    #[test]
    fn bodies_that_are_not_events_are_rejected_whole() {
        assert!(split_agent_state_body("[]").is_err());
        assert!(split_agent_state_body("\"READY\"").is_err());
        assert!(split_agent_state_body("{").is_err());
    }
}
