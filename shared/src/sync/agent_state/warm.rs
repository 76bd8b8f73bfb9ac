//! What a warm function keeps between invocations: the id map (re-read at most every refresh
//! interval, re-parsed only when its ETag changed), the presence catalog built for that id map,
//! the users found by external id, and the unmapped values already logged.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::catalog::PresenceCatalog;
use super::error::AgentStateError;
use super::plan::AgentLookup;
use crate::deadline::Deadline;
use crate::genesys::GenesysClient;
use crate::mapping::StatusTable;
use crate::store::IdMap;
use crate::store::{ETag, StateStore, keys};

/// The warm state; see the module docs.
#[derive(Debug, Default)]
pub struct WarmState {
    idmap: Option<CachedIdMap>,
    catalog: Option<CachedCatalog>,
    lookups: HashMap<String, (AgentLookup, Instant)>,
    logged: HashSet<String>,
}

#[derive(Debug)]
struct CachedIdMap {
    map: Arc<IdMap>,
    etag: Option<ETag>,
    checked: Instant,
}

#[derive(Debug)]
struct CachedCatalog {
    catalog: Arc<PresenceCatalog>,
    for_etag: Option<ETag>,
    loaded: Instant,
}

impl WarmState {
    /// The id map, re-read from the store when the cached one is older than `refresh`. A failed
    /// re-read keeps the cached map (logged); with none cached the error is returned.
    ///
    /// # Errors
    /// The store's error when there is no cached map to fall back on.
    pub async fn idmap(
        &mut self,
        store: &StateStore,
        refresh: Duration,
    ) -> Result<Arc<IdMap>, AgentStateError> {
        if let Some(cached) = &self.idmap
            && cached.checked.elapsed() < refresh
        {
            return Ok(cached.map.clone());
        }
        match store.get(keys::IDMAP).await {
            Ok(found) => {
                let etag = found.as_ref().map(|v| v.etag.clone());
                if let Some(cached) = &mut self.idmap
                    && cached.etag == etag
                {
                    cached.checked = Instant::now();
                    return Ok(cached.map.clone());
                }
                let map = match found {
                    Some(v) => serde_json::from_slice(&v.body).map_err(|source| {
                        AgentStateError::Store(crate::store::StoreError::Json {
                            key: keys::IDMAP.into(),
                            source,
                        })
                    })?,
                    None => IdMap::new(),
                };
                tracing::info!(users = map.tables.users.len(), "id map loaded");
                let map = Arc::new(map);
                self.idmap = Some(CachedIdMap {
                    map: map.clone(),
                    etag,
                    checked: Instant::now(),
                });
                Ok(map)
            }
            Err(error) => match &self.idmap {
                Some(cached) => {
                    tracing::warn!(%error, "id map re-read failed; using the cached one");
                    Ok(cached.map.clone())
                }
                None => Err(error.into()),
            },
        }
    }

    /// The presence catalog for the current id map. The presence definitions are read (one call)
    /// only when the table has targets the id map cannot resolve, again when the id map changed,
    /// and at most once per `refresh` while a target stays unresolved.
    ///
    /// # Errors
    /// The listing's error.
    pub async fn catalog(
        &mut self,
        client: &GenesysClient,
        table: &StatusTable,
        refresh: Duration,
        deadline: Deadline,
    ) -> Result<Arc<PresenceCatalog>, AgentStateError> {
        let Some(CachedIdMap { map, etag, .. }) = &self.idmap else {
            return Ok(Arc::new(PresenceCatalog::default()));
        };
        let current = match &self.catalog {
            Some(c) if c.for_etag == *etag => c.catalog.clone(),
            _ => Arc::new(PresenceCatalog::from_idmap(map)),
        };
        let stale_labels = current.labels_loaded
            && self
                .catalog
                .as_ref()
                .is_some_and(|c| c.loaded.elapsed() >= refresh)
            && table_unresolved(&current, table);
        if !current.wants_definitions(table) && !stale_labels {
            self.catalog = Some(CachedCatalog {
                loaded: self
                    .catalog
                    .as_ref()
                    .map_or_else(Instant::now, |c| c.loaded),
                catalog: current.clone(),
                for_etag: etag.clone(),
            });
            return Ok(current);
        }
        let definitions = client.list_presence_definitions(deadline).await?;
        let catalog = Arc::new(PresenceCatalog::from_definitions(map, &definitions));
        tracing::info!(
            definitions = definitions.len(),
            labels = catalog.secondary.len(),
            "presence definitions read"
        );
        self.catalog = Some(CachedCatalog {
            catalog: catalog.clone(),
            for_etag: etag.clone(),
            loaded: Instant::now(),
        });
        Ok(catalog)
    }

    /// A remembered lookup of an agent missing from the id map, if younger than `ttl`.
    pub fn remembered(&self, agent: &str, ttl: Duration) -> Option<AgentLookup> {
        self.lookups
            .get(agent)
            .filter(|(_, at)| at.elapsed() < ttl)
            .map(|(lookup, _)| lookup.clone())
    }

    /// Remembers a lookup (found or unknown; a failed lookup is not remembered).
    pub fn remember(&mut self, agent: &str, lookup: AgentLookup) {
        if !matches!(lookup, AgentLookup::Retry(_)) {
            self.lookups
                .insert(agent.to_owned(), (lookup, Instant::now()));
        }
    }

    /// True the first time a value is seen by this process: log it then.
    pub fn first_time(&mut self, value: &str) -> bool {
        self.logged.insert(value.to_owned())
    }
}

fn table_unresolved(catalog: &PresenceCatalog, table: &StatusTable) -> bool {
    table
        .rules
        .iter()
        .map(|r| &r.presence)
        .chain(std::iter::once(&table.fallback.presence))
        .any(|t| catalog.resolve(t).is_none())
}
