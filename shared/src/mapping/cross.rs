//! Checks that need both the mapping document and a configuration snapshot: the secondary statuses
//! the status table names by label, and the divisions the scope and defaults name by id.

use std::collections::HashSet;

use super::document::{MAPPING_OBJECT, MappingDocument};
use super::targets::PresenceTarget;
use crate::external::{ConfigSnapshot, InputError, Problem};

/// Checks that every snapshot object the mapping names exists, exactly once.
///
/// # Errors
///
/// An [`InputError`] with a problem per secondary label that no status (or more than one) has, and
/// per division id the snapshot lacks.
pub fn check_mapping_against_snapshot(
    mapping: &MappingDocument,
    snapshot: &ConfigSnapshot,
) -> Result<(), InputError> {
    let mut problems = Vec::new();
    let table = &mapping.agent_state;
    let targets = table
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            (
                format!("agentState.rules[{i}].presence.secondary"),
                &rule.presence,
            )
        })
        .chain([(
            "agentState.fallback.presence.secondary".to_owned(),
            &table.fallback.presence,
        )]);
    for (field, presence) in targets {
        let PresenceTarget::Secondary(label) = presence else {
            continue;
        };
        let holders: Vec<String> = snapshot
            .secondary_statuses
            .iter()
            .filter(|status| status.labels.values().any(|l| l == label))
            .map(|status| format!("secondaryStatuses[{}]", status.id))
            .collect();
        match holders.as_slice() {
            [] => problems.push(Problem::new(
                MAPPING_OBJECT,
                field,
                format!("no secondary status of the snapshot has the label `{label}`"),
            )),
            [_] => {}
            several => problems.push(Problem::new(
                MAPPING_OBJECT,
                field,
                format!("label `{label}` is ambiguous: {}", several.join(", ")),
            )),
        }
    }
    let divisions: HashSet<&str> = snapshot.divisions.iter().map(|d| d.id.as_str()).collect();
    let scoped = mapping.scope.divisions.iter().flatten().enumerate();
    let named = scoped
        .map(|(i, id)| (format!("scope.divisions[{i}]"), id))
        .chain(
            mapping
                .default_division
                .iter()
                .map(|id| ("defaultDivision".to_owned(), id)),
        );
    for (field, id) in named {
        if !divisions.contains(id.as_str()) {
            let message = format!("unknown division `{id}`");
            problems.push(Problem::new(MAPPING_OBJECT, field, message));
        }
    }
    InputError::check(problems)
}
