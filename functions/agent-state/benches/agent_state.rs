//! CPU time of the agent-state handler per batch, without the network: parse the bodies, plan,
//! serialise the request bodies, settle. Criterion reports per batch and, through the element
//! throughput, per event.
//!
//! Run: `cargo bench -p agent-state --bench agent_state`

use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use exsync::genesys::model::{BatchUserPresenceEventRequest, BatchUserRoutingStatusEventRequest};
use exsync::mapping::{MappingDocument, parse_mapping};
use exsync::sync::agent_state::{
    AgentLookup, AgentRecord, Deliveries, InboundMessage, PlanContext, PresenceCatalog, QueueKind,
    parse_messages, plan, settle,
};

#[path = "support/workload.rs"]
mod workload;

fn mapping() -> MappingDocument {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/mapping.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    parse_mapping(&text).unwrap_or_else(|e| panic!("example mapping: {e}"))
}

fn catalog() -> PresenceCatalog {
    let json = serde_json::json!({
        "system": {"Available": "d-1", "Away": "d-2", "Busy": "d-3", "Offline": "d-4", "Idle": "d-5",
                   "OnQueue": "d-6", "Meal": "d-7", "Training": "d-8", "Meeting": "d-9", "Break": "d-10"},
        "secondary": {"Lunch": "d-11", "Short Break": "d-12", "Team Meeting": "d-13", "Coaching": "d-14", "Back Office": "d-15"},
        "labelsLoaded": true
    });
    serde_json::from_value(json).unwrap_or_default()
}

struct Fixture {
    mapping: MappingDocument,
    catalog: PresenceCatalog,
    users: HashMap<String, AgentLookup>,
    kind: QueueKind,
}

impl Fixture {
    /// The whole CPU side of one batch; returns the records to write (for the next round).
    fn batch(
        &self,
        messages: &[InboundMessage],
        records: &HashMap<String, AgentRecord>,
    ) -> Vec<AgentRecord> {
        let parsed = parse_messages(messages);
        let ctx = PlanContext {
            table: &self.mapping.agent_state,
            catalog: &self.catalog,
            source_id: workload::SOURCE_ID,
            users: &self.users,
            kind: self.kind,
        };
        let plan = plan(&parsed.events, records, &ctx);
        for chunk in plan.presence.chunks(100) {
            let body = BatchUserPresenceEventRequest {
                user_presence_events: chunk.to_vec(),
            };
            black_box(serde_json::to_vec(&body).unwrap_or_default());
        }
        for chunk in plan.routing.chunks(100) {
            let body = BatchUserRoutingStatusEventRequest {
                user_routing_status_events: chunk.to_vec(),
            };
            black_box(serde_json::to_vec(&body).unwrap_or_default());
        }
        let deliveries = Deliveries::all_accepted(&plan);
        settle(
            messages,
            &parsed,
            &plan,
            &deliveries,
            records,
            self.kind,
            &BTreeSet::new(),
        )
        .records
    }
}

fn bench_case(c: &mut Criterion, name: &str, agents: usize, per_agent: usize, kind: QueueKind) {
    let fixture = Fixture {
        mapping: mapping(),
        catalog: catalog(),
        users: workload::users(agents),
        kind,
    };
    let fifo = kind == QueueKind::Fifo;
    let warm_up = workload::messages(workload::events(agents, per_agent, 0, 1), fifo, 1);
    let records: HashMap<String, AgentRecord> = fixture
        .batch(&warm_up, &HashMap::new())
        .into_iter()
        .map(|r| (r.agent_id.clone(), r))
        .collect();
    let messages = workload::messages(workload::events(agents, per_agent, 1, 2), fifo, 2);
    let mut group = c.benchmark_group("agent_state_cpu");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| black_box(fixture.batch(black_box(&messages), &records)))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_case(c, "fifo_batch_10_events", 10, 1, QueueKind::Fifo);
    bench_case(
        c,
        "standard_batch_1000_events_200_agents",
        200,
        5,
        QueueKind::Standard,
    );
}

criterion_group!(cpu, benches);
criterion_main!(cpu);
