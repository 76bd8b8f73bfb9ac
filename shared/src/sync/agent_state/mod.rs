//! Agent presence and routing status: the agent-state use case.
//!
//! Agent-state events (`exsync.agent-state/v1`) arrive in SQS batches, or as Amazon Connect agent
//! events in Kinesis batches (converted to the same events, see `stream.rs`); each becomes, through the
//! mapping's status table, a Genesys presence and routing status, sent as `UserPresenceEvent`s and
//! `UserRoutingStatusEvent`s in as few calls as the batch limit allows.
//!
//! | file | what |
//! |---|---|
//! | `inbound.rs` | [`InboundMessage`], [`QueueKind`], [`parse_messages`]: the batch as the use case sees it |
//! | `record.rs` | [`AgentRecord`]: per agent, the last event taken, the last values sent and the recent skips (state store) |
//! | `skipped.rs` | [`SkipReason`], [`SkippedEvent`]: why an event was not sent; which skips a record keeps and why |
//! | `catalog.rs` | [`PresenceCatalog`]: presence target → presence definition id (secondary statuses by label) |
//! | `stream.rs` | [`stream_messages`]: Kinesis records of Connect agent events as messages |
//! | `lanes.rs` | [`lanes`]: each agent's events in processing order (message order on FIFO, `occurredAt` on standard) |
//! | `plan.rs` | [`plan`] (pure): duplicates and stale events skipped, the events to send |
//! | `send.rs` | [`send_plan`]: the calls, and each event's delivery read back |
//! | `settle.rs` | [`settle`] (pure): deliveries → event statuses, message verdicts, updated records |
//! | `retry.rs` | which messages SQS must redeliver: the failed ones and every later one of their agent or group |
//! | `outcome.rs` | [`BatchOutcome`], [`AgentStateCounts`]: what a batch did, as one serialisable struct |
//! | `claim.rs` | [`plan_and_claim`], [`confirm_claims`]: each agent's record claimed before sending, confirmed after |
//! | `store_io.rs` | agent records and dead letters in the state store |
//! | `warm.rs` | [`WarmState`]: id map (ETag-checked, at most every 60 s), catalog, lookups |
//! | `service.rs` | [`AgentStateService::handle_batch`]: the use case the Lambda handler calls |
//! | `replay.rs` | [`replay_file`]: a file of message bodies through the use case (demo, CLI) |
//! | `error.rs` | [`AgentStateError`]: why a whole batch could not be taken |
//!
//! Decisions:
//! - secondary statuses are named by label in the mapping; their definition ids are read from
//!   Genesys (`GET /presence/definitions`, cached per id-map version), see [`PresenceCatalog`];
//! - a presence or routing status is sent when it changes or when the last one was not delivered;
//!   an event that changes neither is skipped as `unchanged` (a heartbeat re-asserts a refused
//!   state this way);
//! - the record keeps the last [`RECENT_SKIPS`] skipped events with their reasons, for `exsync
//!   explain`: a duplicate or stale event is written for, an unchanged one only rides along with
//!   the write that taking it needs anyway (see `skipped.rs`);
//! - on a standard queue several invocations may hold one agent's events: each agent's record is
//!   claimed (a conditional write) before anything is sent for it, see `claim.rs`;
//! - a call that fails as a whole retries its messages (never dead-letters them): a refusal of a
//!   whole batch is not the fault of one message.

mod catalog;
mod claim;
mod error;
mod inbound;
mod lanes;
mod outcome;
mod plan;
mod record;
mod replay;
mod retry;
mod send;
mod service;
mod settle;
#[cfg(test)]
mod skip_tests;
mod skipped;
mod store_io;
mod stream;
mod warm;

pub use catalog::PresenceCatalog;
pub use claim::{ClaimedPlan, claim_records, confirm_claims, plan_and_claim};
pub use error::AgentStateError;
pub use inbound::{BadInput, InboundMessage, ParsedBatch, ParsedEvent, QueueKind, parse_messages};
pub use lanes::{Lane, lanes};
pub use outcome::{AgentStateCounts, BatchOutcome, EventResult};
pub use plan::{AgentLookup, Decision, Plan, PlanContext, plan, unmapped_key};
pub use record::{AgentRecord, RECENT_EVENT_IDS, Sent};
pub use replay::{ReplayError, ReplayOptions, read_replay_file, replay_file, replay_messages};
pub use send::{SendReport, send_plan};
pub use service::{AgentStateOptions, AgentStateService};
pub use settle::{Deliveries, Delivery, EventStatus, MessageVerdict, Settlement, settle};
pub use skipped::{RECENT_SKIPS, SkipReason, SkippedEvent};
pub use store_io::{DeadLetter, load_records};
pub use stream::{RejectedRecord, StreamBatch, stream_messages};
pub use warm::WarmState;
