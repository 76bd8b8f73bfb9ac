//! Saving the id map when another writer got there first: this run's changes are laid over the
//! other's, and nothing either run removed comes back.

use super::*;
use crate::store::DirStore;

const U: ObjectKind = ObjectKind::Users;
const Q: ObjectKind = ObjectKind::Queues;

fn map(entries: &[(ObjectKind, &str, &str)]) -> IdMap {
    let mut map = IdMap::new();
    for (kind, external, genesys) in entries {
        map.set(*kind, external, genesys);
    }
    map
}

#[test]
fn a_mapping_this_run_removed_does_not_come_back() {
    let loaded = map(&[(U, "a", "g-a"), (U, "b", "g-b")]);
    let ours = map(&[(U, "a", "g-a")]);
    let stored = map(&[(U, "a", "g-a"), (U, "b", "g-b"), (Q, "q", "g-q")]);
    let merged = merge(stored, &loaded, &ours);
    assert_eq!(merged, map(&[(U, "a", "g-a"), (Q, "q", "g-q")]));
}

#[test]
fn what_the_other_writer_changed_stays_where_this_run_did_not_touch_it() {
    let loaded = map(&[(U, "a", "g-a"), (U, "b", "g-b")]);
    let ours = map(&[(U, "a", "g-a2"), (U, "b", "g-b"), (U, "c", "g-c")]);
    // meanwhile the other writer removed b and mapped d
    let stored = map(&[(U, "a", "g-a"), (U, "d", "g-d")]);
    let merged = merge(stored, &loaded, &ours);
    assert_eq!(
        merged,
        map(&[(U, "a", "g-a2"), (U, "c", "g-c"), (U, "d", "g-d")])
    );
}

#[test]
fn a_mapping_this_run_removed_stays_when_the_other_writer_changed_it() {
    let loaded = map(&[(U, "a", "g-a")]);
    let ours = IdMap::new();
    let stored = map(&[(U, "a", "g-a-readopted")]);
    let merged = merge(stored, &loaded, &ours);
    assert_eq!(merged, map(&[(U, "a", "g-a-readopted")]));
}

#[test]
fn the_journal_keeps_both_runs_entries_but_none_cleared_or_mapped() {
    let mut loaded = IdMap::new();
    loaded.creating = ["x", "y"].map(ExternalId::from).into();
    let mut ours = map(&[(U, "x", "g-x")]);
    ours.creating = ["z"].map(ExternalId::from).into();
    let mut stored = IdMap::new();
    stored.creating = ["x", "y", "w"].map(ExternalId::from).into();
    let merged = merge(stored, &loaded, &ours);
    let expected: BTreeSet<ExternalId> = ["w", "z"].map(ExternalId::from).into();
    assert_eq!(merged.creating, expected);
    assert_eq!(merged.get(U, "x"), Some("g-x"));
}

#[test]
fn the_presence_source_is_kept_unless_this_run_set_it() {
    let loaded = IdMap::new();
    let mut stored = IdMap::new();
    stored.presence_source_id = Some("theirs".into());
    assert_eq!(
        merge(stored.clone(), &loaded, &loaded)
            .presence_source_id
            .as_deref(),
        Some("theirs")
    );
    let mut ours = IdMap::new();
    ours.presence_source_id = Some("ours".into());
    assert_eq!(
        merge(stored, &loaded, &ours).presence_source_id.as_deref(),
        Some("ours")
    );
}

#[tokio::test]
async fn a_lost_race_is_merged_and_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    let first = map(&[(U, "a", "g-a"), (U, "b", "g-b")]);
    let (_, etag) = save_idmap(&store, &IdMap::new(), &first, None)
        .await
        .unwrap();
    // another writer maps q after this run loaded the map
    let other = map(&[(U, "a", "g-a"), (U, "b", "g-b"), (Q, "q", "g-q")]);
    save_idmap(&store, &first, &other, Some(etag.clone()))
        .await
        .unwrap();
    // this run removes b with the ETag it loaded: it loses the race and merges
    let ours = map(&[(U, "a", "g-a")]);
    let (written, _) = save_idmap(&store, &first, &ours, Some(etag)).await.unwrap();
    let (stored, _) = load_idmap(&store).await.unwrap();
    assert_eq!(stored, written);
    assert_eq!(stored, map(&[(U, "a", "g-a"), (Q, "q", "g-q")]));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// A users table over a few external ids, so the three maps overlap often.
    fn table() -> impl Strategy<Value = BTreeMap<String, String>> {
        prop::collection::btree_map("[a-e]", "g[1-3]", 0..5)
    }

    fn journal() -> impl Strategy<Value = BTreeSet<String>> {
        prop::collection::btree_set("[a-h]", 0..4)
    }

    fn idmap(users: &BTreeMap<String, String>, creating: &BTreeSet<String>) -> IdMap {
        let mut map = IdMap::new();
        for (e, g) in users {
            map.set(U, e, g);
        }
        map.creating = creating
            .iter()
            .map(|e| ExternalId::from(e.as_str()))
            .collect();
        map
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn each_side_keeps_what_it_changed_and_the_other_did_not(
            (stored, loaded, ours) in (table(), table(), table()),
            (j_stored, j_loaded, j_ours) in (journal(), journal(), journal()),
        ) {
            let merged = merge(
                idmap(&stored, &j_stored),
                &idmap(&loaded, &j_loaded),
                &idmap(&ours, &j_ours),
            );
            for e in ["a", "b", "c", "d", "e"] {
                let got = merged.get(U, e);
                let theirs = stored.get(e).map(String::as_str);
                let before = loaded.get(e).map(String::as_str);
                let mine = ours.get(e).map(String::as_str);
                if mine != before && mine.is_some() {
                    prop_assert_eq!(got, mine, "this run set {}", e);
                } else if mine.is_none() && before.is_some() && theirs == before {
                    prop_assert_eq!(got, None, "this run removed {}", e);
                } else {
                    prop_assert_eq!(got, theirs, "this run left {} to the other writer", e);
                }
            }
            for e in &merged.creating {
                prop_assert!(merged.get(U, e.as_str()).is_none(), "{} is mapped", e);
                let e = e.as_str().to_owned();
                prop_assert!(j_ours.contains(&e) || (j_stored.contains(&e) && !j_loaded.contains(&e)));
            }
        }

        #[test]
        fn with_no_other_writer_the_merge_is_this_runs_map(
            loaded in table(), ours in table(), j_loaded in journal(), j_ours in journal(),
        ) {
            let merged = merge(idmap(&loaded, &j_loaded), &idmap(&loaded, &j_loaded), &idmap(&ours, &j_ours));
            let expected = idmap(&ours, &j_ours);
            prop_assert_eq!(merged.table(U), expected.table(U));
            let unmapped: BTreeSet<ExternalId> = expected
                .creating
                .iter()
                .filter(|e| !ours.contains_key(e.as_str()))
                .cloned()
                .collect();
            prop_assert_eq!(merged.creating, unmapped);
        }
    }
}
