//! The configuration side of an explanation (pure): the object's record in the snapshot, what
//! the mapping makes of it, its last sync, and whether exsync manages it.

use exsync::external::ObjectKind;
use exsync::external::{ConfigSnapshot, HeldWhy, Placement};
use exsync::mapping::MappingDocument;
use exsync::reconcile::{ObjectStatuses, RunReport, SyncState, in_scope};
use exsync::store::IdMap;
use serde_json::Value;

use super::model::{
    ExternalRecord, LastSync, Management, MappingView, Reference, ReportView, StatusView,
};
use super::read::{LATEST_REPORT_KEY, SnapshotInput};

/// The object's record in the snapshot file, as written (an invalid one too, with its problems).
pub fn external_record(
    kind: ObjectKind,
    id: &str,
    snapshot: Option<&SnapshotInput>,
    report: Option<&RunReport>,
) -> ExternalRecord {
    let Some(input) = snapshot else {
        let last = report.map_or_else(String::new, |r| {
            format!("; the last sync read {}", r.trigger)
        });
        return ExternalRecord {
            source: format!("not read: pass --config (the state store keeps no snapshot{last})"),
            record: None,
            held: None,
        };
    };
    let collection = kind;
    let record = input
        .document
        .get(collection.name())
        .and_then(Value::as_array)
        .and_then(|objects| {
            objects
                .iter()
                .find(|o| o.get("id").and_then(Value::as_str) == Some(id))
        })
        .cloned();
    let held = input
        .snapshot
        .as_ref()
        .and_then(|s| s.held.get(collection, id))
        .map(|h| {
            let why = match h.why {
                HeldWhy::Invalid => "invalid",
                HeldWhy::Depends => "depends on a held object",
            };
            format!("{why}: {}", h.reason())
        });
    ExternalRecord {
        source: input.file.clone(),
        record,
        held,
    }
}

/// What the mapping makes of the object: only for an object the snapshot holds as valid.
pub fn mapping_view(
    kind: ObjectKind,
    id: &str,
    snapshot: &ConfigSnapshot,
    mapping: &MappingDocument,
    idmap: &IdMap,
) -> Option<MappingView> {
    let placement = snapshot
        .objects()
        .find(|(c, ext, _)| *c == kind && *ext == id)
        .map(|(_, _, p)| p)?;
    let reference = |role: &str, kind: ObjectKind, ext: &str, note: Option<String>| Reference {
        role: role.to_owned(),
        external_id: Some(ext.to_owned()),
        genesys_id: idmap.get(kind, ext).map(str::to_owned),
        note,
    };
    let prefixed = |name: &str| format!("{}{name}", mapping.name_prefix.as_deref().unwrap_or(""));
    let mut view = MappingView {
        genesys_name: None,
        user_external_id: None,
        division: division_of(kind, placement, mapping, idmap),
        references: Vec::new(),
        system_presence: None,
        in_scope: in_scope(mapping, placement),
    };
    match kind {
        ObjectKind::Users => {
            let user = snapshot.users.iter().find(|u| u.id.as_str() == id)?;
            view.genesys_name = Some(user.name.clone());
            view.user_external_id = Some(format!("{}/{id}", mapping.user_authority));
            if let Some(manager) = &user.manager {
                let r = reference("manager", ObjectKind::Users, manager.as_str(), None);
                view.references.push(r);
            }
            for s in &user.skills {
                let note = Some(format!("proficiency {}", s.proficiency.value()));
                let r = reference("skill", ObjectKind::Skills, s.skill.as_str(), note);
                view.references.push(r);
            }
            for l in &user.languages {
                let note = Some(format!("proficiency {}", l.proficiency.value()));
                let r = reference("language", ObjectKind::Languages, l.language.as_str(), note);
                view.references.push(r);
            }
            for q in &user.queues {
                let r = reference("queue", ObjectKind::Queues, q.as_str(), None);
                view.references.push(r);
            }
        }
        ObjectKind::Queues => {
            let queue = snapshot.queues.iter().find(|q| q.id.as_str() == id)?;
            view.genesys_name = Some(prefixed(&queue.name));
            for w in &queue.wrapup_codes {
                let r = reference("wrapupCode", ObjectKind::WrapupCodes, w.as_str(), None);
                view.references.push(r);
            }
        }
        ObjectKind::SecondaryStatuses => {
            let status = snapshot
                .secondary_statuses
                .iter()
                .find(|s| s.id.as_str() == id)?;
            view.system_presence = serde_json::to_value(status.system_presence)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned));
        }
        ObjectKind::Divisions => {
            view.genesys_name = snapshot
                .divisions
                .iter()
                .find(|d| d.id.as_str() == id)
                .map(|d| prefixed(&d.name));
        }
        ObjectKind::Skills => {
            view.genesys_name = snapshot
                .skills
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| prefixed(&s.name));
        }
        ObjectKind::Languages => {
            view.genesys_name = snapshot
                .languages
                .iter()
                .find(|l| l.id.as_str() == id)
                .map(|l| prefixed(&l.name));
        }
        ObjectKind::WrapupCodes => {
            view.genesys_name = snapshot
                .wrapup_codes
                .iter()
                .find(|w| w.id.as_str() == id)
                .map(|w| prefixed(&w.name));
        }
    }
    Some(view)
}

