//! Pacing: one token bucket per Connect API operation, as Connect's quotas are per operation
//! (about 2 requests per second with a burst of 5 for the list and describe calls read here).
//! Different operations go on concurrently; each waits only for its own bucket.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::mapping::ConnectPacing;

/// The operations the reader calls, each paced on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `ListUsers`
    ListUsers,
    /// `DescribeUser`
    DescribeUser,
    /// `ListUserProficiencies`
    ListUserProficiencies,
    /// `ListQueues`
    ListQueues,
    /// `ListRoutingProfiles`
    ListRoutingProfiles,
    /// `ListRoutingProfileQueues`
    ListRoutingProfileQueues,
    /// `ListAgentStatuses`
    ListAgentStatuses,
    /// `ListUserHierarchyGroups`
    ListUserHierarchyGroups,
    /// `DescribeUserHierarchyGroup`
    DescribeUserHierarchyGroup,
}

impl Operation {
    /// Every operation, in index order.
    pub const ALL: [Self; 9] = [
        Self::ListUsers,
        Self::DescribeUser,
        Self::ListUserProficiencies,
        Self::ListQueues,
        Self::ListRoutingProfiles,
        Self::ListRoutingProfileQueues,
        Self::ListAgentStatuses,
        Self::ListUserHierarchyGroups,
        Self::DescribeUserHierarchyGroup,
    ];

    /// The API's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::ListUsers => "ListUsers",
            Self::DescribeUser => "DescribeUser",
            Self::ListUserProficiencies => "ListUserProficiencies",
            Self::ListQueues => "ListQueues",
            Self::ListRoutingProfiles => "ListRoutingProfiles",
            Self::ListRoutingProfileQueues => "ListRoutingProfileQueues",
            Self::ListAgentStatuses => "ListAgentStatuses",
            Self::ListUserHierarchyGroups => "ListUserHierarchyGroups",
            Self::DescribeUserHierarchyGroup => "DescribeUserHierarchyGroup",
        }
    }

    /// The largest page the operation allows (`maxResults`); Connect rejects a larger one.
    pub fn page_size(self) -> i32 {
        match self {
            Self::ListUserProficiencies | Self::ListRoutingProfileQueues => 100,
            _ => 1000,
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|o| *o == self).unwrap_or(0)
    }
}

/// A token bucket per operation.
pub(crate) struct Pacer {
    buckets: Vec<DefaultDirectRateLimiter>,
}

impl std::fmt::Debug for Pacer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pacer")
            .field("operations", &self.buckets.len())
            .finish()
    }
}

impl Pacer {
    /// Buckets of `pacing.burst` refilled at `pacing.requests_per_second`.
    pub(crate) fn new(pacing: &ConnectPacing) -> Self {
        let rate = pacing.requests_per_second.max(1);
        let burst = NonZeroU32::new(pacing.burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(Duration::from_secs(1) / rate)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            buckets: Operation::ALL
                .iter()
                .map(|_| RateLimiter::direct(quota))
                .collect(),
        }
    }

    /// Waits until `operation` may send one request.
    pub(crate) async fn wait(&self, operation: Operation) {
        if let Some(bucket) = self.buckets.get(operation.index()) {
            bucket.until_ready().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_operation_has_its_own_burst_then_waits_for_the_rate() {
        let pacer = Pacer::new(&ConnectPacing {
            requests_per_second: 10,
            burst: 3,
            max_attempts: 1,
        });
        let start = tokio::time::Instant::now();

        for _ in 0..3 {
            pacer.wait(Operation::DescribeUser).await;
            pacer.wait(Operation::ListUserProficiencies).await;
        }
        let burst_done = start.elapsed();
        pacer.wait(Operation::DescribeUser).await;
        pacer.wait(Operation::DescribeUser).await;

        assert!(burst_done < Duration::from_millis(50), "{burst_done:?}");
        assert!(
            start.elapsed() >= Duration::from_millis(150),
            "{:?}",
            start.elapsed()
        );
    }
}
