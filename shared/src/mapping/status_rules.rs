//! The rules a status table must follow: patterns that can match, rules that can be reached, and
//! presence and routing status that fit together.

use std::collections::HashMap;

use super::document::MAPPING_OBJECT;
use super::status::{Pattern, StatusTable};
use super::targets::{PresenceTarget, RoutingStatus};
use crate::external::Problem;
use crate::presence::SystemPresence;

/// Adds a problem per broken rule of `table`, under `agentState`.
pub(super) fn check(problems: &mut Vec<Problem>, table: &StatusTable) {
    let mut push = |field: String, message: String| {
        problems.push(Problem::new(MAPPING_OBJECT, field, message));
    };
    let mut first_with: HashMap<[&Pattern; 3], usize> = HashMap::new();
    for (index, rule) in table.rules.iter().enumerate() {
        let at = format!("agentState.rules[{index}]");
        let parts = [
            ("state", &rule.state),
            ("reason", &rule.reason),
            ("activity", &rule.activity),
        ];
        for (name, pattern) in parts {
            if matches!(pattern, Pattern::Exact(code) if code.trim().is_empty()) {
                let message =
                    "must not be empty; use null to match a missing value or \"*\" for any";
                push(format!("{at}.{name}"), message.to_owned());
            }
        }
        if rule.specificity() == 0 {
            let message =
                "matches every status, so the fallback can never apply; make it the fallback";
            push(at.clone(), message.to_owned());
        }
        match first_with.get(&[&rule.state, &rule.reason, &rule.activity]) {
            Some(first) => push(
                at.clone(),
                format!(
                    "never matches: agentState.rules[{first}] has the same patterns and comes first"
                ),
            ),
            None => {
                first_with.insert([&rule.state, &rule.reason, &rule.activity], index);
            }
        }
        target(&mut push, &at, &rule.presence, rule.routing_status);
    }
    let fallback = &table.fallback;
    target(
        &mut push,
        "agentState.fallback",
        &fallback.presence,
        fallback.routing_status,
    );
}

/// A secondary label must be given; Offline is always off queue; OnQueue never is.
fn target(
    push: &mut impl FnMut(String, String),
    at: &str,
    presence: &PresenceTarget,
    routing: RoutingStatus,
) {
    match presence {
        PresenceTarget::Secondary(label) if label.trim().is_empty() => {
            push(
                format!("{at}.presence.secondary"),
                "must not be empty".to_owned(),
            );
        }
        PresenceTarget::System(SystemPresence::Offline) if routing != RoutingStatus::OffQueue => {
            let message =
                format!("{routing} does not fit presence Offline; an offline agent is OffQueue");
            push(format!("{at}.routingStatus"), message);
        }
        PresenceTarget::System(SystemPresence::OnQueue) if routing == RoutingStatus::OffQueue => {
            let message = "OffQueue does not fit presence OnQueue; use Idle, Interacting, Communicating or NotResponding";
            push(format!("{at}.routingStatus"), message.to_owned());
        }
        _ => {}
    }
}
