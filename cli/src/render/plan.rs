//! A [`Plan`] as text: the full table (phase, type, external id, action, what changes, reason)
//! and a summary (changes per type and action).

use std::collections::{BTreeMap, HashMap};

use exsync::external::ObjectKind;
use exsync::reconcile::{Action, Change, FieldChange, Level, Phase, Plan, Ref, action_name};
use exsync::store::IdMap;

use super::table::{GLUE, Table};

/// How many ids a member or code list shows before `… +N more`.
const LISTED: usize = 6;

/// Turns Genesys ids back into external ids where the id map knows them.
#[derive(Debug, Default)]
pub struct Names {
    external: HashMap<String, String>,
}

impl Names {
    /// Reverse lookups over every table of `idmap`.
    pub fn from_idmap(idmap: &IdMap) -> Self {
        let kinds = [
            ObjectKind::Users,
            ObjectKind::Divisions,
            ObjectKind::Skills,
            ObjectKind::Languages,
            ObjectKind::WrapupCodes,
            ObjectKind::SecondaryStatuses,
            ObjectKind::Queues,
        ];
        let external = kinds
            .into_iter()
            .flat_map(|kind| idmap.table(kind).iter())
            .map(|(ext, genesys)| (genesys.to_string(), ext.to_string()))
            .collect();
        Self { external }
    }

    /// The external id for `genesys_id`, or the id itself when the map does not know it.
    pub fn name(&self, genesys_id: &str) -> String {
        self.external
            .get(genesys_id)
            .cloned()
            .unwrap_or_else(|| genesys_id.to_owned())
    }
}

/// The singular, human name of an object type.
pub fn kind_label(kind: Option<ObjectKind>) -> &'static str {
    match kind {
        None => "presence",
        Some(ObjectKind::Users) => "user",
        Some(ObjectKind::Divisions) => "division",
        Some(ObjectKind::Skills) => "skill",
        Some(ObjectKind::Languages) => "language",
        Some(ObjectKind::WrapupCodes) => "wrap-up code",
        Some(ObjectKind::SecondaryStatuses) => "secondary status",
        Some(ObjectKind::Queues) => "queue",
    }
}

fn phase_label(phase: Phase) -> String {
    serde_json::to_value(phase)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{phase:?}"))
}

/// The full plan as a table.
pub fn plan_table(plan: &Plan, names: &Names) -> String {
    let mut table = Table::new(&[
        "PHASE",
        "TYPE",
        "EXTERNAL ID",
        "ACTION",
        "CHANGES",
        "REASON",
    ])
    .limit(4, 44)
    .limit(5, 30)
    .indent(2);
    for change in &plan.changes {
        table.row([
            phase_label(change.phase),
            kind_label(change.kind).to_owned(),
            change
                .external_id
                .as_ref()
                .map_or_else(|| "-".into(), ToString::to_string),
            action_name(&change.action),
            details(change, names).join("\n"),
            change.reason.clone(),
        ]);
    }
    table.render()
}

/// Changes per type and action, in apply order of first appearance.
pub fn summary_table(plan: &Plan) -> String {
    let mut counts: BTreeMap<(Phase, &'static str, String), usize> = BTreeMap::new();
    for change in &plan.changes {
        let key = (
            change.phase,
            kind_label(change.kind),
            action_name(&change.action),
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    let mut table = Table::new(&["TYPE", "ACTION", "COUNT"]).indent(2);
    for ((_, kind, action), count) in counts {
        table.row([kind.to_owned(), action, count.to_string()]);
    }
    table.render()
}

/// The guard's refusals and the planner's warnings, one line each (empty when none).
pub fn notes(plan: &Plan) -> String {
    let mut out = String::new();
    for v in &plan.blocked {
        out.push_str(&format!(
            "  BLOCKED  {}: the plan removes {} of {} managed, the limit is {}% (massChangeGuard)\n",
            kind_label(Some(v.kind)),
            v.removing,
            v.managed,
            v.max_percent
        ));
    }
    for w in &plan.warnings {
        out.push_str(&format!("  warning  {w}\n"));
    }
    out
}

/// What a change does, one line per item.
pub fn details(change: &Change, names: &Names) -> Vec<String> {
    let opt = |label: &str, value: &Option<String>| value.as_ref().map(|v| format!("{label}: {v}"));
    // the home division has no external id and is not shown
    let division_line = |d: &Ref| d.external.as_ref().map(|e| format!("division: {e}"));
    match &change.action {
        Action::CreatePresenceSource { name }
        | Action::CreateLanguage { name }
        | Action::CreateDivision { name, .. } => vec![format!("name: {name}")],
        Action::CreateSkill { name, division }
        | Action::CreateWrapupCode { name, division }
        | Action::CreateQueue { name, division, .. } => std::iter::once(format!("name: {name}"))
            .chain(division_line(division))
            .collect(),
        Action::CreateSecondaryStatus {
            labels,
            system_presence,
        } => {
            let shown: Vec<String> = labels.iter().map(|(l, t)| format!("{l} {t}")).collect();
            vec![
                format!("labels: {}", shown.join(", ")),
                format!("rolls up to: {system_presence}"),
            ]
        }
        Action::CreateUser {
            name,
            email,
            division,
            title,
            department,
            active,
            ..
        } => [
            Some(format!("name: {name}")),
            Some(format!("email: {email}")),
            division_line(division),
            opt("title", title),
            opt("department", department),
            (!active).then(|| "created inactive".to_owned()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        Action::Update { fields, .. } => fields.iter().map(field_line).collect(),
        Action::SetSkillDivision { division } => vec![format!("division → {}", division.label())],
        Action::SetUserSkills { skills } => vec![format!("skills: {}", levels(skills))],
        Action::SetUserLanguages { set, remove } => {
            let mut lines = vec![format!("languages: {}", levels(set))];
            lines.extend(listed("remove", remove, names));
            lines
        }
        Action::SetQueueWrapupCodes { add, remove } | Action::SetQueueMembers { add, remove } => {
            let added: Vec<String> = add.iter().map(|r| r.label().to_owned()).collect();
            listed("add", &added, names)
                .into_iter()
                .chain(listed("remove", remove, names))
                .collect()
        }
        Action::SetDefaultPrimarySource
        | Action::Adopt
        | Action::AdoptUserByEmail { .. }
        | Action::RestoreUser
        | Action::DeactivateUser
        | Action::Delete => Vec::new(),
    }
}

fn field_line(f: &FieldChange) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    format!("{}: {} → {}", f.field, show(&f.old), show(&f.new))
}

fn levels(levels: &[Level]) -> String {
    if levels.is_empty() {
        return "(none)".into();
    }
    levels
        .iter()
        .map(|l| format!("{}{GLUE}{}", l.item.label(), l.proficiency))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `label: a, b, c … +N more`, or nothing for an empty list.
fn listed<T: AsRef<str>>(label: &str, ids: &[T], names: &Names) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let shown: Vec<String> = ids
        .iter()
        .take(LISTED)
        .map(|id| names.name(id.as_ref()))
        .collect();
    let more = ids.len().saturating_sub(LISTED);
    let tail = if more > 0 {
        format!(" … +{more} more")
    } else {
        String::new()
    };
    Some(format!("{label} {}: {}{tail}", ids.len(), shown.join(", ")))
}

#[cfg(test)]
mod tests;
