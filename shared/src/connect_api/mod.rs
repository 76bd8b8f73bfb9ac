//! Config sync's desired state read from a live Amazon Connect instance (feature `connect-api`,
//! which only config-sync and the CLI enable): the I/O half. The pure half, Connect's records to
//! an `exsync.config/v1` snapshot, is [`crate::external::connect::snapshot_from_instance`].
//!
//! | file | what |
//! |---|---|
//! | `client.rs` | [`client_from_env`], [`loopback_client`]; the retries a full read needs ([`BareTooManyRequests`]) |
//! | `pace.rs` | one token bucket per API operation ([`Operation`]) |
//! | `read.rs` | every page of every list, the per-object details concurrently, objects deleted mid-read left out |
//! | `error.rs` | [`ConnectError`], naming the operation and the instance |
//!
//! ## How long a read takes
//!
//! Each operation has its own bucket (`connect.pacing`, default 2 requests per second with a
//! burst of 5), and the operations run concurrently, so a read takes about as long as its busiest
//! operation. For an instance of `U` users, `P` routing profiles and `G` hierarchy groups the
//! calls are: `ListUsers` ⌈U/1000⌉, `DescribeUser` U, `ListUserProficiencies` U (one page of 100
//! each), `ListRoutingProfileQueues` P, `DescribeUserHierarchyGroup` G, and a page or two of each
//! other list. At 2 per second after a burst of 5, the per-user calls dominate: **1,000 users take
//! (1,000 − 5) / 2 ≈ 500 s ≈ 8.3 minutes**, `DescribeUser` and `ListUserProficiencies` side by side
//! (100 profiles ≈ 48 s and 200 groups ≈ 98 s run meanwhile). That fits a 15-minute Lambda
//! invocation with about 6 minutes left for planning and applying; Connect's API offers no bulk
//! read of user emails or proficiencies, so per-user details are the bottleneck. Above about
//! 1,500 users, raise the account's Connect quotas for `DescribeUser` and
//! `ListUserProficiencies` and `connect.pacing.requestsPerSecond` with them, or run the first
//! sync from the CLI (`exsync apply --config connect://…`), which has no time limit.

mod client;
mod error;
mod pace;
mod read;

use chrono::Utc;

/// The Connect SDK, for callers that need its types (errors, configuration).
pub use aws_sdk_connect as sdk;
pub use aws_sdk_connect::Client;
pub use client::{
    BareTooManyRequests, INITIAL_BACKOFF, MAX_BACKOFF, client_from_env, for_reading,
    loopback_client,
};
pub use error::ConnectError;
pub use pace::Operation;

use crate::config::ConnectInstanceId;
use crate::external::connect::{ConnectInstance, snapshot_from_instance};
use crate::external::{ConfigSnapshot, InputError};
use crate::mapping::{ConnectOptions, ConnectPacing};

/// Reads everything config sync needs from `instance`, paced by `pacing`.
///
/// # Errors
/// A [`ConnectError`] when a call fails after its retries (throttled for too long, denied, the
/// instance unknown, Connect unreachable).
pub async fn read_instance(
    client: &Client,
    instance: &ConnectInstanceId,
    pacing: &ConnectPacing,
) -> Result<ConnectInstance, ConnectError> {
    let started = std::time::Instant::now();
    let reader = read::Reader {
        client: for_reading(client, pacing),
        instance: instance.as_str(),
        pacer: pace::Pacer::new(pacing),
    };
    let read = reader.instance().await?;
    tracing::info!(
        instance = %instance,
        users = read.users.len(),
        queues = read.queues.len(),
        routing_profiles = read.routing_profiles.len(),
        agent_statuses = read.agent_statuses.len(),
        hierarchy_groups = read.hierarchy_groups.len(),
        seconds = started.elapsed().as_secs(),
        "read the amazon connect instance"
    );
    Ok(read)
}

/// Reads `instance` and converts it into a configuration snapshot under the mapping's `connect`
/// section; users that cannot sync (no email, ...) are held back in [`ConfigSnapshot::held`].
///
/// # Errors
/// [`ReadError::Connect`] when the instance cannot be read, [`ReadError::Invalid`] when a
/// problem belongs to no single object.
pub async fn read_snapshot(
    client: &Client,
    instance: &ConnectInstanceId,
    options: &ConnectOptions,
) -> Result<ConfigSnapshot, ReadError> {
    let read = read_instance(client, instance, &options.pacing).await?;
    Ok(snapshot_from_instance(&read, options, Utc::now())?)
}

/// Why a Connect instance gave no snapshot.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// the instance could not be read
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// what was read is not a usable snapshot
    #[error(transparent)]
    Invalid(#[from] InputError),
}
