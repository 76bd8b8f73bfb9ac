//! Concurrent invocations on a standard queue: several Lambda instances (one service each, so
//! none shares a lock) take interleaved events of the same agents at once, against a moto S3
//! state store and the emulator. Whatever the interleaving, every agent ends in the state of its
//! latest event, and no record says a value was delivered that Genesys does not show.

use std::time::Duration;

use agent_state::handle;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use exsync::deadline::Deadline;
use exsync::genesys::model::EventRoutingStatus;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::IdMap;
use exsync::store::{S3Store, StateStore, keys};
use exsync::sync::agent_state::{AgentRecord, AgentStateOptions, AgentStateService};
use exsync::sync::{Mode, config_sync};
use exsync_cli::demo::timeline::emulator_timeline;
use integration_tests::MotoServer;
use integration_tests::examples;
use integration_tests::genesys::Genesys;
use lambda_runtime::{Context, LambdaEvent};

use super::helpers::{event, failures};

/// One invocation's messages: `(message id, body)`.
type Batch = Vec<(String, serde_json::Value)>;

/// Concurrent invocations per round (one service each: separate Lambda instances).
const INSTANCES: usize = 4;
const AGENTS: [&str; 3] = ["agent-1001", "agent-1002", "agent-1003"];
/// `(state, reason, activity)` and the line the timeline shows for it.
const STATES: [(&str, Option<&str>, Option<&str>, &str); 5] = [
    ("LOGGED_OUT", None, None, "Offline OffQueue"),
    ("READY", None, None, "OnQueue Idle"),
    ("READY", None, Some("TALKING"), "OnQueue Interacting"),
    ("NOT_READY", None, None, "Busy OffQueue"),
    ("NOT_READY", Some("Lunch"), None, "Meal (Lunch) OffQueue"),
];

struct Cluster {
    genesys: Genesys,
    store: StateStore,
    idmap: IdMap,
    services: Vec<AgentStateService>,
    _moto: MotoServer,
}

impl Cluster {
    async fn start() -> Self {
        let moto = MotoServer::start();
        let s3 = moto.bucket("exsync-state").await;
        let store = StateStore::S3(S3Store::new(s3, "exsync-state".into(), "state".into()));
        let genesys = Genesys::start().await;
        let (snapshot, mapping) = (examples::snapshot("initial"), examples::mapping());
        let desired = Desired {
            snapshot: &snapshot,
            mapping: &mapping,
        };
        let synced = config_sync(
            &genesys.client,
            &store,
            desired,
            "test",
            Mode::Apply,
            &ApplyOptions::default(),
            Deadline::none(),
        )
        .await
        .unwrap();
        let services = (0..INSTANCES)
            .map(|_| {
                let (client, store) = (genesys.client.clone(), store.clone());
                AgentStateService::new(client, store, mapping.clone(), AgentStateOptions::default())
            })
            .collect();
        Self {
            genesys,
            store,
            idmap: synced.idmap,
            services,
            _moto: moto,
        }
    }

    /// Invokes instance `i` with `event`, as the runtime would.
    async fn invoke(&self, i: usize, event: SqsEvent) -> SqsBatchResponse {
        let mut context = Context::default();
        context.deadline = epoch_millis() + Duration::from_secs(60).as_millis() as u64;
        handle(&self.services[i], LambdaEvent::new(event, context))
            .await
            .unwrap()
    }

    /// Delivers `batches` to the instances at once, then redelivers what they report as failed
    /// (as SQS does) until nothing is left.
    async fn deliver(&self, mut batches: Vec<Batch>) {
        for _ in 0..20 {
            batches.retain(|b| !b.is_empty());
            if batches.is_empty() {
                return;
            }
            let calls = batches
                .iter()
                .enumerate()
                .map(|(i, batch)| self.invoke(i % INSTANCES, standard_event(batch)));
            let responses = futures::future::join_all(calls).await;
            batches = batches
                .into_iter()
                .zip(responses)
                .map(|(batch, response)| {
                    let failed = failures(&response);
                    batch
                        .into_iter()
                        .filter(|(id, _)| failed.contains(id))
                        .collect()
                })
                .collect();
        }
        panic!("messages still failing after 20 redeliveries: {batches:?}");
    }

