//! [`explain`]: the pure assembly of an [`Explanation`] from what was read, and the two facts
//! the reading needs first (the conversation id of an interaction, the Genesys object to read).

use exsync::external::ObjectKind;
use exsync::store::IdMap;
use exsync::store::keys;
use serde_json::Value;

use super::activity::{agent_view, interaction_view, letters_about, recording_view};
use super::config_view::{external_record, last_sync, management, mapping_view};
use super::kind::Kind;
use super::model::{Explanation, ExternalRecord, Live, Management};
use super::read::{Inputs, conversation_of};

/// What to read from Genesys for the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// a configuration object by its Genesys id
    Object(ObjectKind, String),
    /// an interaction's conversation
    Conversation(String),
    /// the recordings bound to a conversation
    Recordings(String),
    /// nothing to read, and why
    Nothing(String),
}

/// The Genesys id of a configuration object: the id map, else its status, else the last report.
pub fn genesys_id(kind: ObjectKind, id: &str, inputs: &Inputs) -> Option<String> {
    let mapped = inputs.idmap.as_ref().and_then(|m| m.get(kind, id));
    let status = || {
        inputs
            .statuses
            .as_ref()
            .and_then(|s| s.get(kind, id))
            .and_then(|s| s.genesys_id.as_deref())
    };
    let reported = || {
        inputs.report.as_ref().and_then(|r| {
            r.apply
                .items
                .iter()
                .filter(|i| i.kind == Some(kind) && i.external_id.as_deref() == Some(id))
                .find_map(|i| i.genesys_id.as_deref())
        })
    };
    mapped.or_else(status).or_else(reported).map(str::to_owned)
}

/// The Genesys object to read for `kind` `id`.
pub fn target(kind: Kind, id: &str, inputs: &Inputs) -> Target {
    let conversation = || {
        conversation_of(inputs.idmap.as_ref(), id).or_else(|| {
            inputs
                .recordings
                .iter()
                .find_map(|(_, r)| r.conversation_id.clone())
        })
    };
    let none = || Target::Nothing("no conversation id: the id map has no presence source".into());
    match (kind.object_kind(), kind) {
        (Some(object), _) => genesys_id(object, id, inputs).map_or_else(
            || Target::Nothing("no Genesys id known".into()),
            |g| Target::Object(object, g),
        ),
        (None, Kind::Interaction) => conversation().map_or_else(none, Target::Conversation),
        (None, _) => conversation().map_or_else(none, Target::Recordings),
    }
}

/// Whether anything read is about the object (else it is unknown to exsync).
pub fn is_known(kind: Kind, id: &str, inputs: &Inputs) -> bool {
    let letters = !letters_about(kind, id, &inputs.letters).is_empty();
    let Some(object) = kind.object_kind() else {
        return letters || inputs.interaction.is_some() || !inputs.recordings.is_empty();
    };
    let in_snapshot = inputs
        .snapshot
        .as_ref()
        .is_some_and(|s| external_record(object, id, Some(s), None).record.is_some());
    let reported = inputs.report.as_ref().is_some_and(|r| {
        r.apply
            .items
            .iter()
            .any(|i| i.kind == Some(object) && i.external_id.as_deref() == Some(id))
            || r.skipped
                .iter()
                .any(|s| s.kind == object && s.external_id.as_deref() == Some(id))
    });
    let status = inputs
        .statuses
        .as_ref()
        .is_some_and(|s| s.get(object, id).is_some());
    in_snapshot
        || reported
        || status
        || genesys_id(object, id, inputs).is_some()
        || inputs.agent.is_some()
        || letters
}

/// Everything known about `kind` `id`, with the Genesys object as `live` read it; `None` when
/// nothing read is about it.
pub fn explain(kind: Kind, id: &str, inputs: &Inputs, live: Live) -> Option<Explanation> {
    if !is_known(kind, id, inputs) {
        return None;
    }
    let mut explanation = Explanation {
        kind,
        external_id: id.to_owned(),
        state: inputs.state.clone(),
        external: ExternalRecord {
            source: String::new(),
            record: None,
            held: None,
        },
        mapping: None,
        genesys_id: None,
        genesys: live,
        last_sync: None,
        management: Management {
            managed: false,
            reasons: Vec::new(),
        },
        agent: None,
        interaction: None,
        recordings: inputs
            .recordings
            .iter()
            .map(|(key, r)| recording_view(key, r))
            .collect(),
        dead_letters: letters_about(kind, id, &inputs.letters),
        notes: Vec::new(),
    };
    match kind.object_kind() {
        Some(object) => explain_object(&mut explanation, object, inputs),
        None => explain_activity(&mut explanation, inputs),
    }
    Some(explanation)
}

