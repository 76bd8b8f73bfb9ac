//! What a contact trace record says about its recordings, and which agent leg of its transfer
//! chain a contact's agent is. Pure.
//!
//! - **Locations.** `Recording.Location` (and `Location` of each `Recordings[]` entry in newer
//!   records) is `<bucket>/<key>`: the bucket name first, no `s3://`. It is the reliable link from a
//!   recording object to its contact; the contact id in the file name is only the fallback.
//! - **Agent legs.** The interactions use case numbers a chain's agent legs in order (`agent`,
//!   `agent-2`, ...) and derives each leg's communication id from that; a contact with an agent
//!   contributes one agent leg. So the agent of the n-th contact that has an agent is agent leg n,
//!   and a transferred contact's recording binds to that agent's communication.

use serde_json::Value;

use super::chain::in_order;
use super::ctr::ContactTraceRecord;
use super::error::CtrError;

/// Where Connect stored one recording of a contact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordingLocation {
    /// The bucket.
    pub bucket: String,
    /// The key, as stored (not encoded).
    pub key: String,
}

/// The recordings a CTR names, in the order given; a location without a bucket or key is left out.
pub fn recording_locations(ctr: &ContactTraceRecord) -> Vec<RecordingLocation> {
    let single = ctr.recording.iter();
    let many = ctr.recordings.iter().flatten();
    let mut found: Vec<RecordingLocation> = single
        .chain(many)
        .filter_map(|r| r.get("Location").and_then(Value::as_str))
        .filter_map(location)
        .collect();
    found.dedup();
    found
}

fn location(text: &str) -> Option<RecordingLocation> {
    let text = text.strip_prefix("s3://").unwrap_or(text);
    let (bucket, key) = text.split_once('/')?;
    (!bucket.is_empty() && !key.is_empty()).then(|| RecordingLocation {
        bucket: bucket.to_owned(),
        key: key.to_owned(),
    })
}

/// The agent leg (1-based) of `contact_id`'s agent in the chain `contacts` (one version of each
/// contact); `None` when that contact had no agent.
///
/// # Errors
///
/// [`CtrError::Chain`] when the contacts are not one chain from its first contact, or
/// `contact_id` is not among them.
pub fn agent_leg_of(
    contacts: &[ContactTraceRecord],
    contact_id: &str,
) -> Result<Option<usize>, CtrError> {
    let chain = in_order(contacts)?;
    let mut legs = 0usize;
    for ctr in chain {
        if ctr.agent.is_some() {
            legs = legs.saturating_add(1);
        }
        if ctr.contact_id == contact_id {
            return Ok(ctr.agent.as_ref().map(|_| legs));
        }
    }
    Err(CtrError::Chain {
        initial_contact_id: contacts
            .first()
            .map(|c| c.chain_id().to_owned())
            .unwrap_or_default(),
        problem: format!("contact {contact_id} is not in the chain"),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::external::connect::parse_ctr;

    fn ctr(json: &str) -> ContactTraceRecord {
        parse_ctr(json).unwrap()
    }

    #[test]
    fn locations_come_from_recording_and_recordings_without_duplicates() {
        let record = ctr(r#"{"ContactId": "c1",
            "Recording": {"Location": "rec-bucket/connect/a/CallRecordings/2026/11/24/c1_20261124T08:16_UTC.wav", "Status": "AVAILABLE", "Type": "AUDIO"},
            "Recordings": [
              {"Location": "rec-bucket/connect/a/CallRecordings/2026/11/24/c1_20261124T08:16_UTC.wav", "MediaStreamType": "AUDIO"},
              {"Location": "no-key-here"}, {"Status": "DELETED"}
            ]}"#);

        let found = recording_locations(&record);

        assert_eq!(
            found,
            vec![RecordingLocation {
                bucket: "rec-bucket".into(),
                key: "connect/a/CallRecordings/2026/11/24/c1_20261124T08:16_UTC.wav".into(),
            }]
        );
        assert!(recording_locations(&ctr(r#"{"ContactId": "c2", "Recording": null}"#)).is_empty());
    }

    #[test]
    fn a_transferred_contacts_agent_is_the_chains_next_agent_leg() {
        let first = ctr(
            r#"{"ContactId": "c1", "NextContactId": "c2", "Agent": {"ARN": "a"}, "LastUpdateTimestamp": "2026-11-24T08:00:00Z"}"#,
        );
        let flow = ctr(
            r#"{"ContactId": "c2", "InitialContactId": "c1", "PreviousContactId": "c1", "NextContactId": "c3", "LastUpdateTimestamp": "2026-11-24T08:00:00Z"}"#,
        );
        let third = ctr(
            r#"{"ContactId": "c3", "InitialContactId": "c1", "PreviousContactId": "c2", "Agent": {"ARN": "b"}, "LastUpdateTimestamp": "2026-11-24T08:00:00Z"}"#,
        );
        let chain = [third, first, flow];

        assert_eq!(agent_leg_of(&chain, "c1").unwrap(), Some(1));
        assert_eq!(agent_leg_of(&chain, "c2").unwrap(), None);
        assert_eq!(agent_leg_of(&chain, "c3").unwrap(), Some(2));
        assert!(agent_leg_of(&chain, "c9").is_err());
        assert!(
            agent_leg_of(&chain[..1], "c3").is_err(),
            "the first contact is missing"
        );
    }
}
