//! `exsync demo` runs the example org through the emulator and shows both plans and the org.

use super::helpers::exsync;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_runs_both_syncs_and_shows_the_leaver_and_the_renamed_queue() {
    let elsewhere = tempfile::tempdir().unwrap();

    let run = exsync(&["demo"], &[], elsewhere.path()).await;

    assert_eq!(
        run.code,
        Some(0),
        "stderr: {}\nstdout: {}",
        run.stderr,
        run.stdout
    );
    let out = &run.stdout;
    for heading in [
        "1. Initial sync: examples/config/initial.json",
        "2. A day later: examples/config/changed.json",
        "3. The org in Genesys, read back through the API",
        "4. Agent presence and routing status: examples/agent-state/shift.json",
        "5. Interactions: examples/interactions/*.json as Genesys conversations",
        "6. Recordings: examples/recordings/ uploaded for quality management and speech analytics",
    ] {
        assert!(out.contains(heading), "missing {heading:?} in\n{out}");
    }
    assert_eq!(out.matches("  Plan: ").count(), 2, "{out}");
    assert_eq!(out.matches("· failed 0 · skipped 0").count(), 2, "{out}");
    let line = |needles: &[&str]| {
        out.lines()
            .find(|l| needles.iter().all(|n| l.contains(n)))
            .unwrap_or_else(|| panic!("no line with {needles:?} in\n{out}"))
            .to_owned()
    };
    line(&[
        "cleanup",
        "agent-1030",
        "deactivateUser",
        "no longer in the snapshot",
    ]);
    line(&["q-tech-en", "update", "name: Technical Support EN →"]);
    line(&["users", "agent-1060", "createUser"]);
    line(&["agent-1030", "Harry Walsh", "inactive"]);
    line(&[
        "q-tech-en",
        "Technical Support UK & Ireland",
        "UK & Ireland",
    ]);
    assert!(out.contains("6000 requests/minute"), "{out}");
    // the shift: the duplicate and the late message are skipped, lunch shows as its secondary status
    line(&["agent-1003", "skipped, duplicate"]);
    line(&["agent-1002", "skipped, stale"]);
    line(&["Meal (Lunch)", "OffQueue"]);
    // the calls: every conversation carries its external tag, the abandoned one never reached an agent
    line(&["6 records: 6 applied, 0 dead-lettered, 0 retried"]);
    line(&["conversation", "externalTag call-20261124-0005"]);
    // the recordings: graded, uploaded and bound; the corrupt one rejected with the reason
    line(&[
        "call-20261124-0001.wav: uploaded",
        "speech analytics",
        "Genesys lists 1 (AVAILABLE)",
    ]);
    line(&["call-20261124-0003.wav: uploaded", "archive-only"]);
    line(&["call-20261124-0004.wav: rejected: truncated"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_with_a_state_dir_keeps_the_id_map_and_both_reports() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");

    let run = exsync(
        &["demo", "--state-dir", state.to_str().unwrap()],
        &[],
        dir.path(),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let idmap: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state.join("idmap.json")).unwrap()).unwrap();
    assert_eq!(idmap["users"].as_object().unwrap().len(), 61);
    let reports = std::fs::read_dir(state.join("reports/config-sync"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy() != "latest.json"
        })
        .count();
    assert_eq!(reports, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_on_connect_syncs_the_instance_and_carries_its_day_into_genesys() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");

    let run = exsync(
        &[
            "demo",
            "--platform",
            "connect",
            "--state-dir",
            state.to_str().unwrap(),
        ],
        &[],
        dir.path(),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}\n{}", run.stderr, run.stdout);
    let out = &run.stdout;
    // 60 users, every 30th without an email: 58 read as syncable, the other two held back by name
    assert!(out.contains("read: 58 users, 6 queues"), "{out}");
    assert_eq!(out.matches("held back: users[").count(), 2, "{out}");
    assert!(out.contains("IdentityInfo.Email"), "{out}");
    assert!(out.contains(" 0 failed"), "{out}");
    // the transfer chain is one conversation, and the recording binds to it
    assert!(
        out.contains("3 contact trace records: 3 applied, 0 dead-lettered, 0 retried"),
        "{out}"
    );
    assert_eq!(out.matches("  conversation ").count(), 2, "{out}");
    let transfer = out
        .lines()
        .find(|l| l.contains("for contact d0000000-0000-4000-8000-000000000002"))
        .expect("the transfer's conversation");
    assert!(transfer.ends_with("6 participants"), "{transfer}");
    let conversation = transfer.split_whitespace().nth(1).unwrap();
    assert!(
        out.contains(&format!(
            "Uploaded: contact d0000000-0000-4000-8000-000000000002 → conversation {conversation}"
        )),
        "{out}"
    );

    // the id map in the state directory names Connect's user ids, and both agents' day arrived
    let idmap: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state.join("idmap.json")).unwrap()).unwrap();
    assert_eq!(idmap["users"].as_object().unwrap().len(), 58);
    assert!(
        out.contains("16 agent events: 12 applied, 4 skipped"),
        "{out}"
    );
    assert_eq!(
        out.matches("OnQueue                      Interacting")
            .count(),
        2,
        "{out}"
    );
}
