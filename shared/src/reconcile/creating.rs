//! The journal of user creates ([`IdMap::creating`]): which users a run began to create and did
//! not map. Pure; the config-sync use case saves the map after [`journal_creates`] and before the
//! creates start, so a run that dies mid-apply leaves behind exactly the users worth a lookup.

use std::collections::BTreeSet;

use super::plan::{Action, Plan};
use super::report::{ApplyReport, Outcome};
use crate::external::ObjectKind;
use crate::ids::ExternalId;
use crate::store::IdMap;

/// Adds every user the plan creates to the journal. True when the journal grew, i.e. the map must
/// be saved before applying.
pub fn journal_creates(idmap: &mut IdMap, plan: &Plan) -> bool {
    let before = idmap.creating.len();
    let creates = plan
        .changes
        .iter()
        .filter(|c| matches!(c.action, Action::CreateUser { .. }))
        .filter_map(|c| c.external_id.clone());
    idmap.creating.extend(creates);
    idmap.creating.len() > before
}

/// After applying: keeps in the journal only the users whose create may have reached Genesys
/// without being mapped, and who are still wanted (`wanted`: in the snapshot). A user leaves it
/// once mapped, when its create was not attempted (the deadline), or when Genesys answered it
/// with a 4xx (refused, so nothing was created). A create that failed without an answer or with a
/// 5xx stays: the next run looks it up.
///
/// Only the entries in `ours` (the journal as this run wrote it) are settled: an entry a
/// concurrent writer added, merged in when this run lost the race for the map, is that writer's
/// to settle, and leaves only once mapped.
pub fn settle_creates(
    idmap: &mut IdMap,
    ours: &BTreeSet<ExternalId>,
    report: &ApplyReport,
    wanted: impl Fn(&str) -> bool,
) {
    let not_created: Vec<&str> = report
        .items
        .iter()
        .filter(|i| i.kind == Some(ObjectKind::Users) && i.action == "createUser")
        .filter(|i| match &i.outcome {
            Outcome::Skipped { .. } => true,
            Outcome::Failed {
                status: Some(status),
                ..
            } => (400..500).contains(status),
            Outcome::Failed { status: None, .. } | Outcome::Applied => false,
        })
        .filter_map(|i| i.external_id.as_deref())
        .collect();
    let mapped = |e: &ExternalId| idmap.get(ObjectKind::Users, e.as_str()).is_some();
    let keep: BTreeSet<ExternalId> = idmap
        .creating
        .iter()
        .filter(|e| !mapped(e))
        .filter(|e| {
            !ours.contains(*e) || (wanted(e.as_str()) && !not_created.contains(&e.as_str()))
        })
        .cloned()
        .collect();
    idmap.creating = keep;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::{Change, Phase, Ref};
    use crate::reconcile::report::{ItemReport, SkipCause};

    fn create(ext: &str) -> Change {
        Change {
            phase: Phase::Users,
            kind: Some(ObjectKind::Users),
            external_id: Some(ext.into()),
            genesys_id: None,
            version: None,
            action: Action::CreateUser {
                name: ext.into(),
                email: format!("{ext}@example.com"),
                division: Ref::known("home", None),
                title: None,
                department: None,
                active: true,
                authority: "exsync".into(),
            },
            reason: "new".into(),
        }
    }

    fn item(ext: &str, outcome: Outcome) -> ItemReport {
        ItemReport {
            phase: Phase::Users,
            kind: Some(ObjectKind::Users),
            external_id: Some(ext.into()),
            genesys_id: None,
            action: "createUser".into(),
            outcome,
        }
    }

    fn failed(status: Option<u16>) -> Outcome {
        Outcome::Failed {
            error: "refused".into(),
            retryable: status.is_none(),
            status,
            code: None,
            correlation_id: None,
        }
    }

    #[test]
    fn the_journal_grows_by_the_planned_creates_only_when_there_are_new_ones() {
        let mut map = IdMap::new();
        let plan = Plan {
            changes: vec![create("u1"), create("u2")],
            ..Plan::default()
        };
        assert!(journal_creates(&mut map, &plan));
        assert!(
            !journal_creates(&mut map, &plan),
            "nothing new the second time"
        );
        assert!(!journal_creates(&mut map, &Plan::default()));
        let journaled: Vec<&str> = map.creating.iter().map(ExternalId::as_str).collect();
        assert_eq!(journaled, ["u1", "u2"]);
    }

    #[test]
    fn settling_keeps_only_creates_that_may_have_happened_unmapped() {
        let mut map = IdMap::new();
        for ext in [
            "mapped",
            "skipped",
            "refused",
            "no-answer",
            "server-error",
            "gone",
        ] {
            map.creating.insert(ext.into());
        }
        map.set(ObjectKind::Users, "mapped", "g-1");
        let report = ApplyReport {
            items: vec![
                item("mapped", Outcome::Applied),
                item(
                    "skipped",
                    Outcome::Skipped {
                        reason: "deadline".into(),
                        cause: Some(SkipCause::Deadline),
                    },
                ),
                item("refused", failed(Some(400))),
                item("no-answer", failed(None)),
                item("server-error", failed(Some(503))),
            ],
            ..ApplyReport::default()
        };

        let ours = map.creating.clone();
        settle_creates(&mut map, &ours, &report, |e| e != "gone");

        let kept: Vec<&str> = map.creating.iter().map(ExternalId::as_str).collect();
        assert_eq!(kept, ["no-answer", "server-error"]);
    }

    #[test]
    fn a_journaled_user_from_an_earlier_run_stays_until_it_is_mapped() {
        let mut map = IdMap::new();
        map.creating.insert("crashed".into());
        let ours = map.creating.clone();
        settle_creates(&mut map, &ours, &ApplyReport::default(), |_| true);
        assert_eq!(map.creating.len(), 1);
        map.set(ObjectKind::Users, "crashed", "g-9");
        settle_creates(&mut map, &ours, &ApplyReport::default(), |_| true);
        assert!(map.creating.is_empty());
    }

    #[test]
    fn another_writers_entry_is_left_to_it_until_it_is_mapped() {
        let mut map = IdMap::new();
        map.creating.insert("theirs".into());
        settle_creates(&mut map, &BTreeSet::new(), &ApplyReport::default(), |_| {
            false
        });
        assert_eq!(
            map.creating.len(),
            1,
            "not in this run's snapshot, still theirs"
        );
        map.set(ObjectKind::Users, "theirs", "g-7");
        settle_creates(&mut map, &BTreeSet::new(), &ApplyReport::default(), |_| {
            false
        });
        assert!(map.creating.is_empty());
    }
}
