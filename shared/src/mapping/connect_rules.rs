//! The rules of the mapping's `connect` section (config sync's concern): every problem on object
//! `mapping`, named by its path (`connect.statusPresence.Lunch`).

use std::collections::HashSet;

use super::document::MAPPING_OBJECT;
use crate::external::connect::{ConnectOptions, ConnectPacing, HierarchyLevel};
use crate::external::{Problem, is_locale, takes_secondary};

/// Every broken rule of `options`.
pub(super) fn check(options: &ConnectOptions) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |field: String, message: String| {
        problems.push(Problem::new(MAPPING_OBJECT, field, message));
    };
    let level = options.division_level.value();
    if HierarchyLevel::new(level).is_none() {
        let deepest = HierarchyLevel::DEEPEST;
        push(
            "connect.divisionLevel".into(),
            format!("{level} is not a hierarchy level from 1 (the top) to {deepest}"),
        );
    }
    let mut seen = HashSet::new();
    for (index, name) in options.language_attributes.iter().enumerate() {
        let field = format!("connect.languageAttributes[{index}]");
        if name.trim().is_empty() {
            push(field, "must not be empty".into());
        } else if !seen.insert(name.as_str()) {
            push(field, format!("`{name}` is listed twice"));
        }
    }
    for (name, presence) in &options.status_presence {
        if !takes_secondary(*presence) {
            push(
                format!("connect.statusPresence.{name}"),
                format!(
                    "{presence} cannot have secondary statuses; use Available, Away, Busy, Break, Meal, Meeting or Training"
                ),
            );
        }
    }
    if !is_locale(&options.status_label_locale) {
        push(
            "connect.statusLabelLocale".into(),
            format!(
                "`{}` is not a locale code such as `en_US` or `de`",
                options.status_label_locale
            ),
        );
    }
    let pacing = &options.pacing;
    let ranges = [
        (
            "requestsPerSecond",
            pacing.requests_per_second,
            ConnectPacing::MAX,
        ),
        ("burst", pacing.burst, ConnectPacing::MAX),
        (
            "maxAttempts",
            pacing.max_attempts,
            ConnectPacing::MAX_ATTEMPTS,
        ),
    ];
    for (name, value, max) in ranges {
        if !(1..=max).contains(&value) {
            push(
                format!("connect.pacing.{name}"),
                format!("{value} is not between 1 and {max}"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::presence::SystemPresence;

    fn fields(options: &ConnectOptions) -> Vec<String> {
        check(options).into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn the_defaults_break_no_rule() {
        assert_eq!(fields(&ConnectOptions::default()), Vec::<String>::new());
    }

    #[test]
    fn every_broken_rule_is_named_by_its_path() {
        let options: ConnectOptions = serde_json::from_value(serde_json::json!({
            "divisionLevel": 6,
            "languageAttributes": ["Language", " ", "Language"],
            "statusPresence": {"Lunch": "Meal", "Gone": "Offline"},
            "statusLabelLocale": "english",
            "pacing": {"requestsPerSecond": 0, "burst": 1001, "maxAttempts": 21}
        }))
        .unwrap();

        assert_eq!(
            fields(&options),
            [
                "connect.divisionLevel",
                "connect.languageAttributes[1]",
                "connect.languageAttributes[2]",
                "connect.statusPresence.Gone",
                "connect.statusLabelLocale",
                "connect.pacing.requestsPerSecond",
                "connect.pacing.burst",
                "connect.pacing.maxAttempts",
            ]
        );
    }

    #[test]
    fn a_status_not_listed_is_busy() {
        let options: ConnectOptions =
            serde_json::from_value(serde_json::json!({"statusPresence": {"Lunch": "Meal"}}))
                .unwrap();

        assert_eq!(options.presence_of("Lunch"), SystemPresence::Meal);
        assert_eq!(options.presence_of("Coaching"), SystemPresence::Busy);
        assert_eq!(options.status_label_locale, "en_US");
        assert_eq!(options.pacing, ConnectPacing::default());
    }
}
