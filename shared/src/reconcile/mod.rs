//! Configuration reconciliation: read the actual org, plan against the snapshot, apply the plan.
//!
//! | file | what |
//! |---|---|
//! | `idmap.rs` | [`IdMap`]: external → Genesys ids, the record of what exsync manages |
//! | `actual.rs` | [`ActualOrg`] and [`read_actual`] (full pagination) |
//! | `plan.rs` | [`Plan`], [`Change`], [`Action`] |
//! | `planner/` | [`plan`]: the pure planner, one file per object family |
//! | `apply/` | [`apply`]: the executor, phase by phase, bounded concurrency, deadline-aware |
//! | `report.rs` | [`ApplyReport`] and [`RunReport`] |
//! | `status.rs` | [`ObjectStatuses`]: per-object sync status kept in the state store |

mod actual;
mod apply;
mod idmap;
mod plan;
mod planner;
mod report;
mod status;

pub use actual::{
    ActualDivision, ActualNamed, ActualOrg, ActualPresenceDefinition, ActualQueue, ActualUser,
    read_actual,
};
pub use apply::{ApplyOptions, ApplyProgress, Desired, ProgressSnapshot, apply};
pub use idmap::IdMap;
pub use plan::{Action, Change, FieldChange, GuardViolation, Phase, Plan, Skipped, action_name};
pub use planner::plan;
pub use report::{ApplyReport, Counts, ItemReport, Outcome, RunReport};
pub use status::{ObjectStatus, ObjectStatuses, RunFacts, SyncState, object_statuses};
