//! `exsync explain <kind> <external-id>`: the operator's one-object view, from the external
//! record to what Genesys holds now, with everything exsync stored about the object on the way.
//!
//! | file | what |
//! |---|---|
//! | `kind.rs` | [`Kind`]: the kinds the command takes |
//! | `read.rs` | [`Inputs`], [`read_store`], [`read_files`]: what is read (store, `--config`, `--mapping`); [`conversation_of`] |
//! | `live.rs` | [`read_live`]: the Genesys object now, when credentials are configured |
//! | `assemble.rs` | [`explain`] (pure): an [`Explanation`] from what was read; [`target`]: what to read live |
//! | `config_view.rs` | snapshot record, mapping view, last sync, management (pure) |
//! | `activity.rs` | agent record, interaction state, recordings, dead letters (pure) |
//! | `model.rs` | [`Explanation`] and its parts: the `--json` output |
//! | `render.rs`, `render_activity.rs` | [`render`]: the one-screen text (pure) |
//! | `lines.rs` | the lines it is made of: section, line, field, sent value |

mod activity;
mod assemble;
mod config_view;
mod kind;
mod lines;
mod live;
mod model;
mod read;
mod render;
mod render_activity;

pub use assemble::{Target, explain, genesys_id, is_known, target};
pub use kind::Kind;
pub use live::read_live;
pub use model::{
    AgentView, Explanation, ExternalRecord, InteractionView, LastSync, LetterView, Live,
    Management, MappingView, RecordingView, Reference, ReportView, SentView, SkipView, StatusView,
};
pub use read::{Inputs, LATEST_REPORT_KEY, SnapshotInput, conversation_of, read_files, read_store};
pub use render::render;
