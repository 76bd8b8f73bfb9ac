//! Every key of the state store, in one place: what is kept where, and how an id from outside
//! becomes part of a key. Pure.
//!
//! | key | what | written by |
//! |---|---|---|
//! | `idmap.json` | [`IDMAP`]: external id → Genesys id, the presence ids | config sync |
//! | `status/objects.json` | [`OBJECT_STATUS`]: where each snapshot object stands | config sync |
//! | `reports/config-sync/<started-at>.json` | [`config_sync_report`]; the last also as [`LATEST_CONFIG_SYNC_REPORT`] | config sync |
//! | `agent-state/last/<agent>.json` | [`agent_record`]: an agent's last event and the states sent | agent-state |
//! | `interactions/<conversation-id>.json` | [`interaction_state`]: the events sent for an interaction | interactions |
//! | `connect/contacts/<initial-contact>/<contact>.json` | [`connect_contact`]: the newest CTR of one contact of a transfer chain | interactions (Kinesis) |
//! | `connect/links/contacts/<contact>.json` | [`connect_contact_link`]: a contact's transfer chain (its `InitialContactId`) | interactions (Kinesis) |
//! | `connect/links/recordings/<key-hash>.json` | [`connect_recording_link`]: the contact a CTR's `Recording.Location` names | interactions (Kinesis) |
//! | `connect/waiting-recordings/<key-hash>.json` | [`connect_waiting_recording`]: a Connect recording whose CTR has not arrived | recordings |
//! | `recordings/<interaction>/<key-hash>.json` | [`recording_record`]: one recording ([`UNMATCHED`] without an interaction) | recordings |
//! | `recordings/~pending/<key-hash>.json` | [`pending_upload`]: an upload the report check has yet to confirm | recordings |
//! | `dead-letters/<kind>/<yyyy-mm-dd>/<name>.json` | [`agent_state_dead_letter`], [`interaction_dead_letter`], [`recording_dead_letter`] | each function |
//! | `dead-letters/<kind>/replayed/<yyyy-mm-dd>/<name>.json` | [`replayed`]: a dead letter `exsync replay` re-submitted | the CLI |

use chrono::{DateTime, Utc};

/// The id map.
pub const IDMAP: &str = "idmap.json";

/// The status of every snapshot object after the last sync.
pub const OBJECT_STATUS: &str = "status/objects.json";

/// The report of the last config-sync run.
pub const LATEST_CONFIG_SYNC_REPORT: &str = "reports/config-sync/latest.json";

/// The prefix of everything the recordings function keeps besides dead letters.
pub const RECORDINGS: &str = "recordings/";

/// The prefix of pending upload markers (under [`RECORDINGS`]).
pub const PENDING_UPLOADS: &str = "recordings/~pending/";

/// The folder of recordings whose interaction could not be found. `~` is escaped in every id,
/// so no interaction id can name this folder (nor `~pending`).
pub const UNMATCHED: &str = "~unmatched";

/// The prefix of every dead letter.
pub const DEAD_LETTERS: &str = "dead-letters/";

/// The folder replayed letters are moved to, under their kind's prefix.
pub const REPLAYED: &str = "replayed/";

/// The report of the config-sync run started at `started_at`.
pub fn config_sync_report(started_at: &str) -> String {
    format!("reports/config-sync/{started_at}.json")
}

/// An agent's record; an empty id is `%00`.
pub fn agent_record(agent_id: &str) -> String {
    format!("agent-state/last/{}.json", escaped(agent_id, "%00"))
}

/// An interaction's record, by its derived conversation id (a UUID, so always a safe key).
pub fn interaction_state(conversation_id: &str) -> String {
    format!("interactions/{conversation_id}.json")
}

/// The folder of one Amazon Connect transfer chain's contact trace records.
pub fn connect_chain(initial_contact_id: &str) -> String {
    format!("connect/contacts/{}/", escaped(initial_contact_id, "%00"))
}

/// The newest contact trace record of one contact, in its chain's folder.
pub fn connect_contact(initial_contact_id: &str, contact_id: &str) -> String {
    format!(
        "{}{}.json",
        connect_chain(initial_contact_id),
        escaped(contact_id, "%00")
    )
}

/// The link from a Connect contact to its transfer chain.
pub fn connect_contact_link(contact_id: &str) -> String {
    format!("connect/links/contacts/{}.json", escaped(contact_id, "%00"))
}

/// The link from a recording object (by the hash of its bucket and key) to its Connect contact.
pub fn connect_recording_link(hash: &str) -> String {
    format!("connect/links/recordings/{hash}.json")
}

/// The prefix of the Connect recordings waiting for their contact trace record.
pub const CONNECT_WAITING_RECORDINGS: &str = "connect/waiting-recordings/";

/// A Connect recording (by the hash of its bucket and key) waiting for its contact trace record.
pub fn connect_waiting_recording(hash: &str) -> String {
    format!("{CONNECT_WAITING_RECORDINGS}{hash}.json")
}

