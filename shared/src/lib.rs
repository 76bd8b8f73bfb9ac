//! exsync: keeps Genesys Cloud EX in step with an external contact-center platform.
//!
//! This is the shared crate every Lambda function, the CLI and the integration tests use.
//! It holds the domain; the function crates are thin adapters around it.
//!
//! | module | what it holds |
//! |---|---|
//! | [`audio`] | audio header inspection: container, encoding, channels, rate, duration from a recording's first bytes |
//! | [`config`] | [`config::Config`], read once from the environment, secrets wrapped |
//! | [`error`] | the error enums of the crate's boundaries, each with `is_retryable()` |
//! | [`deadline`] | [`deadline::Deadline`]: the time by which work must stop (a Lambda's end) |
//! | [`emf`] | CloudWatch Embedded Metric Format lines, one per invocation |
//! | [`ids`] | newtypes for external and Genesys ids, and deterministic V4-shaped UUIDs |
//! | [`presence`] | [`presence::SystemPresence`]: the Genesys system presences the snapshot and the mapping both name |
//! | [`external`] | the external platform's formats (config snapshot, agent-state event, interaction record, recording sidecar) with validation |
//! | [`mapping`] | the mapping document (`exsync.mapping/v1`) and its pure rules |
//! | [`genesys`] | the Genesys Cloud Platform API client: auth, rate limit, retry, pagination, wire models, one file per API area |
//! | [`runtime`] | cold-start wiring: credentials (env or Secrets Manager), client, store, mapping |
//! | `lambda/` | `serve`: the entry point every Lambda function shares; `Budget` (an invocation's deadline), `Ignored` (a record left alone); Kinesis records as `StreamRecord`s and the batch response naming where the shard resumes (feature `lambda`) |
//! | `connect_api` | config sync's desired state read from a live Amazon Connect instance: client, pacing per API, paging (feature `connect-api`) |
//! | [`reconcile`] | config sync: actual state, the pure planner, the executor |
//! | [`sync`] | the use cases the handlers and the CLI call |
//! | [`store`] | the state store: S3 and local-directory implementations behind one type; every key in [`store::keys`]; the id map ([`store::IdMap`]) and its loading |
//!
//! ## Where each rule lives
//!
//! | rule | where |
//! |---|---|
//! | an agent status the table does not map takes the table's fallback | [`mapping::resolve_status`]; counted per value by the agent-state plan (`sync/agent_state/plan.rs`), emitted as `UnmappedValues` by the function |
//! | a 429 waits `Retry-After` and resends; 408, 5xx and transport errors back off, then fail retryably | `genesys/http.rs` ([`genesys::GenesysClient`]) |
//! | the request budget (a token bucket with a small burst per token; config sync may hold a pool of tokens) | `genesys/pool.rs`, `genesys/http.rs`, sized by [`config::Config`] |
//! | the mass-change guard | [`mapping::MassChangeGuard::permits`], applied to removals by the planner (`reconcile/planner/cleanup.rs`) |
//! | name prefix, default division, scope, deletion policy ([`mapping::DeletionPolicy::removal`]) | the planner only (`reconcile/planner/`); the executor applies a [`reconcile::Plan`] as it is |
//! | what exsync manages (never touches anything else) | [`store::IdMap`] |
//! | an invalid snapshot object is held back, never removed | [`external::read_snapshot`] and the planner's `held` |
//! | a Connect user without email (or with an unusable routing profile, group or level) is held back | [`external::connect::snapshot_from_instance`] |
//! | each Connect API is paced on its own bucket; throttling (a bare 429 too) retried with backoff | `connect_api/pace.rs`, `connect_api/client.rs` |
#![warn(missing_docs)]

pub mod audio;
pub mod config;
#[cfg(feature = "connect-api")]
pub mod connect_api;
pub mod deadline;
pub mod emf;
pub mod error;
pub mod external;
pub mod genesys;
pub mod ids;
#[cfg(feature = "lambda")]
pub mod lambda;
pub mod mapping;
pub mod presence;
pub mod reconcile;
pub mod runtime;
pub mod store;
pub mod sync;
