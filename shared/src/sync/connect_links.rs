//! The state store's links from Amazon Connect contacts and recording objects to their transfer
//! chain: written by the interactions function for every contact trace record it reads, read by
//! the recordings function to find a recording's interaction.
//!
//! A CTR is kept under its chain (`connect/contacts/<initial>/<contact>.json`), which a recording
//! cannot find from its own contact id alone; the links close that gap:
//!
//! - [`keys::connect_contact_link`]: contact id → its `InitialContactId`;
//! - [`keys::connect_recording_link`]: each object the CTR's `Recording.Location` /
//!   `Recordings[].Location` names → its contact (the reliable link; the file name's contact id
//!   is the fallback).
//!
//! Both are overwritten with the same content by a redelivered CTR, so writing them is idempotent.

use serde::{Deserialize, Serialize};

use super::recordings::key_hash;
use crate::external::connect::{ContactTraceRecord, keep_latest, parse_ctr, recording_locations};
use crate::store::{PutMode, StateStore, StoreError, keys};

/// Where a contact belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactLink {
    /// The contact.
    pub contact_id: String,
    /// Its chain's first contact: the interaction id.
    pub initial_contact_id: String,
}

/// Writes the links of `ctr`: its contact, and each recording it names.
///
/// # Errors
/// Store failures.
pub async fn save_links(store: &StateStore, ctr: &ContactTraceRecord) -> Result<(), StoreError> {
    let link = ContactLink {
        contact_id: ctr.contact_id.clone(),
        initial_contact_id: ctr.chain_id().to_owned(),
    };
    store
        .put_json(
            &keys::connect_contact_link(&link.contact_id),
            &link,
            PutMode::Overwrite,
        )
        .await?;
    for location in recording_locations(ctr) {
        let hash = key_hash(&location.bucket, &location.key);
        store
            .put_json(
                &keys::connect_recording_link(&hash),
                &link,
                PutMode::Overwrite,
            )
            .await?;
    }
    Ok(())
}

/// The contact the CTRs name as the one recorded in `bucket`/`key`, if any.
///
/// # Errors
/// Store failures; an unreadable link.
pub async fn recording_link(
    store: &StateStore,
    bucket: &str,
    key: &str,
) -> Result<Option<ContactLink>, StoreError> {
    let hash = key_hash(bucket, key);
    Ok(store
        .get_json(&keys::connect_recording_link(&hash))
        .await?
        .map(|(link, _)| link))
}

/// The chain of `contact_id`, if its CTR has arrived.
///
/// # Errors
/// Store failures; an unreadable link.
pub async fn contact_link(
    store: &StateStore,
    contact_id: &str,
) -> Result<Option<ContactLink>, StoreError> {
    Ok(store
        .get_json(&keys::connect_contact_link(contact_id))
        .await?
        .map(|(link, _)| link))
}

/// The stored contacts of one chain, the newest version of each; a stored CTR that no longer
/// reads is left out (the interactions function dead-lettered it).
///
/// # Errors
/// Store failures.
pub async fn chain_contacts(
    store: &StateStore,
    initial_contact_id: &str,
) -> Result<Vec<ContactTraceRecord>, StoreError> {
    let mut contacts = Vec::new();
    for key in store.list(&keys::connect_chain(initial_contact_id)).await? {
        if let Some(stored) = store.get(&key).await?
            && let Ok(ctr) = parse_ctr(&String::from_utf8_lossy(&stored.body))
        {
            contacts.push(ctr);
        }
    }
    let readable: Vec<ContactTraceRecord> = contacts
        .into_iter()
        .filter(|c| c.last_updated().is_ok())
        .collect();
    Ok(keep_latest(readable).unwrap_or_default())
}
