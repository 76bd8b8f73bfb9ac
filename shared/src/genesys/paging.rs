//! Page-number pagination and the unpaged listings.
//!
//! Genesys lists most collections as `{entities, pageSize, pageNumber, total, pageCount, nextUri}`
//! with a 1-based `pageNumber`. [`GenesysClient::list_all`] walks every page and checks the result
//! against `total`: a listing that ends short of it is an error, never a silent truncation (an
//! object missing from the actual state would otherwise be planned as a create).

use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use crate::deadline::Deadline;

/// One page of a page-number listing.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// the page's entities
    #[serde(default = "Vec::new")]
    pub entities: Vec<T>,
    /// entities in the whole listing (absent on some listings, e.g. queue members)
    #[serde(default)]
    pub total: Option<u64>,
    /// pages in the whole listing
    #[serde(default)]
    pub page_count: Option<u64>,
    /// the next page, absent on the last
    #[serde(default)]
    pub next_uri: Option<String>,
}

/// An unpaged listing: `{total, entities}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unpaged<T> {
    /// all entities
    #[serde(default = "Vec::new")]
    pub entities: Vec<T>,
    /// their count, when the server sends it
    #[serde(default)]
    pub total: Option<u64>,
}

/// Safety stop: no listing this client reads has anywhere near this many pages.
const MAX_PAGES: u64 = 100_000;

impl GenesysClient {
    /// Reads every page of a page-number listing.
    ///
    /// `query` is sent with every page; `page_size` should be the endpoint's maximum.
    ///
    /// # Errors
    /// Any call's error, or [`GenesysError::TruncatedListing`] when fewer than `total` entities came.
    pub async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&'static str, String)],
        page_size: u32,
        deadline: Deadline,
    ) -> Result<Vec<T>, GenesysError> {
        let mut all = Vec::new();
        let mut total = None;
        for page_number in 1..=MAX_PAGES {
            let mut call = Call::new(Method::GET, path)
                .query("pageSize", page_size)
                .query("pageNumber", page_number);
            call.query.extend(query.iter().cloned());
            let page: Page<T> = self.send_json(call, deadline).await?;
            let received = page.entities.len() as u64;
            total = page.total.or(total);
            all.extend(page.entities);
            let last = match page.page_count {
                Some(count) => page_number >= count,
                None => page.next_uri.is_none() || received < u64::from(page_size),
            };
            if last || received == 0 {
                break;
            }
        }
        if let Some(total) = total
            && (all.len() as u64) < total
        {
            return Err(GenesysError::TruncatedListing {
                path: path.to_owned(),
                total,
                got: all.len() as u64,
            });
        }
        Ok(all)
    }

    /// Reads an unpaged `{total, entities}` listing.
    ///
    /// # Errors
    /// The call's error, or [`GenesysError::TruncatedListing`] when `total` exceeds what came.
    pub async fn list_unpaged<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&'static str, String)],
        deadline: Deadline,
    ) -> Result<Vec<T>, GenesysError> {
        let mut call = Call::new(Method::GET, path);
        call.query.extend(query.iter().cloned());
        let listing: Unpaged<T> = self.send_json(call, deadline).await?;
        if let Some(total) = listing.total
            && (listing.entities.len() as u64) < total
        {
            return Err(GenesysError::TruncatedListing {
                path: path.to_owned(),
                total,
                got: listing.entities.len() as u64,
            });
        }
        Ok(listing.entities)
    }
}
