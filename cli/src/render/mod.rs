//! Text output: tables, plans, reports. Pure functions from values to strings, so the output
//! is tested without running anything.
//!
//! | file | what |
//! |---|---|
//! | `table.rs` | [`Table`]: aligned columns, wrapping, multi-line cells |
//! | `plan.rs` | the plan table, its summary, warnings and guard refusals |
//! | `report.rs` | a run report: counts, Genesys traffic, failures |
//! | `skipped.rs` | what a sync left out because the snapshot holds it back |

pub mod plan;
pub mod report;
pub mod skipped;
pub mod table;

pub use plan::{Names, notes, plan_table, summary_table};
pub use report::report;
pub use skipped::skipped_table;
pub use table::Table;

/// A section heading: a blank line, the title, and a rule under it.
pub fn heading(title: &str) -> String {
    format!("\n{title}\n{}\n", "═".repeat(title.chars().count()))
}
