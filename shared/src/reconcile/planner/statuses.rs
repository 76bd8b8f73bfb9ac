//! Secondary statuses: presence definitions matched through the id map, then by their label in
//! the key locale (`en_US`, else the first), created when neither finds them.

use std::collections::HashMap;

use super::super::plan::{Action, FieldChange, Phase, UpdateBody};
use super::catalog::{Found, settle};
use super::context::{Context, change};
use crate::external::ObjectKind;

pub(super) fn secondary_statuses(cx: &mut Context<'_>) {
    let kind = ObjectKind::SecondaryStatuses;
    let actual = cx.actual;
    let secondary: HashMap<&str, _> = actual
        .presence_definitions
        .iter()
        .filter(|d| !d.system)
        .map(|d| (d.id.as_str(), d))
        .collect();
    // (locale, label) → secondary definitions carrying it
    let mut by_label: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for d in secondary.values() {
        for (locale, label) in &d.labels {
            by_label
                .entry((locale.as_str(), label.as_str()))
                .or_default()
                .push(d.id.as_str());
        }
    }
    for s in &cx.snapshot.secondary_statuses {
        let presence = s.system_presence.as_str().to_owned();
        let key_locale = if s.labels.contains_key("en_US") {
            "en_US".to_owned()
        } else {
            s.labels.keys().next().cloned().unwrap_or_default()
        };
        let key_label = s.labels.get(&key_locale).cloned().unwrap_or_default();
        let mapped = cx.mapped(kind, s.id.as_str(), |g| secondary.contains_key(g));
        let found = mapped.map(Found::Mapped).or_else(|| {
            let mut candidates: Vec<&str> = by_label
                .get(&(key_locale.as_str(), key_label.as_str()))
                .cloned()
                .unwrap_or_default();
            // the org's listing order decides between equal labels, as a scan of it would
            candidates
                .sort_by_key(|id| actual.presence_definitions.iter().position(|d| d.id == *id));
            candidates
                .into_iter()
                .find(|id| {
                    !cx.is_claimed(kind, id)
                        && cx.managed_as(kind, id).is_none_or(|e| e == s.id.as_str())
                })
                .map(|id| Found::ByName(id.to_owned()))
        });
        let Some(found) = found else {
            let action = Action::CreateSecondaryStatus {
                labels: s.labels.clone(),
                system_presence: presence,
            };
            cx.push(change(
                Phase::Catalog,
                kind,
                s.id.as_str(),
                None,
                action,
                "new in the snapshot".into(),
            ));
            continue;
        };
        let id = settle(cx, Phase::Catalog, kind, s.id.as_str(), found);
        let Some(a) = secondary.get(id.as_str()) else {
            continue;
        };
        let mut fields = Vec::new();
        if a.labels != s.labels {
            let show = |m: &std::collections::BTreeMap<String, String>| {
                serde_json::to_string(m).unwrap_or_default()
            };
            fields.push(FieldChange::new(
                "languageLabels",
                Some(&show(&a.labels)),
                Some(&show(&s.labels)),
            ));
        }
        if a.system_presence.as_deref() != Some(presence.as_str()) {
            fields.push(FieldChange::new(
                "systemPresence",
                a.system_presence.as_deref(),
                Some(&presence),
            ));
        }
        if a.deactivated {
            fields.push(FieldChange::new("deactivated", Some("true"), Some("false")));
        }
        if !fields.is_empty() {
            cx.push(change(
                Phase::Catalog,
                kind,
                s.id.as_str(),
                Some(&id),
                Action::Update {
                    fields,
                    body: UpdateBody::SecondaryStatus {
                        labels: s.labels.clone(),
                        system_presence: presence,
                    },
                },
                "changed in the snapshot".into(),
            ));
        }
    }
}
