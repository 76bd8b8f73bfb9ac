//! The rules a mapping document must follow, checked all at once.
//!
//! Every problem is on object `mapping` and names the field by its path
//! (`massChangeGuard.maxPercent.users`). The status table's own rules are in
//! [`super::status_rules`]; the checks that need the snapshot are in [`super::cross`].

use std::collections::HashSet;

use super::concern::Concern;
use super::document::{
    BatchSize, DeletionPolicy, MAPPING_OBJECT, MappingDocument, MaxPercent, Percent, Removal,
};
use super::quality::QualityProfile;
use super::recordings::RecordingRules;
use super::status_rules;
use crate::external::ObjectKind;
use crate::external::{InputError, Problem};

/// Checks every rule of a mapping document.
///
/// # Errors
///
/// An [`InputError`] listing every broken rule.
pub fn validate_mapping(mapping: &MappingDocument) -> Result<(), InputError> {
    InputError::check(
        mapping_problems(mapping)
            .into_iter()
            .map(|(_, p)| p)
            .collect(),
    )
}

/// Checks the rules of a mapping document that `concern` uses.
///
/// # Errors
///
/// An [`InputError`] listing every broken rule of that concern.
pub fn validate_mapping_for(mapping: &MappingDocument, concern: Concern) -> Result<(), InputError> {
    InputError::check(
        mapping_problems(mapping)
            .into_iter()
            .filter(|(c, _)| *c == concern)
            .map(|(_, p)| p)
            .collect(),
    )
}

/// Every broken rule of a mapping document, with the concern it affects.
pub fn mapping_problems(mapping: &MappingDocument) -> Vec<(Concern, Problem)> {
    let mut config = Problems(Vec::new());
    authority(&mut config, &mapping.user_authority);
    config.not_blank("presenceSourceName", &mapping.presence_source_name);
    percents(&mut config, &mapping.mass_change_guard.max_percent);
    deletion(&mut config, &mapping.deletion);
    scope(&mut config, mapping);
    config
        .0
        .extend(super::connect_rules::check(&mapping.connect));
    let mut agent_state = Problems(Vec::new());
    status_rules::check(&mut agent_state.0, &mapping.agent_state);
    batch(
        &mut agent_state,
        "events.batchLimit",
        mapping.events.batch_limit,
    );
    let mut interactions = Problems(Vec::new());
    batch(
        &mut interactions,
        "interactions.eventBatchSize",
        mapping.interactions.event_batch_size,
    );
    let mut recording = Problems(Vec::new());
    recordings(&mut recording, &mapping.recordings);
    [
        (Concern::ConfigSync, config),
        (Concern::AgentState, agent_state),
        (Concern::Interactions, interactions),
        (Concern::Recordings, recording),
    ]
    .into_iter()
    .flat_map(|(concern, problems)| problems.0.into_iter().map(move |p| (concern, p)))
    .collect()
}

/// Problems on the mapping document.
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(MAPPING_OBJECT, field, message));
    }

    fn not_blank(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, "must not be empty");
        }
    }
}

fn authority(problems: &mut Problems, authority: &str) {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._-".contains(c);
    if authority.is_empty() {
        problems.push("userAuthority", "must not be empty");
    } else if !authority.chars().all(allowed) {
        let message = format!("`{authority}` may hold only letters, digits, `.`, `_` and `-`");
        problems.push("userAuthority", message);
    }
}

fn percents(problems: &mut Problems, max: &MaxPercent) {
    for (kind, percent) in max.iter() {
        if Percent::new(percent.value()).is_none() {
            let field = format!("massChangeGuard.maxPercent.{kind}");
            problems.push(field, format!("{} is above 100", percent.value()));
        }
    }
}

fn deletion(problems: &mut Problems, policy: &DeletionPolicy) {
    for (kind, removal) in policy.iter() {
        let message = match removal {
            _ if kind == ObjectKind::Users => continue,
            Removal::Deactivate => "only users can be deactivated: use `keep` or `delete`",
            Removal::Ignore => "`ignore` is for users: use `keep` or `delete`",
            Removal::Unset | Removal::Keep | Removal::Delete => continue,
        };
        problems.push(format!("deletion.{kind}"), message);
    }
}

fn scope(problems: &mut Problems, mapping: &MappingDocument) {
    if let Some(divisions) = &mapping.scope.divisions {
        if divisions.is_empty() {
            let message = "an empty list manages nothing; leave it out to manage every division";
            problems.push("scope.divisions", message);
        }
        let mut seen = HashSet::new();
        for (index, division) in divisions.iter().enumerate() {
            if !seen.insert(division) {
                problems.push(
                    format!("scope.divisions[{index}]"),
                    format!("`{division}` is listed twice"),
                );
            }
        }
    }
    if let Some(prefix) = &mapping.scope.name_prefix {
        problems.not_blank("scope.namePrefix", prefix);
    }
    if let Some(prefix) = &mapping.name_prefix {
        problems.not_blank("namePrefix", prefix);
        if let Some(scoped) = &mapping.scope.name_prefix
            && !prefix.starts_with(scoped.as_str())
        {
            let message = format!(
                "must start with scope.namePrefix `{scoped}`, or the objects exsync creates fall outside its scope"
            );
            problems.push("namePrefix", message);
        }
    }
    if let Some(division) = &mapping.default_division {
        problems.not_blank("defaultDivision", division.as_str());
    }
}

fn batch(problems: &mut Problems, field: &str, size: BatchSize) {
    if BatchSize::new(size.value()).is_none() {
        let message = format!("{} is not between 1 and {}", size.value(), BatchSize::MAX);
        problems.push(field, message);
    }
}

fn recordings(problems: &mut Problems, rules: &RecordingRules) {
    if rules.key_patterns.is_empty() {
        problems.push(
            "recordings.keyPatterns",
            "at least one key pattern is required",
        );
    }
    let mut seen = HashSet::new();
    for (index, pattern) in rules.key_patterns.iter().enumerate() {
        let field = format!("recordings.keyPatterns[{index}]");
        if let Err(message) = pattern.parts() {
            problems.push(field, message);
        } else if !seen.insert(pattern.as_str()) {
            problems.push(field, "duplicate pattern");
        }
    }
    if let Err(message) = rules.file_name_template.parts() {
        problems.push("recordings.fileNameTemplate", message);
    }
    quality(problems, &rules.quality_profile);
}

fn quality(problems: &mut Problems, profile: &QualityProfile) {
    let field = |name: &str| format!("recordings.qualityProfile.{name}");
    if !(1..=384_000).contains(&profile.min_sample_rate_hz) {
        problems.push(field("minSampleRateHz"), "must be between 1 and 384000");
    }
    if !(1..=8).contains(&profile.channels) {
        problems.push(field("channels"), "must be between 1 and 8");
    }
    if !(1..=32).contains(&profile.min_bits_per_sample) {
        problems.push(field("minBitsPerSample"), "must be between 1 and 32");
    }
    if profile.encodings.is_empty() {
        problems.push(field("encodings"), "at least one encoding is required");
    }
    let mut seen = HashSet::new();
    for (index, encoding) in profile.encodings.iter().enumerate() {
        if !seen.insert(encoding) {
            problems.push(
                field(&format!("encodings[{index}]")),
                format!("{encoding} is listed twice"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
