//! The operations commands' work (`replay`, `redrive`, `status`): reading the state store's
//! dead letters, reports and records, and talking to SQS and the inbound bucket. The commands
//! in [`crate::commands`] parse arguments and print.
//!
//! | file | what |
//! |---|---|
//! | `aws.rs` | state store, SQS and S3 clients from the environment (no Genesys settings needed) |
//! | `dead_letters.rs` | listing, reading and moving dead letters; `--since` |
//! | `resubmit.rs` | one letter back to its queue, or its recording re-dropped |
//! | `redrive.rs` | SQS dead-letter queue → source queue |
//! | `overdue.rs` | recording uploads pending longer than the overdue age |
//! | `objects.rs` | objects the last config sync left failed, skipped, synced or not managed |
//! | `status.rs` | the status summary |

pub mod aws;
pub mod dead_letters;
pub mod objects;
pub mod overdue;
pub mod redrive;
pub mod resubmit;
pub mod status;
