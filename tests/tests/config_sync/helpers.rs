//! Shared set-up for config-sync tests.

use exsync::deadline::Deadline;
use exsync::external::ConfigSnapshot;
use exsync::mapping::MappingDocument;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::{DirStore, StateStore};
use exsync::sync::{ConfigSyncOutcome, Mode, config_sync};
use integration_tests::genesys::Genesys;

pub struct World {
    pub genesys: Genesys,
    pub store: StateStore,
    pub _dir: tempfile::TempDir,
}

impl World {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            genesys: Genesys::start().await,
            store: StateStore::Dir(DirStore::new(dir.path().join("state"))),
            _dir: dir,
        }
    }

    pub async fn sync(
        &self,
        snapshot: &ConfigSnapshot,
        mapping: &MappingDocument,
    ) -> ConfigSyncOutcome {
        self.sync_until(snapshot, mapping, Deadline::none()).await
    }

    pub async fn sync_until(
        &self,
        snapshot: &ConfigSnapshot,
        mapping: &MappingDocument,
        deadline: Deadline,
    ) -> ConfigSyncOutcome {
        config_sync(
            &self.genesys.client,
            &self.store,
            Desired { snapshot, mapping },
            "test",
            Mode::Apply,
            &ApplyOptions::default(),
            deadline,
        )
        .await
        .unwrap()
    }
}

/// Fails with the report's failures listed.
pub fn assert_clean(outcome: &ConfigSyncOutcome) {
    let failures: Vec<_> = outcome.report.apply.failures().collect();
    assert!(failures.is_empty(), "failed changes: {failures:#?}");
    assert!(!outcome.report.apply.stopped_early);
}

/// Write calls the emulator logged, as "METHOD /path/{id}/..." → count.
pub fn write_calls(
    genesys: &integration_tests::genesys::Genesys,
) -> std::collections::BTreeMap<String, usize> {
    let mut calls = std::collections::BTreeMap::new();
    for r in genesys.writes() {
        let path: Vec<String> = r
            .path
            .split('/')
            .map(|seg| {
                if seg.len() >= 32 && seg.chars().filter(|c| *c == '-').count() == 4 {
                    "{id}".to_owned()
                } else {
                    seg.to_owned()
                }
            })
            .collect();
        *calls
            .entry(format!("{} {}", r.method, path.join("/")))
            .or_insert(0) += 1;
    }
    calls
}
