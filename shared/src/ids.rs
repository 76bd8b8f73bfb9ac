//! Identifiers: newtypes that keep external and Genesys ids apart, and deterministic V4-shaped UUIDs.
//!
//! Genesys wants V4 UUIDs for event, conversation and communication ids, and the integration mints
//! them. exsync derives them by hashing a namespace and the parts that identify the thing (the
//! presence source id, the external interaction id, the leg), then sets the version nibble to 4 and
//! the variant bits to `10xx`. The same inputs always give the same id, so a redelivered message or
//! an updated record produces ids Genesys has already seen, and a recording finds its conversation
//! without a lookup.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a raw id.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The raw id.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // maps keyed by the id are looked up by a plain `&str`
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // an id reads as the text it is (`Option<Id>::as_deref()` gives `Option<&str>`)
        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }
    };
}

id_newtype!(
    /// An id the external platform gave one of its objects (user, skill, queue, ...).
    ExternalId
);
id_newtype!(
    /// The external platform's id of an agent (user).
    ExternalUserId
);
id_newtype!(
    /// The external platform's id of an interaction (a call).
    ExternalInteractionId
);
id_newtype!(
    /// A Genesys Cloud user id.
    GenesysUserId
);
id_newtype!(
    /// The id of any other Genesys Cloud object (skill, queue, division, definition, source, ...).
    GenesysId
);

/// The namespaces deterministic ids are derived in; two namespaces never give the same id for the
/// same parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNamespace {
    /// `UserPresenceEvent.eventId`
    PresenceEvent,
    /// `UserRoutingStatusEvent.eventId`
    RoutingStatusEvent,
    /// a conversation event's `eventId`
    ConversationEvent,
    /// a conversation id
    Conversation,
    /// a communication (participant leg) id
    Communication,
    /// any other use, named by the caller
    Other(&'static str),
}

impl IdNamespace {
    fn label(self) -> &'static str {
        match self {
            Self::PresenceEvent => "presence-event",
            Self::RoutingStatusEvent => "routing-status-event",
            Self::ConversationEvent => "conversation-event",
            Self::Conversation => "conversation",
            Self::Communication => "communication",
            Self::Other(label) => label,
        }
    }
}

/// Derives a V4-shaped UUID from a namespace and the parts that identify the thing.
///
/// Parts are length-prefixed before hashing, so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn derived_uuid(namespace: IdNamespace, parts: &[&str]) -> Uuid {
    let mut hasher = Sha256::new();
    hasher.update(b"exsync/v1\0");
    for part in std::iter::once(namespace.label()).chain(parts.iter().copied()) {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx (RFC 4122)
    Uuid::from_bytes(bytes)
}

/// True when `s` is a hyphenated UUID with version 4 and the RFC 4122 variant, as Genesys's events
/// API demands of `eventId`, `conversationId` and `communicationId`.
pub fn is_v4_uuid(s: &str) -> bool {
    s.len() == 36
        && Uuid::try_parse(s).is_ok_and(|u| {
            u.get_version_num() == 4 && matches!(u.get_variant(), uuid::Variant::RFC4122)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_v4_shaped() {
        let a = derived_uuid(IdNamespace::Conversation, &["src", "call-1"]);
        let b = derived_uuid(IdNamespace::Conversation, &["src", "call-1"]);
        assert_eq!(a, b);
        assert!(is_v4_uuid(&a.to_string()), "{a} is not V4-shaped");
    }

    #[test]
    fn namespaces_and_part_boundaries_give_different_ids() {
        let conv = derived_uuid(IdNamespace::Conversation, &["src", "call-1"]);
        let comm = derived_uuid(IdNamespace::Communication, &["src", "call-1"]);
        assert_ne!(conv, comm);
        let ab_c = derived_uuid(IdNamespace::Other("x"), &["ab", "c"]);
        let a_bc = derived_uuid(IdNamespace::Other("x"), &["a", "bc"]);
        assert_ne!(ab_c, a_bc);
    }

    #[test]
    fn v4_check_rejects_other_versions_and_garbage() {
        assert!(!is_v4_uuid("not-a-uuid"));
        assert!(!is_v4_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8")); // v1
        assert!(is_v4_uuid(&Uuid::new_v4().to_string()));
    }

    #[test]
    fn newtypes_display_their_raw_id() {
        let id = ExternalUserId::new("agent-1001");
        assert_eq!(id.to_string(), "agent-1001");
        assert_eq!(id.as_str(), "agent-1001");
    }
}
