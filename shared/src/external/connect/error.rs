//! [`CtrError`]: why a contact trace record, or a chain of them, cannot become an interaction.

use thiserror::Error;

/// A contact trace record that cannot be converted. Every variant names the contact.
#[derive(Debug, Error)]
pub enum CtrError {
    /// The text is not a JSON object with a `ContactId`.
    #[error("contact trace record has no readable ContactId: {reason}")]
    NoContactId {
        /// What was found instead.
        reason: String,
    },
    /// The record does not have the documented shape.
    #[error("contact {contact_id}: malformed contact trace record")]
    Malformed {
        /// The contact.
        contact_id: String,
        /// serde's complaint.
        #[source]
        source: serde_json::Error,
    },
    /// One field is missing or wrong.
    #[error("contact {contact_id}: field `{field}` {problem}")]
    Field {
        /// The contact.
        contact_id: String,
        /// The field, as Connect names it (`Agent.ARN`).
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// The contacts handed over are not one transfer chain, or miss a link of it.
    #[error("contact chain {initial_contact_id}: {problem}")]
    Chain {
        /// The chain's `InitialContactId`.
        initial_contact_id: String,
        /// What is wrong with the chain.
        problem: String,
    },
}

impl CtrError {
    /// Never: the same record fails the same way every time. Kept for the boundary convention.
    pub fn is_retryable(&self) -> bool {
        false
    }

    pub(super) fn field(contact_id: &str, field: &'static str, problem: impl Into<String>) -> Self {
        Self::Field {
            contact_id: contact_id.to_owned(),
            field,
            problem: problem.into(),
        }
    }
}
