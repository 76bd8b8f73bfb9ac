//! A Connect-shaped day for the demo, built from the fake instance: agent events as Connect's
//! agent event stream carries them, contact trace records (one answered call, one transfer from
//! one agent to another) and the key Connect writes the transfer's recording under. Pure.

use exsync::sync::StreamRecord;
use serde_json::{Value, json};

/// One record as Kinesis would carry it: partition key and data.
#[derive(Debug, Clone)]
pub struct DayRecord {
    /// the partition key (the agent ARN for agent events, the contact id for CTRs)
    pub partition_key: String,
    /// the record's data (a JSON document)
    pub data: String,
}

/// The records as one Kinesis batch, their sequence numbers `<prefix><n>`.
pub fn stream(records: Vec<DayRecord>, prefix: &str) -> Vec<StreamRecord> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, r)| StreamRecord {
            sequence_number: format!("{prefix}{i:016}"),
            partition_key: r.partition_key,
            data: r.data.into_bytes(),
            arrived_at: None,
        })
        .collect()
}

/// The ids the day is built from.
#[derive(Debug, Clone)]
pub struct Cast {
    /// the instance ARN
    pub instance_arn: String,
    /// Connect user ids of the day's agents (at least two)
    pub agents: Vec<String>,
    /// their usernames
    pub usernames: Vec<String>,
    /// a standard queue id
    pub queue: String,
    /// a custom agent status name (a break)
    pub break_status: String,
}

/// The bucket and key prefix Connect records into in the demo.
pub const RECORDING_BUCKET: &str = "connect-recordings-demo";
/// The instance's recording prefix.
pub const RECORDING_PREFIX: &str = "connect/demo-contact-centre/CallRecordings";

fn agent_arn(cast: &Cast, agent: &str) -> String {
    format!("{}/agent/{agent}", cast.instance_arn)
}

/// One step of an agent's day: event type, time (`HH:MM:SS`), status `(type, name)`, contact states.
type Step<'a> = (&'a str, String, (&'a str, &'a str), &'a [&'a str]);

/// One agent event: the `n`-th of agent `agent`'s day.
fn agent_event(cast: &Cast, n: usize, agent: usize, step: &Step<'_>) -> DayRecord {
    let (kind, at, status, contacts) = step;
    let id = &cast.agents[agent];
    let arn = agent_arn(cast, id);
    let timestamp = format!("2026-11-24T{at}.000Z");
    let event = json!({
        "AWSAccountId": "123456789012",
        "AgentARN": arn,
        "EventId": format!("demo-{agent}-{n}"),
        "EventTimestamp": timestamp,
        "EventType": kind,
        "InstanceARN": cast.instance_arn,
        "Version": "2019-05-25",
        "CurrentAgentSnapshot": {
            "AgentStatus": {
                "ARN": format!("{}/agent-state/{}", cast.instance_arn, status.1),
                "Name": status.1, "StartTimestamp": timestamp, "Type": status.0
            },
            "NextAgentStatus": null,
            "Configuration": {
                "Username": cast.usernames[agent], "FirstName": "", "LastName": "",
                "RoutingProfile": {"ARN": format!("{}/routing-profile/demo", cast.instance_arn), "Name": "Demo"}
            },
            "Contacts": contacts.iter().map(|state| json!({
                "ContactId": format!("live-{agent}-{n}"), "Channel": "VOICE",
                "InitiationMethod": "INBOUND", "State": state, "StateStartTimestamp": timestamp,
                "ConnectedToAgentTimestamp": timestamp,
                "Queue": {"ARN": format!("{}/queue/{}", cast.instance_arn, cast.queue), "Name": null}
            })).collect::<Vec<Value>>()
        },
        "PreviousAgentSnapshot": null
    });
    DayRecord {
        partition_key: arn,
        data: event.to_string(),
    }
}

/// Each agent's day in stream order: log in, available, a call (connecting, connected, after
/// contact work), a break, available again, log out.
pub fn agent_events(cast: &Cast) -> Vec<DayRecord> {
    let mut records = Vec::new();
    for agent in 0..cast.agents.len() {
        let h = 8 + agent;
        let at = |m: u32| format!("{h:02}:{m:02}:00");
        let change = "STATE_CHANGE";
        let steps: [Step<'_>; 8] = [
            ("LOGIN", at(0), ("OFFLINE", "Offline"), &[]),
            (
                change,
                format!("{h:02}:00:05"),
                ("ROUTABLE", "Available"),
                &[],
            ),
            (change, at(2), ("ROUTABLE", "Available"), &["CONNECTING"]),
            (
                change,
                format!("{h:02}:02:08"),
                ("ROUTABLE", "Available"),
                &["CONNECTED"],
            ),
            (change, at(6), ("ROUTABLE", "Available"), &["ENDED"]),
            (change, at(7), ("CUSTOM", &cast.break_status), &[]),
            (change, at(22), ("ROUTABLE", "Available"), &[]),
            (
                "LOGOUT",
                format!("{:02}:30:00", h + 8),
                ("OFFLINE", "Offline"),
                &[],
            ),
        ];
        for (n, step) in steps.iter().enumerate() {
            records.push(agent_event(cast, n, agent, step));
        }
    }
    records
}