/// The division an object lands in: its own, the mapping's default, or Genesys's home.
fn division_of(
    kind: ObjectKind,
    placement: Placement<'_>,
    mapping: &MappingDocument,
    idmap: &IdMap,
) -> Option<Reference> {
    let (external, note) = match placement {
        Placement::Unplaced => return None,
        Placement::In(_) if kind == ObjectKind::Divisions => return None,
        Placement::In(d) => (Some(d.as_str()), None),
        Placement::Default => match &mapping.default_division {
            Some(d) => (Some(d.as_str()), Some("the mapping's defaultDivision")),
            None => (None, Some("Genesys's home division (no defaultDivision)")),
        },
    };
    Some(Reference {
        role: "division".into(),
        external_id: external.map(str::to_owned),
        genesys_id: external
            .and_then(|d| idmap.get(ObjectKind::Divisions, d))
            .map(str::to_owned),
        note: note.map(str::to_owned),
    })
}

/// The object's status and its changes in the last run report; `None` when neither has it.
pub fn last_sync(
    kind: ObjectKind,
    id: &str,
    statuses: Option<&ObjectStatuses>,
    report: Option<&RunReport>,
) -> Option<LastSync> {
    let status = statuses.and_then(|s| {
        s.get(kind, id).map(|status| StatusView {
            updated_at: s.updated_at.clone(),
            status: status.clone(),
        })
    });
    let report = report.and_then(|r| {
        let changes: Vec<_> = r
            .apply
            .items
            .iter()
            .filter(|i| i.kind == Some(kind) && i.external_id.as_deref() == Some(id))
            .cloned()
            .collect();
        let skipped: Vec<_> = r
            .skipped
            .iter()
            .filter(|s| s.kind == kind && s.external_id.as_deref() == Some(id))
            .cloned()
            .collect();
        (!changes.is_empty() || !skipped.is_empty()).then(|| ReportView {
            key: LATEST_REPORT_KEY.into(),
            started_at: r.started_at.clone(),
            trigger: r.trigger.clone(),
            mode: r.mode.to_string(),
            changes,
            skipped,
        })
    });
    (status.is_some() || report.is_some()).then_some(LastSync { status, report })
}

/// Whether exsync manages the object: it is in the id map (created or adopted) and inside the
/// mapping's scope; each fact that decides it is a reason.
pub fn management(
    kind: ObjectKind,
    id: &str,
    idmap: Option<&IdMap>,
    status: Option<&StatusView>,
    view: Option<&MappingView>,
    mapping: Option<&MappingDocument>,
    held: Option<&str>,
) -> Management {
    let mut reasons = Vec::new();
    let mapped = idmap.and_then(|m| m.get(kind, id));
    match (idmap, mapped) {
        (None, _) => {
            reasons.push("no id map in the state store: config sync has not applied yet".to_owned())
        }
        (Some(_), Some(g)) => reasons.push(format!(
            "in the id map as {g}: created or adopted by exsync"
        )),
        (Some(_), None) => {
            reasons.push("not in the id map: exsync has not created or adopted it".to_owned())
        }
    }
    if kind == ObjectKind::Users
        && let Some(m) = mapping
    {
        reasons.push(format!(
            "a managed user carries the external id {}/{id} (userAuthority)",
            m.user_authority
        ));
    }
    let mut outside = status.is_some_and(|s| s.status.state == SyncState::NotManaged);
    match view.map(|v| v.in_scope) {
        Some(true) => reasons.push("inside the mapping's scope".to_owned()),
        Some(false) => outside = true,
        None => {}
    }
    if outside {
        reasons.push("outside the mapping's scope.divisions: exsync leaves it alone".to_owned());
    }
    if let Some(why) = held {
        reasons.push(format!(
            "held back by the snapshot, left as Genesys has it ({why})"
        ));
    }
    Management {
        managed: mapped.is_some() && !outside,
        reasons,
    }
}
