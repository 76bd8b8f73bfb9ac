//! What `exsync explain` reads before it explains: the state store's documents about the object
//! (id map, object status, last run report, agent record, interaction state, recording records,
//! dead letters) and, when given, the snapshot and mapping files. Only reads; nothing is written.
//!
//! Dead letters are keyed by message, not by object, so every letter of the functions that may
//! hold the object is read and [`super::assemble`] picks the ones about it.

use std::path::Path;

use anyhow::Context as _;
use exsync::external::{ConfigSnapshot, read_snapshot};
use exsync::mapping::{Concern, MappingDocument, parse_mapping_for};
use exsync::reconcile::{ObjectStatuses, RunReport};
use exsync::store::IdMap;
use exsync::store::StateStore;
use exsync::store::keys;
use exsync::sync::agent_state::AgentRecord;
use exsync::sync::interactions::{InteractionState, conversation_id, load_state};
use exsync::sync::recordings::RecordingRecord;
use serde_json::Value;

use super::kind::Kind;
use crate::ops::dead_letters::{self, Kind as LetterKind, Letter};

/// The key of the last config-sync run report.
pub const LATEST_REPORT_KEY: &str = keys::LATEST_CONFIG_SYNC_REPORT;

/// The snapshot file given with `--config`.
#[derive(Debug, Clone)]
pub struct SnapshotInput {
    /// the path, as given
    pub file: String,
    /// the document as JSON (an invalid object is still in it)
    pub document: Value,
    /// the snapshot as config sync reads it (invalid objects held back), when it is one
    pub snapshot: Option<ConfigSnapshot>,
}

/// Everything read about one object.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// the state store's URL
    pub state: String,
    /// the id map
    pub idmap: Option<IdMap>,
    /// the per-object status
    pub statuses: Option<ObjectStatuses>,
    /// the last run report
    pub report: Option<RunReport>,
    /// `--config`
    pub snapshot: Option<SnapshotInput>,
    /// `--mapping`
    pub mapping: Option<MappingDocument>,
    /// users: the agent-state record
    pub agent: Option<AgentRecord>,
    /// interactions: the state record
    pub interaction: Option<InteractionState>,
    /// interactions and recordings: the recording records, with their keys
    pub recordings: Vec<(String, RecordingRecord)>,
    /// the dead letters of the functions that may hold the object, each with whether it was
    /// replayed
    pub letters: Vec<(Letter, bool)>,
}

/// The conversation id of an interaction: derived from the id map's presence source, exactly as
/// the interactions and recordings functions derive it.
pub fn conversation_of(idmap: Option<&IdMap>, interaction_id: &str) -> Option<String> {
    let source = idmap?.presence_source_id.as_deref()?;
    Some(conversation_id(source, interaction_id))
}

/// Reads the snapshot and mapping files, when given.
///
/// # Errors
/// A file that cannot be read or is not JSON, or a mapping config sync cannot use.
pub fn read_files(
    config: Option<&Path>,
    mapping: Option<&Path>,
) -> anyhow::Result<(Option<SnapshotInput>, Option<MappingDocument>)> {
    let snapshot = match config {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let document: Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            Some(SnapshotInput {
                file: path.display().to_string(),
                document,
                snapshot: read_snapshot(&text).ok(),
            })
        }
    };
    let mapping = match mapping {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(
                parse_mapping_for(&text, Concern::ConfigSync)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            )
        }
    };
    Ok((snapshot, mapping))
}

/// Reads what the state store holds about `kind` `id`.
///
/// # Errors
/// Store failures, or a document that does not parse.
pub async fn read_store(
    store: &StateStore,
    state: String,
    kind: Kind,
    id: &str,
) -> anyhow::Result<Inputs> {
    let mut inputs = Inputs {
        state,
        idmap: get(store, keys::IDMAP).await?,
        ..Inputs::default()
    };
    if kind.object_kind().is_some() {
        inputs.statuses = get(store, keys::OBJECT_STATUS).await?;
        inputs.report = get(store, LATEST_REPORT_KEY).await?;
    }
    match kind {
        Kind::User => {
            inputs.agent = get(store, &keys::agent_record(id)).await?;
            inputs.letters = letters(store, LetterKind::AgentState).await?;
        }
        Kind::Interaction => {
            if let Some(conversation) = conversation_of(inputs.idmap.as_ref(), id) {
                inputs.interaction = load_state(store, &conversation)
                    .await
                    .context("reading the interaction's state record")?
                    .0;
            }
            inputs.recordings = recordings_of(store, id).await?;
            inputs.letters = letters(store, LetterKind::Interactions).await?;
            inputs
                .letters
                .extend(letters(store, LetterKind::Recordings).await?);
        }
        Kind::Recording => {
            inputs.recordings = recordings_of(store, id).await?;
            if inputs.recordings.is_empty() {
                inputs.recordings = recordings_by_object_key(store, id).await?;
            }
            inputs.letters = letters(store, LetterKind::Recordings).await?;
        }
        _ => {}
    }
    Ok(inputs)
}

async fn get<T: serde::de::DeserializeOwned>(
    store: &StateStore,
    key: &str,
) -> anyhow::Result<Option<T>> {
    Ok(store
        .get_json::<T>(key)
        .await
        .with_context(|| format!("reading {key} from the state store"))?
        .map(|(value, _)| value))
}

/// Every dead letter of one function, waiting and replayed.
async fn letters(store: &StateStore, kind: LetterKind) -> anyhow::Result<Vec<(Letter, bool)>> {
    let listing = dead_letters::list(store, kind).await?;
    let waiting = dead_letters::read_all(store, &listing.waiting).await?;
    let replayed = dead_letters::read_all(store, &listing.replayed).await?;
    Ok(waiting
        .into_iter()
        .map(|l| (l, false))
        .chain(replayed.into_iter().map(|l| (l, true)))
        .collect())
}

/// The records under `recordings/<interaction-id>/`.
async fn recordings_of(
    store: &StateStore,
    interaction_id: &str,
) -> anyhow::Result<Vec<(String, RecordingRecord)>> {
    let prefix = keys::recordings_of(interaction_id);
    read_records(store, store.list(&prefix).await?, |_| true).await
}

/// Every record whose object key is `key` (a recording no interaction was found for, or one
/// asked about by its key): every record is read.
async fn recordings_by_object_key(
    store: &StateStore,
    key: &str,
) -> anyhow::Result<Vec<(String, RecordingRecord)>> {
    let keys = store
        .list(keys::RECORDINGS)
        .await?
        .into_iter()
        .filter(|k| !k.starts_with(keys::PENDING_UPLOADS))
        .collect();
    read_records(store, keys, |r| r.key == key).await
}

async fn read_records(
    store: &StateStore,
    keys: Vec<String>,
    wanted: impl Fn(&RecordingRecord) -> bool,
) -> anyhow::Result<Vec<(String, RecordingRecord)>> {
    let mut found = Vec::new();
    for key in keys.into_iter().filter(|k| k.ends_with(".json")) {
        if let Some(record) = get::<RecordingRecord>(store, &key).await?
            && wanted(&record)
        {
            found.push((key, record));
        }
    }
    Ok(found)
}
