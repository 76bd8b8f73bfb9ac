//! Interactions as Genesys conversations: external voice calls (`exsync.interaction/v1`) become
//! conversation events (`POST /api/v2/events/conversations`, api-reference §5), each conversation
//! carrying `sourceConfiguration {sourceId, interactionId, tagId}`.
//!
//! | file | what |
//! |---|---|
//! | `convert/` | [`convert`]: the PURE conversion, record → ordered events (golden-tested) |
//! | `ids.rs` | [`conversation_ids`], [`communication_id`], [`Leg`]: derived ids, no lookup |
//! | `refs.rs` | [`References`]: external ids → Genesys ids through the id map |
//! | `event.rs` | [`ConversationEvent`], [`PlannedEvent`]: one event of any type, in order |
//! | `steps.rs` | [`steps`], [`pack`]: where a call must end to keep causal order; packing into calls |
//! | `run.rs` | [`sync_interactions`]: the use case the Lambda handler calls |
//! | `contacts.rs` | [`sync_contact_records`]: Amazon Connect CTRs (Kinesis), chained by transfer, through [`sync_interactions`] |
//! | `settings.rs` | [`QueueMessage`], [`InteractionSettings`], [`InteractionsError`] |
//! | `send.rs` | sending round by round, per-event errors back to their message |
//! | `state.rs` | [`InteractionState`]: ids, event ids sent, status, per interaction |
//! | `dead_letter.rs` | dead letters `dead-letters/interactions/<date>/<message-id>.json` |
//! | `outcome.rs` | [`InteractionsOutcome`]: per message and counts |
//!
//! # Decisions
//!
//! - **Ids.** Conversation, communication, event and transfer-command ids are V4-shaped UUIDs
//!   derived from (presence source id, interaction id, leg or transfer, step); see `ids.rs`. A
//!   redelivered or updated record produces the same ids; the recordings function calls
//!   [`conversation_ids`] to find the conversation and the first agent's communication.
//! - **Source.** `sourceId` is the presence source id config sync registered (the id map's
//!   `presenceSourceId`); `interactionId` is the external interaction id; `tagId` (the
//!   conversation's `externalTag`) is the external interaction id by default, so a user can find
//!   the original from Genesys and search Genesys for an external id ([`TagId`] has a prefixed
//!   form for orgs with several external platforms).
//! - **Order.** A batch groups events by type, so order is carried by `eventDateTime`, and a new
//!   call starts wherever two events touching the same leg or transfer share a timestamp
//!   (`steps.rs`): one call for a plain call, two or three with a transfer. Independent
//!   interactions share calls, so a batch costs about events / 100 calls plus its longest chain
//!   of steps.
//! - **Only what is final.** An event is produced once nothing in it can change, so a record sent
//!   while the call is in progress and again when it ends sends each event once
//!   ([`InteractionStatus`] says what is still to come); the state record lists the event ids
//!   Genesys accepted, so only new ones are sent, and a redelivery sends nothing.
//! - **Failures** follow agent-state: a retryable Genesys or store error hands the message back
//!   (batch item failure) after saving what was accepted; bad input, an unknown agent, queue or
//!   wrap-up code, or a permanent per-event error dead-letters the message with the reason.
//! - **Routing status** (mapping `interactions.emitRoutingStatus`, default off): the statuses a
//!   call implies (`Interacting`, then `Idle` / `NotResponding`), sent after the conversation
//!   events, only for orgs whose agent-state feed does not send them.

mod contacts;
mod convert;
mod dead_letter;
mod event;
mod ids;
mod outcome;
mod refs;
mod run;
mod send;
mod settings;
mod state;
mod steps;

pub use contacts::sync_contact_records;
pub use convert::{Conversion, ConvertOptions, InteractionStatus, TagId, convert};
pub use dead_letter::DeadLetter;
pub use event::{ConversationEvent, PlannedEvent, batch_of};
pub use ids::{ConversationIds, Leg, communication_id, conversation_id, conversation_ids};
pub use outcome::{InteractionsOutcome, MessageOutcome, MessageResult};
pub use refs::{NoPresenceSource, References};
pub use run::sync_interactions;
pub use settings::{InteractionSettings, InteractionsError, QueueMessage};
pub use state::{InteractionState, STATE_SCHEMA, load_state};
pub use steps::{pack, steps};
