//! Dead letters in the state store, as the operations commands see them.
//!
//! Each function writes its own under `dead-letters/<kind>/<yyyy-mm-dd>/<name>.json` (schema
//! `exsync.dead-letter/v1`): agent-state and interactions keep the message body untouched,
//! recordings keep the bucket and key of the object. The fields differ a little (agent-state
//! has `reasons`, the others `reason`), so a letter is read as JSON and the few fields needed
//! are picked out here.
//!
//! A letter `exsync replay` re-submitted is moved to `dead-letters/<kind>/replayed/<rest>`
//! (its JSON plus a `replayed` object saying when and where to), so it is counted apart and
//! never sent twice.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use exsync::store::{PutMode, StateStore, StoreError, keys};
use futures::stream::{self, StreamExt as _, TryStreamExt as _};
use serde::Serialize;
use serde_json::Value;

/// How many letters are read at once.
const READ_CONCURRENCY: usize = 16;

/// The three kinds of dead letters, one per function that writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// agent-state messages (SQS body kept)
    AgentState,
    /// interaction records (SQS body kept)
    Interactions,
    /// recordings (the object stays in the inbound bucket)
    Recordings,
}

impl Kind {
    /// Every kind, in the order they are shown.
    pub const ALL: [Self; 3] = [Self::AgentState, Self::Interactions, Self::Recordings];

    /// The kind's folder name.
    pub fn name(self) -> &'static str {
        match self {
            Self::AgentState => "agent-state",
            Self::Interactions => "interactions",
            Self::Recordings => "recordings",
        }
    }
}

/// The keys of one kind: waiting to be dealt with, and already replayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// letters not replayed yet, sorted
    pub waiting: Vec<String>,
    /// letters moved to `replayed/`, sorted
    pub replayed: Vec<String>,
}

/// Lists the dead letters of `kind`. A waiting letter whose replayed copy already exists (a
/// replay that could not delete it) counts as replayed.
///
/// # Errors
/// Store failures.
pub async fn list(store: &StateStore, kind: Kind) -> Result<Listing, StoreError> {
    let prefix = keys::dead_letters(kind.name());
    let replayed_prefix = format!("{prefix}{}", keys::REPLAYED);
    let (replayed, waiting): (Vec<String>, Vec<String>) = store
        .list(&prefix)
        .await?
        .into_iter()
        .filter(|key| key.ends_with(".json"))
        .partition(|key| key.starts_with(&replayed_prefix));
    let done: HashSet<&str> = replayed.iter().map(String::as_str).collect();
    let waiting = waiting
        .into_iter()
        .filter(|key| keys::replayed(key).is_none_or(|r| !done.contains(r.as_str())))
        .collect();
    Ok(Listing { waiting, replayed })
}

/// The date folder of a letter's key (`.../<yyyy-mm-dd>/<name>.json`), if it has one.
pub fn key_date(key: &str) -> Option<NaiveDate> {
    let mut parts = key.rsplit('/');
    parts.next()?;
    NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()
}

/// One dead letter, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// its key in the state store
    pub key: String,
    /// its JSON
    pub value: Value,
}

impl Letter {
    /// Why it was dead-lettered: `reason`, or the `reasons` joined; a recording's `kind`
    /// (`rejected`, `failed`) in front.
    pub fn reason(&self) -> String {
        let text = match (self.value.get("reason"), self.value.get("reasons")) {
            (Some(Value::String(reason)), _) => reason.clone(),
            (_, Some(Value::Array(reasons))) => reasons
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
            _ => "(no reason stored)".to_owned(),
        };
        match self.str_field("kind") {
            Some(kind @ ("rejected" | "failed")) => format!("{kind}: {text}"),
            _ => text,
        }
    }

    /// When it was dead-lettered (`deadLetteredAt`), else midnight of its date folder.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        self.str_field("deadLetteredAt")
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .or_else(|| {
                key_date(&self.key)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc())
            })
    }

    /// When the message was first sent (agent-state's `sentAt`), else [`Letter::at`]: the
    /// order a replay sends in.
    pub fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.str_field("sentAt")
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .or_else(|| self.at())
    }

    /// A string field of the letter.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.value.get(name).and_then(Value::as_str)
    }
}