    /// The last `presence routing` line of an agent's timeline.
    fn final_line(&self, agent: &str) -> String {
        let state = self.genesys.emulator.state_json();
        let source = self.idmap.presence_source_id.as_deref();
        let timeline = emulator_timeline(&state, &self.idmap, &[agent], source);
        let text = timeline[0].to_string();
        let last = text.lines().last().unwrap_or_default().to_owned();
        last.split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    }

    async fn record(&self, agent: &str) -> AgentRecord {
        let (record, _) = self
            .store
            .get_json(&keys::agent_record(agent))
            .await
            .unwrap()
            .unwrap();
        record
    }

    /// The presence definition id and routing status Genesys shows for an agent.
    fn genesys_state(&self, agent: &str) -> (String, String) {
        let user_id = &self.idmap.tables.users[agent];
        let state = self.genesys.emulator.state_json();
        let user = state["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == user_id.as_str())
            .unwrap();
        let source = self.idmap.presence_source_id.as_deref().unwrap();
        let last = |key: &str, field: &str| {
            let mut history = user[key].as_array().unwrap().iter();
            let ours = history.rfind(|r| r["sourceId"] == source).unwrap();
            ours[field].as_str().unwrap().to_owned()
        };
        (
            last("presenceHistory", "presenceDefinitionId"),
            last("routingStatusHistory", "status"),
        )
    }
}

fn epoch_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// A standard-queue SQS event: no message groups, a queue ARN without `.fifo`.
fn standard_event(messages: &[(String, serde_json::Value)]) -> SqsEvent {
    let records: Vec<serde_json::Value> = messages
        .iter()
        .map(|(id, body)| {
            serde_json::json!({
                "messageId": id, "receiptHandle": format!("rh-{id}"), "body": body.to_string(),
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": epoch_millis().to_string(),
                               "SenderId": "TEST", "ApproximateFirstReceiveTimestamp": epoch_millis().to_string()},
                "messageAttributes": {}, "md5OfBody": "-", "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:exsync-agent-state", "awsRegion": "eu-central-1"
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({ "Records": records })).unwrap()
}

/// One round of a seed: for each agent, events at distinct seconds of `hour` with random
/// states, shuffled and dealt to the instances. Returns the batches and each agent's expected
/// final line (that of its latest event).
fn round(
    rng: &mut fastrand::Rng,
    seed: u64,
    hour: u32,
) -> (Vec<Batch>, Vec<(String, &'static str)>) {
    let mut messages = Vec::new();
    let mut expected = Vec::new();
    for agent in AGENTS {
        let count = rng.usize(3..8);
        let mut seconds: Vec<u32> = (0..60).collect();
        rng.shuffle(&mut seconds);
        let mut latest = (0, "");
        for &second in &seconds[..count] {
            let (state, reason, activity, line) = STATES[rng.usize(..STATES.len())];
            let id = format!("s{seed}-{agent}-{hour}-{second}");
            let at = format!("{hour:02}:00:{second:02}");
            messages.push((id.clone(), event(&id, agent, &at, state, reason, activity)));
            if second >= latest.0 {
                latest = (second, line);
            }
        }
        expected.push((agent.to_owned(), latest.1));
    }
    rng.shuffle(&mut messages);
    let mut batches = vec![Vec::new(); INSTANCES];
    for message in messages {
        batches[rng.usize(..INSTANCES)].push(message);
    }
    (batches, expected)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_invocations_leave_every_agent_in_its_latest_state() {
    let cluster = Cluster::start().await;
    for seed in 1..=6u64 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let (batches, expected) = round(&mut rng, seed, 7 + seed as u32);

        cluster.deliver(batches).await;

        for (agent, line) in expected {
            assert_eq!(
                cluster.final_line(&agent),
                line,
                "seed {seed}: {agent} is not in the state of its latest event"
            );
            let record = cluster.record(&agent).await;
            let (presence, routing) = cluster.genesys_state(&agent);
            let sent_presence = record.presence.unwrap();
            let sent_routing = record.routing_status.unwrap();
            assert!(
                !sent_presence.delivered || sent_presence.value == presence,
                "seed {seed}: {agent}'s record says presence {} was delivered, Genesys shows {presence}",
                sent_presence.value
            );
            let routing_text =
                serde_json::to_value(EventRoutingStatus::from(sent_routing.value)).unwrap();
            assert!(
                !sent_routing.delivered || routing_text == routing,
                "seed {seed}: {agent}'s record says routing {routing_text} was delivered, Genesys shows {routing}"
            );
        }
    }
}
