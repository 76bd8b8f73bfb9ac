//! The agent-state table: (state, reason, activity) of the external platform → Genesys presence and
//! routing status, and [`resolve_status`], the pure function that applies it.
//!
//! # Matching and precedence
//!
//! Each rule has three patterns, one per part of the external status:
//!
//! | pattern | JSON | matches |
//! |---|---|---|
//! | any | `"*"` or the field left out | every value, and no value |
//! | none | `null` | only an event without that part (e.g. `NOT_READY` with no reason) |
//! | exact | `"Lunch"` | exactly that code (case-sensitive) |
//!
//! Among the rules that match an event, the **most specific** wins: the one with the most patterns
//! that are not "any" (a "none" pattern counts as specific). Among equally specific matches the one
//! listed **first** wins. When no rule matches, the table's `fallback` applies; the result says
//! which happened, so callers can count and log unmapped values.

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use super::targets::{PresenceTarget, RoutingStatus};

/// The status table of the mapping document (`agentState`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusTable {
    /// The rules, in order; see the module docs for the precedence.
    #[serde(default)]
    pub rules: Vec<StatusRule>,
    /// What an event no rule matches maps to.
    pub fallback: StatusTarget,
}

/// One row of the status table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusRule {
    /// The external state (`READY`, `NOT_READY`, `LOGGED_OUT`, ...).
    #[serde(default, skip_serializing_if = "Pattern::is_any")]
    pub state: Pattern,
    /// The external not-ready reason (`Lunch`, `Training`, ...).
    #[serde(default, skip_serializing_if = "Pattern::is_any")]
    pub reason: Pattern,
    /// The external activity (`IDLE`, `ALERTING`, `TALKING`, `HOLD`, `AFTER_CALL_WORK`, ...).
    #[serde(default, skip_serializing_if = "Pattern::is_any")]
    pub activity: Pattern,
    /// The Genesys presence to set.
    pub presence: PresenceTarget,
    /// The Genesys routing status to set.
    pub routing_status: RoutingStatus,
}

impl StatusRule {
    /// How many of the three patterns are not "any".
    pub fn specificity(&self) -> usize {
        [&self.state, &self.reason, &self.activity]
            .into_iter()
            .filter(|pattern| !pattern.is_any())
            .count()
    }

    /// Whether the rule matches an external status.
    pub fn matches(&self, state: &str, reason: Option<&str>, activity: Option<&str>) -> bool {
        self.state.matches(Some(state))
            && self.reason.matches(reason)
            && self.activity.matches(activity)
    }

    /// The presence and routing status this rule maps to.
    pub fn target(&self) -> StatusTarget {
        StatusTarget {
            presence: self.presence.clone(),
            routing_status: self.routing_status,
        }
    }
}

/// A presence and routing status pair (the table's fallback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusTarget {
    /// The Genesys presence to set.
    pub presence: PresenceTarget,
    /// The Genesys routing status to set.
    pub routing_status: RoutingStatus,
}

/// A pattern on one part of the external status; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Pattern {
    /// `"*"` or left out: anything, including no value.
    #[default]
    Any,
    /// `null`: only no value.
    Absent,
    /// A code, compared exactly.
    Exact(String),
}

impl Pattern {
    /// Whether this is the "any" pattern.
    pub fn is_any(&self) -> bool {
        matches!(self, Self::Any)
    }

    /// Whether `value` (`None` when the event has no such part) matches.
    pub fn matches(&self, value: Option<&str>) -> bool {
        match self {
            Self::Any => true,
            Self::Absent => value.is_none(),
            Self::Exact(code) => value == Some(code.as_str()),
        }
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Any => serializer.serialize_str("*"),
            Self::Absent => serializer.serialize_none(),
            Self::Exact(code) => serializer.serialize_str(code),
        }
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<String>::deserialize(deserializer)? {
            None => Self::Absent,
            Some(code) if code == "*" => Self::Any,
            Some(code) => Self::Exact(code),
        })
    }
}

/// Which part of the table produced a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Matched {
    /// The rule at this index of `rules`.
    Rule(usize),
    /// No rule matched; the fallback applied.
    Fallback,
}

/// What an external status maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusResolution {
    /// The Genesys presence to set.
    pub presence: PresenceTarget,
    /// The Genesys routing status to set.
    pub routing_status: RoutingStatus,
    /// Which rule matched, or the fallback.
    pub matched: Matched,
}

/// Maps an external status to a Genesys presence and routing status; pure.
///
/// The most specific matching rule wins, the first of equally specific ones; with no match the
/// fallback applies and `matched` is [`Matched::Fallback`].
pub fn resolve_status(
    table: &StatusTable,
    state: &str,
    reason: Option<&str>,
    activity: Option<&str>,
) -> StatusResolution {
    let mut best: Option<(usize, &StatusRule)> = None;
    for (index, rule) in table.rules.iter().enumerate() {
        let better = best.is_none_or(|(_, current)| rule.specificity() > current.specificity());
        if better && rule.matches(state, reason, activity) {
            best = Some((index, rule));
        }
    }
    match best {
        Some((index, rule)) => StatusResolution {
            presence: rule.presence.clone(),
            routing_status: rule.routing_status,
            matched: Matched::Rule(index),
        },
        None => StatusResolution {
            presence: table.fallback.presence.clone(),
            routing_status: table.fallback.routing_status,
            matched: Matched::Fallback,
        },
    }
}

#[cfg(test)]
mod tests;