/// Reads the letters under `keys`, several at a time, in the order given; a key that vanished
/// in between is left out.
///
/// # Errors
/// Store failures; a letter that is not JSON.
pub async fn read_all(store: &StateStore, keys: &[String]) -> Result<Vec<Letter>, StoreError> {
    let read: Vec<Option<Letter>> = stream::iter(keys)
        .map(|key| async move {
            Ok::<_, StoreError>(
                store
                    .get_json::<Value>(key)
                    .await?
                    .map(|(value, _)| Letter {
                        key: key.clone(),
                        value,
                    }),
            )
        })
        .buffered(READ_CONCURRENCY)
        .try_collect()
        .await?;
    Ok(read.into_iter().flatten().collect())
}

/// The `n` newest of `waiting` (a kind's sorted keys): date folders are read newest first,
/// each whole, until `n` letters are in hand or `max_reads` letters were read.
///
/// # Errors
/// Store failures.
pub async fn newest(
    store: &StateStore,
    waiting: &[String],
    n: usize,
    max_reads: usize,
) -> Result<Vec<Letter>, StoreError> {
    let mut picked: Vec<String> = Vec::new();
    let mut current: Option<Option<NaiveDate>> = None;
    for key in waiting.iter().rev() {
        let date = key_date(key);
        if current.is_some_and(|d| d != date) && picked.len() >= n {
            break;
        }
        if picked.len() >= max_reads {
            break;
        }
        current = Some(date);
        picked.push(key.clone());
    }
    let mut letters = read_all(store, &picked).await?;
    letters.sort_by(|a, b| b.at().cmp(&a.at()).then_with(|| b.key.cmp(&a.key)));
    letters.truncate(n);
    Ok(letters)
}

/// Moves a replayed letter to `replayed/`, adding `note` as its `replayed` field; returns the
/// new key. The copy is written before the original is deleted, so a failure in between leaves
/// both, and [`list`] then counts the letter as replayed.
///
/// # Errors
/// Store failures; a key outside `dead-letters/<kind>/`.
pub async fn mark_replayed(
    store: &StateStore,
    letter: &Letter,
    note: Value,
) -> Result<String, StoreError> {
    let target = keys::replayed(&letter.key).ok_or_else(|| StoreError::InvalidKey {
        key: letter.key.clone(),
    })?;
    let mut value = letter.value.clone();
    if let Value::Object(map) = &mut value {
        map.insert("replayed".to_owned(), note);
    }
    store.put_json(&target, &value, PutMode::Overwrite).await?;
    store.delete(&letter.key).await?;
    Ok(target)
}

/// Parses `--since`: an RFC 3339 time, or a date (`YYYY-MM-DD`, from midnight UTC).
///
/// # Errors
/// Neither.
pub fn parse_since(value: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(value) {
        return Ok(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .ok_or_else(|| {
            format!("{value:?} is neither an RFC 3339 time (2026-11-24T08:00:00Z) nor a date (2026-11-24)")
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use serde_json::json;

    use super::*;

    #[test]
    fn reasons_of_every_kind_read_as_one_line() {
        let agent = Letter {
            key: "dead-letters/agent-state/2026-11-24/m.json".into(),
            value: json!({"reasons": ["event[e1]: unknown agent", "event[e2]: bad state"]}),
        };
        let recording = Letter {
            key: "dead-letters/recordings/2026-11-24/h.json".into(),
            value: json!({"kind": "rejected", "reason": "no interaction"}),
        };

        assert_eq!(
            agent.reason(),
            "event[e1]: unknown agent; event[e2]: bad state"
        );
        assert_eq!(recording.reason(), "rejected: no interaction");
    }

    #[test]
    fn a_letter_without_a_time_is_dated_by_its_folder() {
        let letter = Letter {
            key: "dead-letters/interactions/2026-11-24/m.json".into(),
            value: json!({}),
        };

        let at = letter.at().unwrap();

        assert_eq!(at, parse_since("2026-11-24").unwrap());
    }

    #[test]
    fn since_takes_a_time_or_a_date_and_refuses_anything_else() {
        let time = parse_since("2026-11-24T08:30:00+01:00").unwrap();

        assert_eq!(time.to_rfc3339(), "2026-11-24T07:30:00+00:00");
        assert!(parse_since("yesterday").unwrap_err().contains("yesterday"));
    }
}
