//! The crate's error boundaries in one place.
//!
//! Each boundary has its own enum, defined beside the code that produces it and re-exported here:
//! [`ConfigError`] (the environment), [`GenesysError`] (the Genesys Cloud API), [`StoreError`] (the
//! state store) and [`InputError`] (the external platform's documents). Every one says
//! `is_retryable()`, which is what a handler needs to decide between "retry this message" and
//! "dead-letter it with the reason".

pub use crate::config::ConfigError;
pub use crate::external::InputError;
pub use crate::genesys::GenesysError;
pub use crate::store::StoreError;
