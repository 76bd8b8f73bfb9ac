//! Test controls shared by [`crate::EmulatorHandle`] and the `/__admin/` API: read the request
//! log, the tokens issued and the org, set faults, reset, seed.

use serde_json::Value;

use crate::app::{AppState, lock};
use crate::error::EmulatorError;
use crate::faults::Faults;
use crate::reqlog::RequestLogEntry;
use crate::state::Org;
use crate::tokens::TokenUsage;

impl AppState {
    /// Every logged request, oldest first.
    pub fn requests(&self) -> Vec<RequestLogEntry> {
        lock(&self.log).entries()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.log).clear();
    }

    /// Every token issued, in issue order, with its client and the calls made with it.
    pub fn token_usage(&self) -> Vec<TokenUsage> {
        lock(&self.tokens).usage()
    }

    /// The whole org as JSON (the shape `seed` accepts).
    pub fn state_json(&self) -> Value {
        serde_json::to_value(&*self.org()).unwrap_or(Value::Null)
    }

    /// The faults in force (scripted faults show their remaining counts).
    pub fn faults(&self) -> Faults {
        lock(&self.faults).faults.clone()
    }

    /// Replaces the faults.
    pub fn set_faults(&self, faults: Faults) {
        lock(&self.faults).set(faults);
    }

    /// Back to a fresh org; clears the log and puts the config's faults back. Issued tokens stay
    /// valid, so a client holding one carries on after a reset.
    pub fn reset(&self) {
        *self.org() = Org::fresh();
        self.clear_requests();
        self.set_faults(self.config.initial_faults());
    }

    /// Merges a snapshot (the shape of `state_json`) into the org, all or nothing.
    ///
    /// # Errors
    /// [`EmulatorError::Seed`] when the snapshot is malformed or names unknown objects.
    pub fn seed(&self, snapshot: Value) -> Result<(), EmulatorError> {
        let mut org = self.org();
        let mut next = org.clone();
        next.merge_snapshot(snapshot).map_err(EmulatorError::Seed)?;
        *org = next;
        Ok(())
    }
}
