//! `exsync status --objects <state>`: the objects the last config sync left in one state
//! (failed, skipped, synced, not managed), from the per-object status config sync keeps in the
//! state store (`status/objects.json`), without reading any report.

use exsync::reconcile::{ObjectStatuses, SyncState};
use exsync::store::{StateStore, StoreError, keys};
use serde::Serialize;

use crate::render::Table;
use crate::render::plan::kind_label;

/// The states `--objects` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StateArg {
    /// a change failed
    Failed,
    /// left as Genesys has it (invalid, depending on an invalid object, or the deadline)
    Skipped,
    /// in step with the snapshot
    Synced,
    /// outside the mapping's scope
    NotManaged,
}

impl From<StateArg> for SyncState {
    fn from(arg: StateArg) -> Self {
        match arg {
            StateArg::Failed => Self::Failed,
            StateArg::Skipped => Self::Skipped,
            StateArg::Synced => Self::Synced,
            StateArg::NotManaged => Self::NotManaged,
        }
    }
}

/// One listed object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectLine {
    /// object type (`users`, ...)
    pub kind: exsync::external::ObjectKind,
    /// external id
    pub external_id: String,
    /// Genesys id, when known
    pub genesys_id: Option<String>,
    /// when it was last synced
    pub last_success: Option<String>,
    /// why it is in this state
    pub detail: Option<String>,
}

/// The objects in `state` after the last sync, and when that sync ran (`None`: no status yet).
///
/// # Errors
/// Store failures, or a status document that does not parse.
pub async fn objects_in(
    store: &StateStore,
    state: SyncState,
) -> Result<Option<(String, Vec<ObjectLine>)>, StoreError> {
    let Some((statuses, _)) = store
        .get_json::<ObjectStatuses>(keys::OBJECT_STATUS)
        .await?
    else {
        return Ok(None);
    };
    let lines = statuses
        .in_state(state)
        .map(|(kind, ext, s)| ObjectLine {
            kind,
            external_id: ext.to_owned(),
            genesys_id: s.genesys_id.clone(),
            last_success: s.last_success.clone(),
            detail: s.detail.clone(),
        })
        .collect();
    Ok(Some((statuses.updated_at, lines)))
}

/// The objects as a table under a line naming the state and the run; pure.
pub fn render(state: SyncState, updated_at: &str, lines: &[ObjectLine]) -> String {
    let mut out = format!(
        "{} objects {} after the config sync of {updated_at}\n",
        lines.len(),
        state.as_str()
    );
    if lines.is_empty() {
        return out;
    }
    let mut table = Table::new(&[
        "TYPE",
        "EXTERNAL ID",
        "GENESYS ID",
        "LAST SUCCESS",
        "DETAIL",
    ])
    .limit(4, 90)
    .indent(2);
    for line in lines {
        table.row([
            kind_label(Some(line.kind)).to_owned(),
            line.external_id.clone(),
            line.genesys_id.clone().unwrap_or_else(|| "-".into()),
            line.last_success.clone().unwrap_or_else(|| "never".into()),
            line.detail.clone().unwrap_or_default(),
        ]);
    }
    out.push_str(&table.render());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_object_is_a_row_with_its_last_success_and_error() {
        let text = render(
            SyncState::Failed,
            "2026-12-01T06:15:00Z",
            &[ObjectLine {
                kind: exsync::external::ObjectKind::Users,
                external_id: "agent-7".into(),
                genesys_id: Some("g-7".into()),
                last_success: None,
                detail: Some("createUser: 409 email in use".into()),
            }],
        );
        assert!(
            text.starts_with("1 objects failed after the config sync of 2026-12-01T06:15:00Z"),
            "{text}"
        );
        assert!(
            text.contains("agent-7") && text.contains("never") && text.contains("409"),
            "{text}"
        );
    }
}
