//! The token pool: the lanes a client sends through, each one OAuth token with its own budget.
//!
//! Genesys limits each client-credentials token to 300 requests a minute (api-reference §1.4) and
//! a client-credentials grant issues a new token on every request, so a client that holds several
//! tokens has several budgets. A lane is one [`TokenCache`] (its own bearer token) and one token
//! bucket at the per-token budget. A client holds one lane by default; a pool holds
//! [`TokensPerClient`] lanes for each of its [`OAuthClients`]. A call takes the first lane, from a
//! rotating start, whose bucket has room now; when none has, it learns how long until the first
//! one has, and asks again after that.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use secrecy::SecretString;
use url::Url;

use super::auth::TokenCache;
use super::error::GenesysError;

/// One OAuth client's credentials. `Debug` shows the id, never the secret.
#[derive(Clone)]
pub struct OAuthClient {
    id: String,
    secret: SecretString,
}

impl OAuthClient {
    /// The client `id` with its `secret`.
    pub fn new(id: impl Into<String>, secret: SecretString) -> Self {
        Self {
            id: id.into(),
            secret,
        }
    }

    /// The OAuth client id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The OAuth client secret.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("id", &self.id)
            .field("secret", &"[redacted]")
            .finish()
    }
}

/// One or more OAuth clients: a list that cannot be empty.
#[derive(Debug, Clone)]
pub struct OAuthClients {
    first: OAuthClient,
    more: Vec<OAuthClient>,
}

impl OAuthClients {
    /// The list, or `None` when it is empty.
    pub fn new(clients: Vec<OAuthClient>) -> Option<Self> {
        let mut clients = clients.into_iter();
        let first = clients.next()?;
        Some(Self {
            first,
            more: clients.collect(),
        })
    }

    /// The first client of the list.
    pub fn first(&self) -> &OAuthClient {
        &self.first
    }

    /// The clients, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = &OAuthClient> {
        std::iter::once(&self.first).chain(&self.more)
    }

    /// How many clients (at least one).
    pub fn count(&self) -> usize {
        1 + self.more.len()
    }
}

impl From<OAuthClient> for OAuthClients {
    fn from(first: OAuthClient) -> Self {
        Self {
            first,
            more: Vec::new(),
        }
    }
}

/// Tokens a client holds per OAuth client: 1 to [`TokensPerClient::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TokensPerClient(NonZeroU32);

impl TokensPerClient {
    /// The most tokens one OAuth client may hold in a pool.
    pub const MAX: u32 = 20;
    /// One token: the default, and what every client but config sync's holds.
    pub const ONE: Self = Self(NonZeroU32::MIN);

    /// `n` tokens, or `None` outside 1..=[`Self::MAX`].
    pub fn new(n: u32) -> Option<Self> {
        NonZeroU32::new(n)
            .filter(|n| n.get() <= Self::MAX)
            .map(Self)
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0.get()
    }
}

impl Default for TokensPerClient {
    fn default() -> Self {
        Self::ONE
    }
}

/// One token and its budget.
pub(crate) struct Lane {
    /// its place in the pool, from 0
    pub(crate) index: usize,
    pub(crate) auth: TokenCache,
    limiter: DefaultDirectRateLimiter,
}

/// Every lane of a client and the rotating start of the next search.
pub(crate) struct Lanes {
    lanes: Vec<Lane>,
    next: AtomicUsize,
}

impl fmt::Debug for Lanes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.lanes.iter().map(|lane| &lane.auth))
            .finish()
    }
}

impl Lanes {
    /// `per_client` lanes for each client, every bucket at `quota`.
    ///
    /// # Errors
    /// When the token URL cannot be formed from `login_base`.
    pub(crate) fn new(
        clients: &OAuthClients,
        per_client: TokensPerClient,
        quota: Quota,
        login_base: &Url,
    ) -> Result<Self, GenesysError> {
        let mut lanes = Vec::new();
        for client in clients.iter() {
            for _ in 0..per_client.get() {
                lanes.push(Lane {
                    index: lanes.len(),
                    auth: TokenCache::new(client.id.clone(), client.secret.clone(), login_base)?,
                    limiter: RateLimiter::direct(quota),
                });
            }
        }
        Ok(Self {
            lanes,
            next: AtomicUsize::new(0),
        })
    }