/// A recording's record, in its interaction's folder ([`UNMATCHED`] when there is none).
pub fn recording_record(interaction_id: Option<&str>, hash: &str) -> String {
    let folder = escaped(interaction_id.unwrap_or_default(), UNMATCHED);
    format!("{RECORDINGS}{folder}/{hash}.json")
}

/// The folder of one interaction's recording records.
pub fn recordings_of(interaction_id: &str) -> String {
    format!("{RECORDINGS}{}/", escaped(interaction_id, UNMATCHED))
}

/// An upload the report check has yet to confirm.
pub fn pending_upload(hash: &str) -> String {
    format!("{PENDING_UPLOADS}{hash}.json")
}

/// `dead-letters/<kind>/`: the dead letters of one function (`agent-state`, `interactions`,
/// `recordings`).
pub fn dead_letters(kind: &str) -> String {
    format!("{DEAD_LETTERS}{kind}/")
}

/// An agent-state message's dead letter, dated `at` (when SQS received it), named by the
/// message id.
pub fn agent_state_dead_letter(at: DateTime<Utc>, message_id: &str) -> String {
    dead_letter("agent-state", at, &escaped(message_id, "%00"))
}

/// An interaction message's dead letter: the message id with every character but
/// `A-Z a-z 0-9 - _ .` made `_`, dots trimmed (`unnamed` when nothing is left).
pub fn interaction_dead_letter(at: DateTime<Utc>, message_id: &str) -> String {
    let safe: String = message_id
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '_',
        })
        .collect();
    let name = match safe.trim_matches('.') {
        "" => "unnamed",
        s => s,
    };
    dead_letter("interactions", at, name)
}

/// A recording's dead letter, named by the hash of its bucket and key.
pub fn recording_dead_letter(at: DateTime<Utc>, hash: &str) -> String {
    dead_letter("recordings", at, hash)
}

fn dead_letter(kind: &str, at: DateTime<Utc>, name: &str) -> String {
    format!("{DEAD_LETTERS}{kind}/{}/{name}.json", at.format("%Y-%m-%d"))
}

/// Where a replayed letter goes: `dead-letters/<kind>/<rest>` → `dead-letters/<kind>/replayed/<rest>`;
/// `None` for a key that is no dead letter or is replayed already.
pub fn replayed(key: &str) -> Option<String> {
    let rest = key.strip_prefix(DEAD_LETTERS)?;
    let (kind, rest) = rest.split_once('/')?;
    (!rest.starts_with(REPLAYED)).then(|| format!("{DEAD_LETTERS}{kind}/{REPLAYED}{rest}"))
}

/// An id as one path segment: every byte but `A-Z a-z 0-9 - _ .`, and a leading `.`, is
/// percent-encoded, so no id climbs out of its folder or names another; `empty` for an empty id.
fn escaped(raw: &str, empty: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, byte) in raw.bytes().enumerate() {
        let plain = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.');
        if plain && !(i == 0 && byte == b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() {
        out.push_str(empty);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(id: &str) -> String {
        escaped(id, UNMATCHED)
    }

    #[test]
    fn odd_agent_ids_make_safe_keys() {
        assert_eq!(
            agent_record("agent-1001"),
            "agent-state/last/agent-1001.json"
        );
        assert_eq!(agent_record("a/b c"), "agent-state/last/a%2Fb%20c.json");
        assert_eq!(agent_record(".."), "agent-state/last/%2E..json");
    }

    #[test]
    fn an_empty_id_goes_to_the_unmatched_folder() {
        assert_eq!(folder(""), "~unmatched");
        assert_eq!(
            recording_record(None, "ab"),
            "recordings/~unmatched/ab.json"
        );
        assert_eq!(folder("~pending"), "%7Epending");
    }

    #[test]
    fn dot_segments_cannot_climb_out() {
        assert_eq!(folder(".."), "%2E.");
        assert_eq!(folder("a/../b"), "a%2F..%2Fb");
    }

    #[test]
    fn replayed_letters_go_under_their_kinds_replayed_folder_once() {
        let key = "dead-letters/agent-state/2026-11-24/m-1.json";

        let moved = replayed(key).unwrap();

        assert_eq!(
            moved,
            "dead-letters/agent-state/replayed/2026-11-24/m-1.json"
        );
        assert_eq!(replayed(&moved), None);
        assert_eq!(replayed("reports/latest.json"), None);
    }

    #[test]
    fn interaction_dead_letters_are_dated_and_safe_whatever_the_message_id() {
        let day: DateTime<Utc> = "2026-11-24T08:00:00Z".parse().unwrap();
        assert_eq!(
            interaction_dead_letter(day, "059f36b4-87a3-44ab-83d2-661975830a7d"),
            "dead-letters/interactions/2026-11-24/059f36b4-87a3-44ab-83d2-661975830a7d.json"
        );
        assert_eq!(
            interaction_dead_letter(day, "../a/b"),
            "dead-letters/interactions/2026-11-24/_a_b.json"
        );
        assert_eq!(
            interaction_dead_letter(day, ".."),
            "dead-letters/interactions/2026-11-24/unnamed.json"
        );
    }
}
