//! For the demo (and anyone trying exsync on a test org): send a folder of interaction records
//! and read each conversation back from Genesys, in a printable form.
//!
//! The external ids are put back for display through the id map: a participant shows
//! `agent-1001`, not a Genesys user id.

use std::fmt;
use std::path::Path;

use anyhow::Context as _;
use exsync::deadline::Deadline;
use exsync::external::ObjectKind;
use exsync::genesys::GenesysClient;
use exsync::genesys::model::Conversation;
use exsync::store::IdMap;
use exsync::store::StateStore;
use exsync::store::load_idmap;
use exsync::sync::interactions::{
    InteractionSettings, InteractionsOutcome, MessageResult, QueueMessage, sync_interactions,
};

/// One participant leg, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegSummary {
    /// `customer`, `ivr`, `acd`, `agent`, `external`.
    pub purpose: String,
    /// The external agent or queue id; for the customer, calling → dialled number.
    pub who: String,
    /// Start.
    pub start: Option<String>,
    /// End.
    pub end: Option<String>,
    /// The external wrap-up code id (or its Genesys name), when one was applied.
    pub wrapup: Option<String>,
}

/// One example call and its conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSummary {
    /// The file the record came from (its stem, also the message id).
    pub name: String,
    /// What the use case did with it.
    pub result: MessageResult,
    /// The conversation id, when the record converted.
    pub conversation_id: Option<String>,
    /// The conversation's `externalTag`.
    pub external_tag: Option<String>,
    /// Conversation start.
    pub start: Option<String>,
    /// Conversation end.
    pub end: Option<String>,
    /// Participants, in order of appearance.
    pub legs: Vec<LegSummary>,
}

impl fmt::Display for CallSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dash = || "-".to_owned();
        let outcome = match &self.result {
            MessageResult::Applied { events, .. } => format!("{events} events sent"),
            MessageResult::Skipped { reason } => format!("skipped: {reason}"),
            MessageResult::Retry { reason } => format!("retry: {reason}"),
            MessageResult::DeadLettered { reason, .. } => format!("dead-lettered: {reason}"),
        };
        writeln!(f, "{} ({outcome})", self.name)?;
        let Some(id) = &self.conversation_id else {
            return Ok(());
        };
        writeln!(
            f,
            "  conversation {id}  externalTag {}  {} → {}",
            self.external_tag.clone().unwrap_or_else(dash),
            self.start.clone().unwrap_or_else(dash),
            self.end.clone().unwrap_or_else(dash),
        )?;
        for leg in &self.legs {
            let wrapup = leg
                .wrapup
                .as_ref()
                .map(|w| format!("  wrap-up {w}"))
                .unwrap_or_default();
            writeln!(
                f,
                "    {:<9} {:<26} {} → {}{wrapup}",
                leg.purpose,
                leg.who,
                leg.start.clone().unwrap_or_else(dash),
                leg.end.clone().unwrap_or_else(dash),
            )?;
        }
        Ok(())
    }
}

/// Sends every `*.json` record in `dir` (in file-name order, one message each, named by the file
/// stem) through [`sync_interactions`], then reads each conversation back.
///
/// # Errors
/// When the folder cannot be read, the batch cannot be handled at all, the id map cannot be read,
/// or a read-back fails.
pub async fn send_example_calls(
    client: &GenesysClient,
    store: &StateStore,
    settings: &InteractionSettings,
    dir: &Path,
    deadline: Deadline,
) -> anyhow::Result<(InteractionsOutcome, Vec<CallSummary>)> {
    let messages = messages_from_dir(dir).await?;
    let outcome = sync_interactions(client, store, settings, &messages, deadline).await?;
    let (idmap, _) = load_idmap(store).await?;
    let mut calls = Vec::new();
    for message in &outcome.messages {
        let conversation = match &message.conversation_id {
            Some(id) => client
                .get_conversation(id, deadline)
                .await
                .context("reading a conversation back")?,
            None => None,
        };
        let mut call = CallSummary {
            name: message.message_id.clone(),
            result: message.result.clone(),
            conversation_id: message.conversation_id.clone(),
            external_tag: None,
            start: None,
            end: None,
            legs: Vec::new(),
        };
        if let Some(conversation) = conversation {
            summarize(&conversation, &idmap, &mut call);
        }
        calls.push(call);
    }
    Ok((outcome, calls))
}

/// Fills `call` from a conversation read back, with external ids from `idmap`.
pub fn summarize(conversation: &Conversation, idmap: &IdMap, call: &mut CallSummary) {
    call.conversation_id = Some(conversation.id.clone());
    call.external_tag = conversation.external_tag.clone();
    call.start = conversation.start_time.clone();
    call.end = conversation.end_time.clone();
    let users = idmap.reverse(ObjectKind::Users);
    let queues = idmap.reverse(ObjectKind::Queues);
    let codes = idmap.reverse(ObjectKind::WrapupCodes);
    let external = |map: &std::collections::BTreeMap<&str, &str>, id: &str| {
        map.get(id)
            .map_or_else(|| id.to_owned(), |e| (*e).to_owned())
    };
    call.legs = conversation
        .participants
        .iter()
        .map(|p| {
            let who = match (&p.user_id, &p.queue_id, p.purpose.as_deref()) {
                (Some(user), _, _) => external(&users, user),
                (None, Some(queue), _) => external(&queues, queue),
                (None, None, Some("customer")) => {
                    let number = |n: &Option<String>| n.clone().unwrap_or_else(|| "?".into());
                    format!("{}→{}", number(&p.ani), number(&p.dnis))
                }
                _ => String::new(),
            };
            let wrapup = p.wrapup.as_ref().and_then(|w| {
                let code = w.get("code").and_then(|c| c.as_str())?;
                Some(external(&codes, code))
            });
            LegSummary {
                purpose: p.purpose.clone().unwrap_or_default(),
                who,
                start: p.start_time.clone(),
                end: p.end_time.clone(),
                wrapup,
            }
        })
        .collect();
}

/// Every `*.json` file in `dir`, in file-name order, as a message named by its file stem.
///
/// # Errors
/// When the folder or a file cannot be read.
pub async fn messages_from_dir(dir: &Path) -> anyhow::Result<Vec<QueueMessage>> {
    let read_error = |path: &Path| format!("cannot read {}", path.display());
    let mut entries = tokio::fs::read_dir(dir)
        .await
        .with_context(|| read_error(dir))?;
    let mut paths = Vec::new();
    while let Some(entry) = entries
        .next_entry()
        .await
        .with_context(|| read_error(dir))?
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut messages = Vec::new();
    for path in paths {
        let body = tokio::fs::read_to_string(&path)
            .await
            .with_context(|| read_error(&path))?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        messages.push(QueueMessage {
            message_id: stem.unwrap_or_default(),
            body,
        });
    }
    Ok(messages)
}
