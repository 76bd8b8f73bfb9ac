//! Configuration reconciliation: read the actual org, plan against the snapshot, apply the plan.
//!
//! | file | what |
//! |---|---|
//! | `creating.rs` | [`journal_creates`], [`settle_creates`]: the id map's journal of users being created, which decides who is looked up by external id |
//! | `actual.rs` | [`ActualOrg`] and [`read_actual`] (full pagination) |
//! | `plan.rs` | [`Plan`], [`Change`], [`Action`], [`Ref`]: the complete value between planning and applying |
//! | `planner/` | [`plan`]: the pure planner, one file per object family; every mapping rule (name prefix, default division, scope) lives here |
//! | `apply/` | [`apply`]: the executor, needing only the plan and the id map; phase by phase, bounded concurrency, deadline-aware |
//! | `saved.rs` | [`SavedPlan`]: a plan written to a file, and [`staleness`]: what changed in the org since |
//! | `report.rs` | [`ApplyReport`] and [`RunReport`] |
//! | `status.rs` | [`ObjectStatuses`]: per-object sync status kept in the state store |

mod actual;
mod apply;
mod creating;
mod plan;
mod planner;
mod report;
mod saved;
mod status;

pub use actual::{
    ActualDivision, ActualNamed, ActualOrg, ActualPresenceDefinition, ActualQueue, ActualUser,
    OrgQuery, QueriedUser, read_actual,
};
pub use apply::{ApplyOptions, ApplyProgress, ProgressSnapshot, apply};
pub use creating::{journal_creates, settle_creates};
pub use plan::{
    Action, Change, Employer, FieldChange, GuardViolation, Level, Phase, Plan, Ref, Skipped,
    UpdateBody, UserPatch, action_name,
};
pub use planner::{Desired, org_query, plan};
pub use report::{ApplyReport, Counts, ItemReport, Outcome, RunMode, RunReport, SkipCause};
pub use saved::{Basis, SAVED_PLAN_SCHEMA, SavedPlan, Staleness, basis, digest, staleness};
pub use status::{ObjectStatus, ObjectStatuses, RunFacts, SyncState, in_scope, object_statuses};
