//! A spinner for long runs when stdout is a terminal.
//!
//! The executor has no progress callback, so the spinner shows what can be observed from
//! outside: elapsed time and the Genesys client's live call counters. Off a terminal (pipes,
//! tests, CI) nothing is drawn.

use std::io::IsTerminal;
use std::time::Duration;

use exsync::genesys::GenesysClient;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::task::JoinHandle;

/// A running spinner; [`Spinner::finish`] clears it.
#[derive(Debug)]
pub struct Spinner {
    bar: Option<ProgressBar>,
    ticker: Option<JoinHandle<()>>,
}

impl Spinner {
    /// Starts a spinner labelled `label` that counts `client`'s calls, if stdout is a terminal.
    pub fn start(label: &str, client: &GenesysClient) -> Self {
        if !std::io::stdout().is_terminal() {
            return Self {
                bar: None,
                ticker: None,
            };
        }
        let bar = ProgressBar::new_spinner();
        let style = ProgressStyle::with_template("  {spinner} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(format!("{label}: starting"));
        bar.enable_steady_tick(Duration::from_millis(100));
        let (ticking, client, label) = (bar.clone(), client.clone(), label.to_owned());
        let before = client.stats();
        let ticker = tokio::spawn(async move {
            loop {
                let now = client.stats();
                let calls = now.calls.saturating_sub(before.calls);
                let throttled = now.throttled.saturating_sub(before.throttled);
                ticking.set_message(format!(
                    "{label}: {calls} Genesys calls, {throttled} throttled"
                ));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        Self {
            bar: Some(bar),
            ticker: Some(ticker),
        }
    }

    /// Stops and clears the spinner.
    pub fn finish(self) {
        if let Some(ticker) = self.ticker {
            ticker.abort();
        }
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