fn explain_object(out: &mut Explanation, object: ObjectKind, inputs: &Inputs) {
    let id = out.external_id.clone();
    out.external = external_record(
        object,
        &id,
        inputs.snapshot.as_ref(),
        inputs.report.as_ref(),
    );
    out.genesys_id = genesys_id(object, &id, inputs);
    let empty = IdMap::new();
    let idmap = inputs.idmap.as_ref().unwrap_or(&empty);
    out.mapping = match (
        inputs.snapshot.as_ref().and_then(|s| s.snapshot.as_ref()),
        &inputs.mapping,
    ) {
        (Some(snapshot), Some(mapping)) => mapping_view(object, &id, snapshot, mapping, idmap),
        _ => None,
    };
    if out.mapping.is_none() && (inputs.snapshot.is_none() || inputs.mapping.is_none()) {
        out.notes
            .push("what the mapping makes of it needs --config and --mapping".into());
    }
    out.last_sync = last_sync(
        object,
        &id,
        inputs.statuses.as_ref(),
        inputs.report.as_ref(),
    );
    out.management = management(
        object,
        &id,
        inputs.idmap.as_ref(),
        out.last_sync.as_ref().and_then(|l| l.status.as_ref()),
        out.mapping.as_ref(),
        inputs.mapping.as_ref(),
        out.external.held.as_deref(),
    );
    if object == ObjectKind::Users {
        out.agent = Some(agent_view(
            keys::agent_record(&id),
            inputs.agent.as_ref(),
            inputs.idmap.as_ref(),
        ));
        out.notes.push(
            "an event older than the last one taken is skipped as stale; the agent record keeps its last duplicate and stale events, and unchanged ones while there is room".into(),
        );
    }
}

fn explain_activity(out: &mut Explanation, inputs: &Inputs) {
    let id = out.external_id.clone();
    let conversation = conversation_of(inputs.idmap.as_ref(), &id);
    // an interactions letter keeps the record as sent; a recordings letter only the object
    let letter_body = out
        .dead_letters
        .iter()
        .find(|l| l.function == "interactions")
        .map(|l| l.key.clone());
    out.external = match (&out.kind, inputs.recordings.first(), letter_body) {
        (Kind::Recording, Some((key, record)), _) => ExternalRecord {
            source: key.clone(),
            record: serde_json::to_value(record).ok(),
            held: None,
        },
        (_, _, Some(key)) => ExternalRecord {
            source: key.clone(),
            record: inputs
                .letters
                .iter()
                .find(|(l, _)| l.key == key)
                .map(|(l, _)| letter_record(&l.value)),
            held: None,
        },
        _ => ExternalRecord {
            source: "not kept: the state store holds ids and outcomes, not the record".into(),
            record: None,
            held: None,
        },
    };
    out.genesys_id = conversation.clone().or_else(|| {
        inputs
            .recordings
            .iter()
            .find_map(|(_, r)| r.conversation_id.clone())
    });
    let mut reasons = Vec::new();
    if let Some(state) = &inputs.interaction {
        reasons.push(format!(
            "sent by exsync as conversation {}",
            state.conversation_id
        ));
    }
    if !inputs.recordings.is_empty() {
        reasons.push(format!(
            "{} recording record(s) in the state store",
            inputs.recordings.len()
        ));
    }
    if conversation.is_none() {
        reasons.push("no presence source in the id map: config sync has not registered one".into());
    }
    out.management = Management {
        managed: inputs.interaction.is_some() || !inputs.recordings.is_empty(),
        reasons,
    };
    if out.kind == Kind::Interaction {
        out.interaction = Some(interaction_view(conversation, inputs.interaction.as_ref()));
    }
}

/// A dead letter's message body as JSON (the record as the external platform sent it), else the
/// letter itself.
fn letter_record(letter: &Value) -> Value {
    letter
        .get("body")
        .and_then(Value::as_str)
        .and_then(|body| serde_json::from_str(body).ok())
        .unwrap_or_else(|| letter.clone())
}

#[cfg(test)]
mod tests;
