//! Wire models: the JSON the Genesys Cloud API takes and returns, with its own names (camelCase).
//!
//! Request bodies hold only fields exsync sends, and skip absent ones, so the emulator's contract
//! check sees exactly what Genesys would. Response models keep the fields exsync reads and ignore
//! the rest (Genesys adds fields over time).

mod common;
mod conversations;
mod events;
mod events_conversation;
mod presence;
mod routing;
mod uploads;
mod users;

pub use common::*;
pub use conversations::*;
pub use events::*;
pub use events_conversation::*;
pub use presence::*;
pub use routing::*;
pub use uploads::*;
pub use users::*;
