//! The Genesys ids a record's external references stand for, taken from the id map.
//!
//! Every external agent, queue and wrap-up code a record names must be in the id map (config
//! sync puts them there). A record naming one that is not is bad input for now: it is
//! dead-lettered with every unknown reference listed, never sent half-resolved.

use crate::external::{InteractionRecord, Problem, Segment, TransferTarget};
use crate::store::IdMap;

/// The id map has no presence source yet: config sync has not run (or failed) in this org.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the id map has no presence source id; run config sync first")]
pub struct NoPresenceSource;

/// Looks up the Genesys ids of external references.
#[derive(Debug, Clone, Copy)]
pub struct References<'a> {
    idmap: &'a IdMap,
    source_id: &'a str,
}

impl<'a> References<'a> {
    /// References backed by `idmap`.
    ///
    /// # Errors
    /// [`NoPresenceSource`] when the map has no presence source id, which every conversation
    /// names as its `sourceConfiguration.sourceId`.
    pub fn new(idmap: &'a IdMap) -> Result<Self, NoPresenceSource> {
        match idmap.presence_source_id.as_deref() {
            Some(source_id) if !source_id.is_empty() => Ok(Self { idmap, source_id }),
            _ => Err(NoPresenceSource),
        }
    }

    /// The presence source id: the conversations' `sourceId` and the root of every derived id.
    pub fn source_id(&self) -> &'a str {
        self.source_id
    }

    /// The Genesys user id of an external agent.
    pub fn user(&self, external: &str) -> Option<&'a str> {
        self.idmap
            .tables
            .users
            .get(external)
            .map(crate::ids::GenesysId::as_str)
    }

    /// The Genesys queue id of an external queue.
    pub fn queue(&self, external: &str) -> Option<&'a str> {
        self.idmap
            .tables
            .queues
            .get(external)
            .map(crate::ids::GenesysId::as_str)
    }

    /// The Genesys wrap-up code id of an external wrap-up code.
    pub fn wrapup_code(&self, external: &str) -> Option<&'a str> {
        self.idmap
            .tables
            .wrapup_codes
            .get(external)
            .map(crate::ids::GenesysId::as_str)
    }

    /// Every reference of `record` the id map does not have, one problem each.
    pub fn unknown_in(&self, record: &InteractionRecord) -> Vec<Problem> {
        let object = format!("interaction[{}]", record.interaction_id);
        let mut problems = Vec::new();
        let mut check = |found: bool, field: String, kind: &str, id: &str| {
            if !found {
                problems.push(Problem::new(
                    &object,
                    field,
                    format!("unknown {kind} `{id}`: not in the id map (run config sync)"),
                ));
            }
        };
        for (index, segment) in record.segments.iter().enumerate() {
            let at = format!("segments[{index}]");
            match segment {
                Segment::Ivr(_) => {}
                Segment::Queue(q) => {
                    let id = q.queue.as_str();
                    check(self.queue(id).is_some(), format!("{at}.queue"), "queue", id);
                }
                Segment::Agent(a) => {
                    let id = a.agent.as_str();
                    check(self.user(id).is_some(), format!("{at}.agent"), "agent", id);
                    if let Some(queue) = &a.queue {
                        let id = queue.as_str();
                        check(self.queue(id).is_some(), format!("{at}.queue"), "queue", id);
                    }
                    if let Some(code) = &a.wrapup_code {
                        let id = code.as_str();
                        let field = format!("{at}.wrapupCode");
                        check(self.wrapup_code(id).is_some(), field, "wrap-up code", id);
                    }
                }
            }
        }
        for (index, transfer) in record.transfers.iter().enumerate() {
            let at = format!("transfers[{index}]");
            match &transfer.to {
                TransferTarget::Queue(q) => {
                    let id = q.as_str();
                    check(
                        self.queue(id).is_some(),
                        format!("{at}.to.queue"),
                        "queue",
                        id,
                    );
                }
                TransferTarget::Agent(a) => {
                    let id = a.as_str();
                    check(
                        self.user(id).is_some(),
                        format!("{at}.to.agent"),
                        "agent",
                        id,
                    );
                }
                TransferTarget::Number(_) => {}
            }
        }
        problems
    }
}
