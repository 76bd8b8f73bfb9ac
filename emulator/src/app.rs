//! The shared application state behind every handler: config, contract, the org, tokens,
//! faults, the request log and the URL-signing key. Locks are plain mutexes, never held across
//! an `.await`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::config::EmulatorConfig;
use crate::contract::Contract;
use crate::faults::FaultState;
use crate::reqlog::RequestLog;
use crate::state::Org;
use crate::tokens::TokenStore;

/// Shared state, cloned cheaply into handlers.
pub type App = Arc<AppState>;

/// Everything one emulator holds.
#[derive(Debug)]
pub struct AppState {
    /// Start-up configuration.
    pub config: EmulatorConfig,
    /// The vendored contract.
    pub contract: &'static Contract,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The org.
    pub org: Mutex<Org>,
    /// Issued tokens.
    pub tokens: Mutex<TokenStore>,
    /// Faults and rate-limit windows.
    pub faults: Mutex<FaultState>,
    /// Request log.
    pub log: Mutex<RequestLog>,
    /// HMAC key for upload and report URLs, random per emulator.
    pub signing_key: [u8; 32],
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AppState {
    /// The org, locked.
    pub fn org(&self) -> MutexGuard<'_, Org> {
        lock(&self.org)
    }
}

/// Random bytes for a signing key.
pub fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    for byte in &mut key {
        *byte = fastrand::u8(..);
    }
    key
}
