//! Faults for tests: a per-token rate limit, token lifetime override, a random error rate,
//! added latency and scripted failures per route (the next N calls to a method + path pattern
//! answer a status, or hang for a delay first). Set at start, by [`crate::EmulatorHandle::set_faults`]
//! or `PUT /__admin/faults`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The full set of faults in force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Requests per 60 s per token; over it → 429 + `Retry-After`.
    pub rate_limit_per_minute: Option<u32>,
    /// Lifetime of tokens issued from now on (overrides the config).
    pub token_ttl_secs: Option<u64>,
    /// Probability (0..1) that an API call fails.
    pub error_rate: f64,
    /// Status of random failures (default 503).
    pub error_status: Option<u16>,
    /// Latency added to every API call.
    pub latency_ms: u64,
    /// Scripted failures, consumed in order of the list.
    pub scripted: Vec<ScriptedFault>,
}

/// "The next `times` calls to `method` `path` answer `status` (after `delayMs`)".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ScriptedFault {
    /// HTTP method; `None` matches any.
    pub method: Option<String>,
    /// Path pattern: literal text, `*` for any run of characters, `{name}` for one segment.
    pub path: String,
    /// How many calls it still applies to.
    pub times: u32,
    /// Status to answer; `None` = answer normally after the delay.
    pub status: Option<u16>,
    /// Delay before answering (a "hang" when longer than the client's timeout).
    pub delay_ms: u64,
}

/// What the fault layer decided for one call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultDecision {
    /// Wait this long first.
    pub delay: Duration,
    /// Then fail with this status, or pass through.
    pub fail_status: Option<u16>,
}

/// Faults plus the counters they need.
#[derive(Debug, Default)]
pub struct FaultState {
    /// Current faults.
    pub faults: Faults,
    windows: HashMap<String, VecDeque<Instant>>,
}

impl FaultState {
    /// Starts with these faults.
    pub fn new(faults: Faults) -> Self {
        FaultState {
            faults,
            windows: HashMap::new(),
        }
    }

    /// Replaces the faults and forgets rate-limit windows.
    pub fn set(&mut self, faults: Faults) {
        self.faults = faults;
        self.windows.clear();
    }

    /// Consumes a matching scripted fault, then rolls the random error rate.
    pub fn decide(&mut self, method: &str, path: &str) -> FaultDecision {
        let mut decision = FaultDecision {
            delay: Duration::from_millis(self.faults.latency_ms),
            fail_status: None,
        };
        if let Some(fault) = self
            .faults
            .scripted
            .iter_mut()
            .find(|f| f.times > 0 && f.matches(method, path))
        {
            fault.times -= 1;
            decision.delay += Duration::from_millis(fault.delay_ms);
            decision.fail_status = fault.status;
            return decision;
        }
        if self.faults.error_rate > 0.0 && fastrand::f64() < self.faults.error_rate {
            decision.fail_status = Some(self.faults.error_status.unwrap_or(503));
        }
        decision
    }

    /// Counts a call for `token`; `Err(seconds)` when over the per-minute limit.
    pub fn admit(&mut self, token: &str, now: Instant) -> Result<(), u64> {
        let Some(limit) = self.faults.rate_limit_per_minute else {
            return Ok(());
        };
        let window = Duration::from_secs(60);
        let calls = self.windows.entry(token.to_owned()).or_default();
        while calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            calls.pop_front();
        }
        if calls.len() >= limit as usize {
            let oldest = calls.front().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        calls.push_back(now);
        Ok(())
    }
}

impl ScriptedFault {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && path_matches(&self.path, path)
    }
}

/// Glob match: `*` any run of characters, `{name}` exactly one non-empty path segment.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let path: Vec<char> = path.chars().collect();
    glob(&pattern, &path)
}

fn glob(pattern: &[char], text: &[char]) -> bool {
    match pattern.first() {
        None => text.is_empty(),
        Some('*') => (0..=text.len()).any(|i| glob(&pattern[1..], &text[i..])),
        Some('{') => {
            let Some(close) = pattern.iter().position(|&c| c == '}') else {
                return text.first() == Some(&'{') && glob(&pattern[1..], &text[1..]);
            };
            let segment = text.iter().take_while(|&&c| c != '/').count();
            segment > 0 && glob(&pattern[close + 1..], &text[segment..])
        }
        Some(&c) => text.first() == Some(&c) && glob(&pattern[1..], &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_wildcards_and_template_segments() {
        assert!(path_matches("/api/v2/users/{userId}", "/api/v2/users/abc"));
        assert!(!path_matches(
            "/api/v2/users/{userId}",
            "/api/v2/users/abc/externalid"
        ));
        assert!(path_matches(
            "/api/v2/events/*",
            "/api/v2/events/users/presence"
        ));
        assert!(!path_matches("/api/v2/users", "/api/v2/users/x"));
    }

    #[test]
    fn a_scripted_fault_applies_exactly_n_times() {
        let mut state = FaultState::new(Faults {
            scripted: vec![ScriptedFault {
                method: Some("GET".into()),
                path: "/api/v2/users".into(),
                times: 2,
                status: Some(503),
                delay_ms: 0,
            }],
            ..Faults::default()
        });
        let statuses: Vec<_> = (0..3)
            .map(|_| state.decide("GET", "/api/v2/users").fail_status)
            .collect();
        assert_eq!(statuses, vec![Some(503), Some(503), None]);
        assert_eq!(state.decide("POST", "/api/v2/users").fail_status, None);
    }

    #[test]
    fn the_rate_limit_counts_per_token_and_says_when_to_retry() {
        let mut state = FaultState::new(Faults {
            rate_limit_per_minute: Some(2),
            ..Faults::default()
        });
        let start = Instant::now();
        assert!(state.admit("a", start).is_ok());
        assert!(state.admit("a", start).is_ok());
        let retry = state
            .admit("a", start + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(retry, 50);
        assert!(state.admit("b", start).is_ok());
        assert!(state.admit("a", start + Duration::from_secs(61)).is_ok());
    }
}
