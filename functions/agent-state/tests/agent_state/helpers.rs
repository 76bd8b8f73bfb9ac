//! Shared set-up: the emulator with the example org synced into it (config sync writes the id map
//! and the presence source into a local state store), the agent-state service on top, and ways to
//! invoke the handler and read what Genesys recorded.

use std::path::PathBuf;
use std::time::Duration;

use agent_state::handle;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::{DirStore, StateStore};
use exsync::sync::agent_state::{AgentStateOptions, AgentStateService};
use exsync::sync::{Mode, config_sync};
use exsync_cli::demo::timeline::{AgentTimeline, emulator_timeline};
use genesys_emulator::RequestLogEntry;
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use lambda_runtime::{Context, LambdaEvent};

/// The emulator with the example org, a state store, and the service.
pub struct World {
    pub genesys: Genesys,
    pub store: StateStore,
    pub idmap: IdMap,
    pub service: AgentStateService,
    pub _dir: tempfile::TempDir,
}

impl World {
    /// The example org synced, the service with default options.
    pub async fn new() -> Self {
        Self::with_options(AgentStateOptions::default()).await
    }

    /// The example org synced, the service with `options`.
    pub async fn with_options(options: AgentStateOptions) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = StateStore::Dir(DirStore::new(dir.path().join("state")));
        let genesys = Genesys::start().await;
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
        let synced = config_sync(
            &genesys.client,
            &store,
            Desired {
                snapshot: &snapshot,
                mapping: &mapping,
            },
            "test",
            Mode::Apply,
            &ApplyOptions::default(),
            Deadline::none(),
        )
        .await
        .unwrap();
        assert!(synced.idmap.presence_source_id.is_some());
        genesys.emulator.clear_requests();
        let service =
            AgentStateService::new(genesys.client.clone(), store.clone(), mapping, options);
        Self {
            genesys,
            store,
            idmap: synced.idmap,
            service,
            _dir: dir,
        }
    }

    /// Invokes the handler as the runtime would, with a minute to go.
    pub async fn invoke(&self, event: SqsEvent) -> SqsBatchResponse {
        self.invoke_with_time(event, Duration::from_secs(60)).await
    }

    /// Invokes the handler with `left` until the Lambda deadline.
    pub async fn invoke_with_time(&self, event: SqsEvent, left: Duration) -> SqsBatchResponse {
        let mut context = Context::default();
        context.deadline = epoch_millis() + left.as_millis() as u64;
        handle(&self.service, LambdaEvent::new(event, context))
            .await
            .unwrap()
    }

    /// The per-agent timeline the emulator recorded.
    pub fn timeline(&self, agent: &str) -> AgentTimeline {
        let state = self.genesys.emulator.state_json();
        let source = self.idmap.presence_source_id.as_deref();
        emulator_timeline(&state, &self.idmap, &[agent], source)
            .pop()
            .unwrap_or_else(|| panic!("no timeline for {agent}"))
    }

    /// `(presence, routing status)` lines of an agent's timeline, carried forward as printed.
    pub fn timeline_lines(&self, agent: &str) -> Vec<String> {
        self.timeline(agent)
            .to_string()
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Every `/api/v2` request the emulator logged since the last clear.
    pub fn api_requests(&self) -> Vec<RequestLogEntry> {
        self.genesys
            .emulator
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with("/api/v2"))
            .collect()
    }

    /// `(presence posts, routing-status posts)` since the last clear.
    pub fn event_posts(&self) -> (usize, usize) {
        let requests = self.api_requests();
        let count = |path: &str| {
            requests
                .iter()
                .filter(|r| r.method == "POST" && r.path == path)
                .count()
        };
        (
            count("/api/v2/events/users/presence"),
            count("/api/v2/events/users/routingstatus"),
        )
    }

    /// Keys under a state-store prefix.
    pub async fn keys(&self, prefix: &str) -> Vec<String> {
        self.store.list(prefix).await.unwrap()
    }
}

fn epoch_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// `tests/fixtures/agent_state/<name>` of the repository.
pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/agent_state")
        .join(name)
}

/// A recorded SQS event payload.
pub fn sqs_fixture(name: &str) -> SqsEvent {
    let text = std::fs::read_to_string(fixture_path(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The message ids of a payload, in order.
pub fn message_ids(event: &SqsEvent) -> Vec<String> {
    event
        .records
        .iter()
        .map(|r| r.message_id.clone().unwrap())
        .collect()
}

/// The message ids a response reports as failed.
pub fn failures(response: &SqsBatchResponse) -> Vec<String> {
    response
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.clone())
        .collect()
}

/// An agent-state event body.
pub fn event(
    id: &str,
    agent: &str,
    at: &str,
    state: &str,
    reason: Option<&str>,
    activity: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "schema": "exsync.agent-state/v1", "eventId": id, "agentId": agent,
        "occurredAt": format!("2026-11-24T{at}Z"), "state": state, "reason": reason, "activity": activity
    })
}

/// A FIFO SQS event: one record per `(message id, body)`, grouped by the body's agent.
pub fn fifo_event(messages: &[(&str, serde_json::Value)]) -> SqsEvent {
    let records: Vec<serde_json::Value> = messages
        .iter()
        .map(|(id, body)| {
            let group = body.get("agentId").and_then(|a| a.as_str()).unwrap_or("none");
            serde_json::json!({
                "messageId": id, "receiptHandle": format!("rh-{id}"), "body": body.to_string(),
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": epoch_millis().to_string(),
                               "MessageGroupId": group, "MessageDeduplicationId": id,
                               "SequenceNumber": "1", "SenderId": "TEST", "ApproximateFirstReceiveTimestamp": epoch_millis().to_string()},
                "messageAttributes": {}, "md5OfBody": "-", "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:exsync-agent-state.fifo", "awsRegion": "eu-central-1"
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({ "Records": records })).unwrap()
}

/// Only the records of `event` whose message id is in `ids` (what SQS redelivers).
pub fn only(event: &SqsEvent, ids: &[String]) -> SqsEvent {
    let mut value = serde_json::to_value(event).unwrap();
    let records = value["Records"].as_array_mut().unwrap();
    records.retain(|r| ids.iter().any(|id| r["messageId"] == id.as_str()));
    serde_json::from_value(value).unwrap()
}
