//! Issued bearer tokens: their expiry, the OAuth client each was issued to and the API calls made
//! with each. Every token request issues a new, distinct token (as Genesys's client-credentials
//! grant does), so the per-token rate limit is a budget per token.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

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

/// One issued token as tests see it (never its value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenUsage {
    /// The OAuth client the token was issued to.
    pub client_id: String,
    /// API calls presented with the token while it was valid (throttled ones included).
    pub calls: u64,
}

#[derive(Debug)]
struct Issued {
    order: usize,
    expiry: Instant,
    usage: TokenUsage,
}

/// Tokens by value.
#[derive(Debug, Default)]
pub struct TokenStore {
    tokens: HashMap<String, Issued>,
}

impl TokenStore {
    /// Issues a new token to `client_id`, valid for `ttl`: its issue number followed by random
    /// characters, so no two tokens are ever the same.
    pub fn issue(&mut self, client_id: &str, ttl: Duration) -> String {
        let order = self.tokens.len();
        let random: String = (0..32).map(|_| fastrand::alphanumeric()).collect();
        let token = format!("{order:08}{random}");
        self.tokens.insert(
            token.clone(),
            Issued {
                order,
                expiry: Instant::now() + ttl,
                usage: TokenUsage {
                    client_id: client_id.to_owned(),
                    calls: 0,
                },
            },
        );
        token
    }

    /// Checks a token.
    pub fn check(&self, token: &str) -> TokenCheck {
        match self.tokens.get(token) {
            Some(issued) if Instant::now() < issued.expiry => TokenCheck::Valid,
            Some(_) => TokenCheck::Expired,
            None => TokenCheck::Unknown,
        }
    }

    /// Counts an API call made with `token`.
    pub fn count_call(&mut self, token: &str) {
        if let Some(issued) = self.tokens.get_mut(token) {
            issued.usage.calls += 1;
        }
    }

    /// Every token issued, in issue order.
    pub fn usage(&self) -> Vec<TokenUsage> {
        let mut issued: Vec<&Issued> = self.tokens.values().collect();
        issued.sort_by_key(|i| i.order);
        issued.into_iter().map(|i| i.usage.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_valid_until_its_lifetime_ends() {
        let mut store = TokenStore::default();
        let live = store.issue("c", Duration::from_secs(60));
        let dead = store.issue("c", Duration::ZERO);
        assert_eq!(store.check(&live), TokenCheck::Valid);
        assert_eq!(store.check(&dead), TokenCheck::Expired);
        assert_eq!(store.check("nope"), TokenCheck::Unknown);
    }

    #[test]
    fn every_token_request_gets_a_distinct_token_with_its_own_count() {
        let mut store = TokenStore::default();
        let tokens: Vec<String> = (0..500)
            .map(|_| store.issue("c", Duration::from_secs(60)))
            .collect();
        store.count_call(&tokens[7]);
        store.count_call(&tokens[7]);
        store.count_call("never-issued");

        let usage = store.usage();

        assert_eq!(usage.len(), 500, "500 requests, 500 distinct tokens");
        assert_eq!(usage[7].calls, 2);
        assert_eq!(usage.iter().map(|u| u.calls).sum::<u64>(), 2);
    }
}
