//! Amazon Connect's own formats, read at the boundary and turned into exsync's types.
//!
//! | file | what |
//! |---|---|
//! | `agent_event.rs` | [`agent_state_from_connect`]: one agent event of the agent event stream (Kinesis) → [`super::AgentStateEvent`] |
//! | `fields.rs` | reading the fields of a Connect JSON object, every problem naming its field |

mod agent_event;
#[cfg(test)]
mod agent_event_tests;
mod fields;

pub use agent_event::{ConnectEventType, agent_state_from_connect, connect_agent_id};
