//! Checks that need both the mapping document and a configuration snapshot: the secondary statuses
//! the status table names by label (agent state's concern), the default division (config sync's),
//! and the scope's divisions (a warning only).

use std::collections::HashSet;

use super::concern::Concern;
use super::document::{MAPPING_OBJECT, MappingDocument};
use super::targets::PresenceTarget;
use crate::external::{ConfigSnapshot, InputError, ObjectKind, Problem};

/// What the mapping names that the snapshot lacks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrossCheck {
    /// problems, with the concern each affects
    pub problems: Vec<(Concern, Problem)>,
    /// findings that stop nothing: a scope division the snapshot lacks only narrows the scope
    pub warnings: Vec<Problem>,
}

impl CrossCheck {
    /// The problems of one concern.
    ///
    /// # Errors
    /// An [`InputError`] when `concern` has any.
    pub fn check(&self, concern: Concern) -> Result<(), InputError> {
        InputError::check(
            self.problems
                .iter()
                .filter(|(c, _)| *c == concern)
                .map(|(_, p)| p.clone())
                .collect(),
        )
    }
}

/// Checks that every snapshot object the mapping names exists, exactly once: the status table's
/// secondary labels (agent state), the default division (config sync), the scope's divisions
/// (a warning: the scope then manages nothing there).
pub fn cross_check(mapping: &MappingDocument, snapshot: &ConfigSnapshot) -> CrossCheck {
    let mut found = CrossCheck::default();
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
        let message = match holders.as_slice() {
            [] => format!("no secondary status of the snapshot has the label `{label}`"),
            [_] => continue,
            several => format!("label `{label}` is ambiguous: {}", several.join(", ")),
        };
        found.problems.push((
            Concern::AgentState,
            Problem::new(MAPPING_OBJECT, field, message),
        ));
    }
    let divisions: HashSet<&str> = snapshot.divisions.iter().map(|d| d.id.as_str()).collect();
    let held = |id: &str| snapshot.held.contains(ObjectKind::Divisions, id);
    for (i, id) in mapping.scope.divisions.iter().flatten().enumerate() {
        if !divisions.contains(id.as_str()) && !held(id.as_str()) {
            let message = format!("unknown division `{id}`: the scope manages nothing there");
            found.warnings.push(Problem::new(
                MAPPING_OBJECT,
                format!("scope.divisions[{i}]"),
                message,
            ));
        }
    }
    if let Some(id) = &mapping.default_division
        && !divisions.contains(id.as_str())
        && !held(id.as_str())
    {
        let message = format!("unknown division `{id}`");
        found.problems.push((
            Concern::ConfigSync,
            Problem::new(MAPPING_OBJECT, "defaultDivision", message),
        ));
    }
    found
}

/// Every problem of [`cross_check`], whatever its concern (warnings excluded).
///
/// # Errors
///
/// An [`InputError`] with a problem per secondary label that no status (or more than one) has, and
/// for a default division the snapshot lacks.
pub fn check_mapping_against_snapshot(
    mapping: &MappingDocument,
    snapshot: &ConfigSnapshot,
) -> Result<(), InputError> {
    InputError::check(
        cross_check(mapping, snapshot)
            .problems
            .into_iter()
            .map(|(_, p)| p)
            .collect(),
    )
}
