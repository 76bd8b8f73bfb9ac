//! Amazon Connect contact trace records (CTRs) as `exsync.interaction/v1` records.
//!
//! | file | what |
//! |---|---|
//! | `ctr.rs` | [`ContactTraceRecord`]: the documented CTR fields exsync reads, [`parse_ctr`], [`keep_latest`] |
//! | `arn.rs` | the Connect ids inside agent and queue ARNs |
//! | `chain.rs` | [`interaction_from_contacts`]: the contacts of one transfer chain in order, as one record |
//! | `legs.rs` | the segments one contact contributes: IVR, queue, agent |
//! | `error.rs` | [`CtrError`]: what is wrong, naming the contact and the field |
//!
//! The conversion is pure: no I/O, no clock. Which CTRs belong together, and keeping the newest
//! version of each, is the caller's job ([`keep_latest`] helps); see [`interaction_from_contacts`]
//! for why a transfer's later contact is converted together with the ones before it.

mod arn;
mod chain;
mod ctr;
mod error;
mod legs;

pub use chain::interaction_from_contacts;
pub use ctr::{ContactTraceRecord, CtrAgent, CtrEndpoint, CtrQueue, keep_latest, parse_ctr};
pub use error::CtrError;
