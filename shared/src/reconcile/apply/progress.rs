//! A live count of an apply, for a progress display: the executor counts changes as they finish,
//! whoever draws reads [`ApplyProgress::snapshot`] from another task. Counting only; drawing is
//! the caller's.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Changes of the running apply: planned, finished (applied, failed or skipped) and failed.
#[derive(Debug, Default)]
pub struct ApplyProgress {
    total: AtomicUsize,
    done: AtomicUsize,
    failed: AtomicUsize,
}

/// The counts at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressSnapshot {
    /// changes in the plan
    pub total: usize,
    /// changes finished: applied, failed or skipped
    pub done: usize,
    /// changes that failed so far
    pub failed: usize,
}

impl ApplyProgress {
    /// The counts now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            total: self.total.load(Ordering::Relaxed),
            done: self.done.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
        }
    }

    /// An apply of `total` changes starts (counts from zero again).
    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.failed.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One change finished; `failed` when it failed.
    pub(crate) fn finished(&self, failed: bool) {
        if failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// `count` changes finished at once without being attempted (e.g. the guard refused them).
    pub(crate) fn finished_unattempted(&self, count: usize) {
        self.done.fetch_add(count, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restart_counts_from_zero_and_failures_are_also_done() {
        let progress = ApplyProgress::default();
        progress.start(5);
        progress.finished(true);
        progress.start(3);

        progress.finished(false);
        progress.finished(true);

        assert_eq!(
            progress.snapshot(),
            ProgressSnapshot {
                total: 3,
                done: 2,
                failed: 1
            }
        );
    }
}