    /// How many lanes (tokens) there are.
    pub(crate) fn len(&self) -> usize {
        self.lanes.len()
    }

    /// Token requests over all lanes.
    pub(crate) fn token_requests(&self) -> u64 {
        self.lanes.iter().map(|lane| lane.auth.fetches()).sum()
    }

    /// A lane whose bucket had room and has now counted one request, or how long until the first
    /// bucket has room.
    pub(crate) fn take(&self) -> Result<&Lane, Duration> {
        let count = self.lanes.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let now = DefaultClock::default().now();
        let mut soonest = Duration::MAX;
        for k in 0..count {
            let lane = &self.lanes[(start.wrapping_add(k)) % count];
            match lane.limiter.check() {
                Ok(()) => return Ok(lane),
                Err(not_until) => soonest = soonest.min(not_until.wait_time_from(now)),
            }
        }
        Err(soonest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(clients: usize, per_client: u32, rate: u32) -> Lanes {
        let list = (0..clients)
            .map(|i| OAuthClient::new(format!("client-{i}"), SecretString::from("s")))
            .collect();
        let quota = Quota::per_minute(NonZeroU32::new(rate).unwrap()).allow_burst(NonZeroU32::MIN);
        let login = Url::parse("http://127.0.0.1:9/").unwrap();
        Lanes::new(
            &OAuthClients::new(list).unwrap(),
            TokensPerClient::new(per_client).unwrap(),
            quota,
            &login,
        )
        .unwrap()
    }

    #[test]
    fn every_client_gets_its_tokens_per_client_lanes() {
        assert_eq!(pool(1, 1, 60).len(), 1);
        assert_eq!(pool(2, 3, 60).len(), 6);
    }

    #[test]
    fn each_lane_gives_its_own_budget_then_the_pool_says_how_long_to_wait() {
        let lanes = pool(1, 3, 60);

        let mut taken: Vec<usize> = (0..3).map(|_| lanes.take().unwrap().index).collect();
        let exhausted = lanes.take();

        taken.sort_unstable();
        assert_eq!(taken, vec![0, 1, 2], "three calls, three lanes");
        let wait = exhausted.err().unwrap();
        assert!(
            wait > Duration::from_millis(900) && wait <= Duration::from_secs(1),
            "{wait:?}: 60 a minute refills one a second"
        );
    }

    #[test]
    fn a_lane_with_room_is_taken_when_the_rotation_points_at_a_full_one() {
        let lanes = pool(1, 3, 60);
        assert_eq!(lanes.take().unwrap().index, 0);

        lanes.next.store(0, Ordering::Relaxed);
        let next = lanes.take().unwrap().index;

        assert_eq!(next, 1, "lane 0 is spent, lane 1 has room");
    }

    #[test]
    fn tokens_per_client_is_one_to_twenty() {
        assert_eq!(TokensPerClient::default().get(), 1);
        assert_eq!(TokensPerClient::new(20).map(TokensPerClient::get), Some(20));
        assert!(TokensPerClient::new(0).is_none());
        assert!(TokensPerClient::new(21).is_none());
    }

    #[test]
    fn an_empty_client_list_is_refused_and_debug_hides_secrets() {
        assert!(OAuthClients::new(Vec::new()).is_none());
        let client = OAuthClient::new("id-7", SecretString::from("hidden-value"));
        let shown = format!("{:?}", OAuthClients::from(client));
        assert!(shown.contains("id-7"), "{shown}");
        assert!(!shown.contains("hidden-value"), "{shown}");
    }
}