/// The contacts of the day: `(contact id, previous contact id, agent index, start minute)`.
const CONTACTS: [(&str, Option<&str>, usize, u32); 3] = [
    ("d0000000-0000-4000-8000-000000000001", None, 0, 2),
    ("d0000000-0000-4000-8000-000000000002", None, 0, 30),
    (
        "d0000000-0000-4000-8000-000000000003",
        Some("d0000000-0000-4000-8000-000000000002"),
        1,
        34,
    ),
];

/// The recording key of the transferred contact (second agent), as Connect writes it.
pub fn transfer_recording_key() -> String {
    format!(
        "{RECORDING_PREFIX}/2026/11/24/{}_20261124T09:40_UTC.wav",
        CONTACTS[2].0
    )
}

/// The day's contact trace records: an answered call, and a call transferred from the first
/// agent to the second (two contacts, one conversation), whose second leg was recorded.
pub fn contact_records(cast: &Cast) -> Vec<DayRecord> {
    CONTACTS
        .iter()
        .enumerate()
        .map(|(i, (id, previous, agent, minute))| {
            let t = |m: u32, s: u32| format!("2026-11-24T09:{m:02}:{s:02}.000Z");
            let next = CONTACTS.get(i + 1).filter(|c| c.1 == Some(id)).map(|c| c.0);
            let initial = previous.unwrap_or(id);
            let recorded = i == 2;
            let ctr = json!({
                "AWSAccountId": "123456789012",
                "AWSContactTraceRecordFormatVersion": "2017-03-10",
                "InstanceARN": cast.instance_arn,
                "ContactId": id, "InitialContactId": initial,
                "PreviousContactId": previous, "NextContactId": next,
                "Channel": "VOICE",
                "InitiationMethod": if previous.is_some() { "TRANSFER" } else { "INBOUND" },
                "InitiationTimestamp": t(*minute, 0),
                "ConnectedToSystemTimestamp": t(*minute, 1),
                "DisconnectTimestamp": t(minute + 4, 0),
                "DisconnectReason": if next.is_some() { "AGENT_DISCONNECT" } else { "CUSTOMER_DISCONNECT" },
                "LastUpdateTimestamp": t(minute + 5, 0),
                "TransferCompletedTimestamp": if next.is_some() { Value::String(t(minute + 4, 0)) } else { Value::Null },
                "CustomerEndpoint": {"Address": "+4989555010", "Type": "TELEPHONE_NUMBER"},
                "SystemEndpoint": {"Address": "+49800111222", "Type": "TELEPHONE_NUMBER"},
                "Agent": {
                    "ARN": agent_arn(cast, &cast.agents[*agent]),
                    "Username": cast.usernames[*agent],
                    "ConnectedToAgentTimestamp": t(*minute, 30),
                    "AgentInteractionDuration": 200,
                    "AfterContactWorkStartTimestamp": t(minute + 4, 0),
                    "AfterContactWorkEndTimestamp": t(minute + 4, 40),
                    "AfterContactWorkDuration": 40,
                    "CustomerHoldDuration": 0, "LongestHoldDuration": 0, "NumberOfHolds": 0,
                    "RoutingProfile": null, "HierarchyGroups": null
                },
                "Queue": {
                    "ARN": format!("{}/queue/{}", cast.instance_arn, cast.queue),
                    "Name": null,
                    "EnqueueTimestamp": t(*minute, 2), "DequeueTimestamp": t(*minute, 29), "Duration": 27
                },
                "Recording": if recorded {
                    json!({"Location": format!("{RECORDING_BUCKET}/{}", transfer_recording_key()),
                           "Status": "AVAILABLE", "Type": "AUDIO", "DeletionReason": null})
                } else { Value::Null },
                "Recordings": null,
                "Attributes": {}
            });
            DayRecord {
                partition_key: (*id).to_owned(),
                data: ctr.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use exsync::external::connect::{agent_state_from_connect, parse_ctr, parse_recording_key};

    fn cast() -> Cast {
        Cast {
            instance_arn: "arn:aws:connect:eu-central-1:123456789012:instance/i-1".into(),
            agents: vec!["a-1".into(), "a-2".into()],
            usernames: vec!["one".into(), "two".into()],
            queue: "q-1".into(),
            break_status: "Break".into(),
        }
    }

    #[test]
    fn every_agent_event_reads_as_connect_event_in_time_order() {
        let events = agent_events(&cast());
        assert_eq!(events.len(), 16);
        let converted: Vec<_> = events
            .iter()
            .map(|r| agent_state_from_connect(r.data.as_bytes()).unwrap())
            .collect();
        for pair in converted
            .windows(2)
            .filter(|w| w[0].agent_id == w[1].agent_id)
        {
            assert!(pair[0].occurred_at < pair[1].occurred_at);
        }
    }

    #[test]
    fn the_contact_records_read_and_the_recording_key_is_in_connect_layout() {
        for record in contact_records(&cast()) {
            parse_ctr(&record.data).unwrap();
        }
        let parsed = parse_recording_key(RECORDING_PREFIX, &transfer_recording_key()).unwrap();
        assert_eq!(parsed.contact_id.as_str(), CONTACTS[2].0);
    }
}
