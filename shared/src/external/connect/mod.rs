//! Amazon Connect's own formats, read at the boundary and turned into exsync's types.
//!
//! | file | what |
//! |---|---|
//! | `agent_event.rs` | [`agent_state_from_connect`]: one agent event of the agent event stream (Kinesis) → [`super::AgentStateEvent`] |
//! | `fields.rs` | reading the fields of a Connect JSON object, every problem naming its field |
//! | `ctr.rs` | [`ContactTraceRecord`]: the documented CTR fields exsync reads, [`parse_ctr`], [`keep_latest`] |
//! | `arn.rs` | the Connect ids inside agent and queue ARNs |
//! | `chain.rs` | [`interaction_from_contacts`]: the contacts of one transfer chain in order, as one record |
//! | `legs.rs` | the segments one contact contributes: IVR, queue, agent |
//! | `error.rs` | [`CtrError`]: what is wrong with a CTR, naming the contact and the field |
//! | `recording_key.rs` | [`parse_recording_key`]: the contact id in the key Connect writes a call recording under |
//! | `recording_link.rs` | [`recording_locations`], [`agent_leg_of`]: a CTR's recordings, and which agent leg of a chain a contact's agent is |
//! | [`instance`] | [`ConnectInstance`]: the records read from a live instance's API (users, queues, routing profiles, custom statuses, hierarchy groups) |
//! | `configuration.rs` | [`snapshot_from_instance`]: that configuration as an `exsync.config/v1` snapshot |
//! | `options.rs` | [`ConnectOptions`]: the mapping's `connect` section the conversion and the reader follow |
//!
//! Every conversion is pure: no I/O, no clock. Which CTRs belong together, and keeping the newest
//! version of each, is the caller's job ([`keep_latest`] helps); see [`interaction_from_contacts`]
//! for why a transfer's later contact is converted together with the ones before it.

mod agent_event;
#[cfg(test)]
mod agent_event_tests;
mod arn;
mod chain;
mod configuration;
#[cfg(test)]
mod configuration_tests;
mod ctr;
mod error;
mod fields;
pub mod instance;
mod legs;
mod options;
mod recording_key;
mod recording_link;

pub use agent_event::{ConnectEventType, agent_state_from_connect, connect_agent_id};
pub use chain::interaction_from_contacts;
pub use configuration::{language_id, skill_id, snapshot_from_instance};
pub use ctr::{ContactTraceRecord, CtrAgent, CtrEndpoint, CtrQueue, keep_latest, parse_ctr};
pub use error::CtrError;
pub use instance::ConnectInstance;
pub use options::{ConnectOptions, ConnectPacing, HierarchyLevel};
pub use recording_key::{
    ConnectContactId, ConnectKeyMismatch, ConnectRecordingKey, parse_recording_key,
};
pub use recording_link::{RecordingLocation, agent_leg_of, recording_locations};
