//! The Genesys Cloud Platform API client.
//!
//! | file | what |
//! |---|---|
//! | `region.rs` | the 18 regions and explicit base URLs |
//! | `auth.rs` | OAuth client credentials, one shared cached token per lane |
//! | `pool.rs` | the token pool: lanes of one token and one token bucket each, [`OAuthClients`], [`TokensPerClient`] |
//! | `http.rs` | [`GenesysClient`]: pacing over the pool, retries, deadline |
//! | `paging.rs` | page-number and unpaged listings, never truncated silently |
//! | `error.rs` | [`GenesysError`] |
//! | `metrics.rs` | [`ClientStats`] |
//! | `model/` | wire models |
//! | `users.rs`, `routing.rs`, `queues.rs`, `divisions.rs`, `presence.rs`, `events.rs`, `uploads.rs`, `conversations.rs` | one method per endpoint |

mod auth;
mod conversations;
mod divisions;
mod error;
mod events;
mod http;
mod metrics;
pub mod model;
mod paging;
mod pool;
mod presence;
mod queues;
mod region;
mod routing;
mod uploads;
mod users;

pub use divisions::DivisionObjectType;
pub use error::GenesysError;
pub use http::{ClientOptions, DEFAULT_BURST, GenesysClient};
pub use metrics::ClientStats;
pub use paging::{Page, Unpaged};
pub use pool::{OAuthClient, OAuthClients, TokensPerClient};
pub use queues::QUEUE_BATCH_LIMIT;
pub use region::{Endpoints, REGIONS};
pub use users::{USERS_PAGE_SIZE, UserStateFilter};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters escaped in a path segment: everything but unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment (external keys may hold `/`, spaces, unicode).
pub(crate) fn seg(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}
