//! `Deadline`: the point in time by which a piece of work must be done.
//!
//! A Lambda invocation has a hard end (`Context::deadline`); every retry loop, rate-limit wait and
//! executor in exsync takes a `Deadline` and stops cleanly before it instead of being killed
//! mid-write. It is built on `tokio::time::Instant` so tests can run it on paused time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// A point in time work must finish by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Instant);

impl Deadline {
    /// The deadline `d` from now.
    pub fn after(d: Duration) -> Self {
        Self(Instant::now() + d)
    }

    /// A deadline far away (a day), for the CLI and tests that are not time-bound.
    pub fn none() -> Self {
        Self::after(Duration::from_secs(24 * 3600))
    }

    /// The Lambda deadline (milliseconds since the Unix epoch, as `Context::deadline`), less a
    /// safety margin kept for writing reports and answering the runtime.
    pub fn from_epoch_millis(deadline_ms: u64, margin: Duration) -> Self {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let left = Duration::from_millis(deadline_ms.saturating_sub(now_ms));
        Self::after(left.saturating_sub(margin))
    }

    /// The deadline of a Lambda invocation (`Context::deadline`, milliseconds since the epoch),
    /// less a safety margin for writing reports and answering the runtime; the margin is at most
    /// a tenth of the time left, so short timeouts still run. `0` (no deadline) gives `fallback`
    /// from now. A value too small to be a timestamp (before 2001) is what local runtimes such as
    /// `cargo lambda watch` send: the function timeout in milliseconds; it is taken as such.
    pub fn for_invocation(deadline_ms: u64, margin: Duration, fallback: Duration) -> Self {
        const EPOCH_2001_MS: u64 = 1_000_000_000_000;
        let left = match deadline_ms {
            0 => return Self::after(fallback),
            relative if relative < EPOCH_2001_MS => Duration::from_millis(relative),
            epoch => Self::from_epoch_millis(epoch, Duration::ZERO).remaining(),
        };
        Self::after(left.saturating_sub(margin.min(left / 10)))
    }

    /// The instant itself.
    pub fn instant(self) -> Instant {
        self.0
    }

    /// Time left (zero once passed).
    pub fn remaining(self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }

    /// True once the deadline has passed.
    pub fn is_past(self) -> bool {
        Instant::now() >= self.0
    }

    /// True when waiting `d` from now would end after the deadline.
    pub fn would_pass(self, d: Duration) -> bool {
        Instant::now() + d > self.0
    }

    /// The earlier of two deadlines.
    pub fn min(self, other: Self) -> Self {
        if other.0 < self.0 { other } else { self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn remaining_shrinks_with_time_and_reaches_zero() {
        let d = Deadline::after(Duration::from_secs(2));
        assert!(!d.is_past());
        assert!(d.would_pass(Duration::from_secs(3)));
        tokio::time::advance(Duration::from_secs(3)).await;
        assert!(d.is_past());
        assert_eq!(d.remaining(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn an_invocation_deadline_keeps_a_margin_of_at_most_a_tenth() {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let long = Deadline::for_invocation(
            now_ms + 900_000,
            Duration::from_secs(10),
            Duration::from_secs(60),
        );
        assert!(
            long.remaining() <= Duration::from_secs(890)
                && long.remaining() > Duration::from_secs(880)
        );
        let short = Deadline::for_invocation(
            now_ms + 3_000,
            Duration::from_secs(10),
            Duration::from_secs(60),
        );
        assert!(
            short.remaining() >= Duration::from_millis(2_500),
            "{:?}",
            short.remaining()
        );
        let none = Deadline::for_invocation(0, Duration::from_secs(10), Duration::from_secs(60));
        assert_eq!(none.remaining(), Duration::from_secs(60));
        let past = Deadline::for_invocation(
            now_ms - 1_000,
            Duration::from_secs(10),
            Duration::from_secs(60),
        );
        assert!(past.is_past(), "a passed deadline leaves no time");
        let local =
            Deadline::for_invocation(600_000, Duration::from_secs(10), Duration::from_secs(60));
        assert_eq!(
            local.remaining(),
            Duration::from_secs(590),
            "cargo lambda sends the timeout itself"
        );
    }

    #[test]
    fn lambda_deadline_in_the_past_leaves_no_time() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        rt.block_on(async {
            let d = Deadline::from_epoch_millis(1_000, Duration::from_secs(1));
            assert!(d.is_past());
        });
    }
}
