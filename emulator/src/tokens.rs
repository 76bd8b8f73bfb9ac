//! Issued bearer tokens and their expiry.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What a presented token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// Issued and not expired.
    Valid,
    /// Issued but past its lifetime.
    Expired,
    /// Never issued here.
    Unknown,
}

/// Tokens by value.
#[derive(Debug, Default)]
pub struct TokenStore {
    tokens: HashMap<String, Instant>,
}

impl TokenStore {
    /// Issues a random token valid for `ttl`.
    pub fn issue(&mut self, ttl: Duration) -> String {
        let token: String = (0..40).map(|_| fastrand::alphanumeric()).collect();
        self.tokens.insert(token.clone(), Instant::now() + ttl);
        token
    }

    /// Checks a token.
    pub fn check(&self, token: &str) -> TokenCheck {
        match self.tokens.get(token) {
            Some(expiry) if Instant::now() < *expiry => TokenCheck::Valid,
            Some(_) => TokenCheck::Expired,
            None => TokenCheck::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_valid_until_its_lifetime_ends() {
        let mut store = TokenStore::default();
        let live = store.issue(Duration::from_secs(60));
        let dead = store.issue(Duration::ZERO);
        assert_eq!(store.check(&live), TokenCheck::Valid);
        assert_eq!(store.check(&dead), TokenCheck::Expired);
        assert_eq!(store.check("nope"), TokenCheck::Unknown);
    }
}
