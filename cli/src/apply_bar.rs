//! The progress of `exsync apply`: changes finished of the plan's total, the failures so far and
//! the time spent waiting for Genesys's rate limit, read from the executor's [`ApplyProgress`] and
//! the client's counters. On a terminal (stderr) it is a bar redrawn in place; anywhere else it
//! is a plain line on stderr every few seconds while the count moves, and one when the apply ends.

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::time::Duration;

use exsync::genesys::{ClientStats, GenesysClient};
use exsync::reconcile::{ApplyProgress, ProgressSnapshot};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::task::JoinHandle;

/// How often a plain line may be printed off a terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(5);
/// How often the bar is refreshed on a terminal.
const TICK: Duration = Duration::from_millis(100);

/// A running progress display; [`ApplyBar::finish`] draws the final count.
#[derive(Debug)]
pub struct ApplyBar {
    progress: Arc<ApplyProgress>,
    client: GenesysClient,
    before: ClientStats,
    bar: Option<ProgressBar>,
    ticker: JoinHandle<()>,
}

impl ApplyBar {
    /// Starts showing `progress` (which the executor counts) and `client`'s waits: a bar when
    /// stderr is a terminal, plain lines otherwise.
    pub fn start(progress: Arc<ApplyProgress>, client: &GenesysClient) -> Self {
        let before = client.stats();
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "  applying [{bar:30}] {pos}/{len} changes, {msg} [{elapsed}]",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        let ticker = {
            let (progress, client, bar) = (progress.clone(), client.clone(), bar.clone());
            tokio::spawn(async move {
                let mut printed = ProgressSnapshot::default();
                let mut since_print = Duration::ZERO;
                loop {
                    let now = progress.snapshot();
                    let stats = client.stats().since(&before);
                    match &bar {
                        Some(bar) => draw(bar, now, &stats),
                        None if since_print >= PLAIN_EVERY && now != printed => {
                            eprintln!("  applying: {}", describe(now, &stats));
                            (printed, since_print) = (now, Duration::ZERO);
                        }
                        None => {}
                    }
                    tokio::time::sleep(TICK).await;
                    since_print += TICK;
                }
            })
        };
        Self {
            progress,
            client: client.clone(),
            before,
            bar,
            ticker,
        }
    }

    /// Stops refreshing and shows the final count: the bar stays on the terminal, or one last
    /// plain line.
    pub fn finish(self) {
        self.ticker.abort();
        let now = self.progress.snapshot();
        let stats = self.client.stats().since(&self.before);
        match self.bar {
            Some(bar) => {
                draw(&bar, now, &stats);
                bar.finish();
            }
            None => eprintln!("  applied: {}", describe(now, &stats)),
        }
    }
}

fn draw(bar: &ProgressBar, now: ProgressSnapshot, stats: &ClientStats) {
    bar.set_length(now.total as u64);
    bar.set_position(now.done as u64);
    bar.set_message(waits(now, stats));
}

/// `12/40 changes, 1 failed, waited 3.2 s for the Genesys rate limit (2 × 429)`.
pub fn describe(now: ProgressSnapshot, stats: &ClientStats) -> String {
    format!("{}/{} changes, {}", now.done, now.total, waits(now, stats))
}

fn waits(now: ProgressSnapshot, stats: &ClientStats) -> String {
    let throttled = match stats.throttled {
        0 => String::new(),
        n => format!(" ({n} × 429)"),
    };
    format!(
        "{} failed, waited {:.1} s for the Genesys rate limit{throttled}",
        now.failed,
        stats.waited.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_names_done_total_failures_and_the_rate_limit_wait() {
        let now = ProgressSnapshot {
            total: 40,
            done: 12,
            failed: 1,
        };
        let stats = ClientStats {
            waited: Duration::from_millis(3_240),
            throttled: 2,
            ..ClientStats::default()
        };

        let line = describe(now, &stats);

        assert_eq!(
            line,
            "12/40 changes, 1 failed, waited 3.2 s for the Genesys rate limit (2 × 429)"
        );
    }

    #[test]
    fn no_429_is_left_out_of_the_line() {
        let line = describe(ProgressSnapshot::default(), &ClientStats::default());

        assert_eq!(
            line,
            "0/0 changes, 0 failed, waited 0.0 s for the Genesys rate limit"
        );
    }
}
