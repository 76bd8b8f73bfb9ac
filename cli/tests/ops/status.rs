//! `exsync status` on an S3 state store (moto) holding a reconcile report with a failure, dead
//! letters of every kind (one replayed), recording records and Connect recordings waiting for
//! their contact trace record: the counts, as a table and as JSON.

use exsync::store::{PutMode, S3Store, StateStore, keys};
use exsync::sync::recordings::{RecordingRecord, RecordingStatus};
use integration_tests::MotoServer;
use serde_json::{Value, json};

use super::helpers::{agent_event, agent_state_letter, env, exsync};

fn report() -> Value {
    json!({
        "schema": "exsync.report/v1",
        "startedAt": "2026-11-24T06:00:00.000Z",
        "finishedAt": "2026-11-24T06:00:04.000Z",
        "trigger": "schedule",
        "mode": "apply",
        "planSummary": {"users/createUser": 2},
        "warnings": [],
        "apply": {
            "counts": {"planned": 2, "applied": 1, "failed": 1, "skipped": 0},
            "stoppedEarly": false,
            "blocked": [],
            "items": [
                {"phase": "users", "kind": "users", "externalId": "agent-1001", "genesysId": "g-1",
                 "action": "createUser", "outcome": "applied"},
                {"phase": "users", "kind": "users", "externalId": "agent-1002", "genesysId": null,
                 "action": "createUser", "outcome": "failed", "error": "400 bad request: email",
                 "retryable": false, "status": 400, "code": "bad.request",
                 "correlationId": "corr-7f3a"}
            ]
        },
        "genesys": {"calls": 9, "retries": 0, "throttled": 0,
                    "waited": {"secs": 0, "nanos": 0}, "tokenRequests": 1}
    })
}

async fn seed(store: &StateStore) {
    store
        .put_json(
            "reports/config-sync/latest.json",
            &report(),
            PutMode::Overwrite,
        )
        .await
        .unwrap();
    for (n, agent) in ["agent-1", "agent-2", "agent-3"].iter().enumerate() {
        let body = agent_event(&format!("e{n}"), agent, "2026-11-24T08:00:00.000Z");
        let key =
            agent_state_letter(store, &format!("m-{n}"), &body, "2026-11-24T08:00:01.000Z").await;
        if n == 2 {
            let (letter, _) = store.get_json::<Value>(&key).await.unwrap().unwrap();
            let moved = key.replace("agent-state/", "agent-state/replayed/");
            store
                .put_json(&moved, &letter, PutMode::Overwrite)
                .await
                .unwrap();
            store.delete(&key).await.unwrap();
        }
    }
    store
        .put_json(
            "dead-letters/interactions/2026-11-24/m-9.json",
            &json!({"schema": "exsync.dead-letter/v1", "function": "interactions", "messageId": "m-9",
                    "reason": "invalid interaction record", "deadLetteredAt": "2026-11-24T10:00:00Z",
                    "body": "{"}),
            PutMode::Overwrite,
        )
        .await
        .unwrap();
    for (n, status) in [
        RecordingStatus::Uploaded,
        RecordingStatus::Confirmed,
        RecordingStatus::Rejected,
    ]
    .into_iter()
    .enumerate()
    {
        let record =
            RecordingRecord::new("inbound", &format!("recordings/{n}.wav"), "\"e\"", status);
        let hash = format!("h{n}");
        store
            .put_json(
                &keys::recording_record(Some("call-1"), &hash),
                &record,
                PutMode::Overwrite,
            )
            .await
            .unwrap();
    }
    store
        .put_json(&keys::pending_upload("h0"), &json!({}), PutMode::Overwrite)
        .await
        .unwrap();
    for (hash, since) in [
        ("w1", "2026-11-24T09:00:00Z"),
        ("w2", "2026-11-24T07:30:00Z"),
    ] {
        let marker = json!({"bucket": "connect-recordings", "key": format!("connect/acme/CallRecordings/{hash}.wav"),
                            "contactId": format!("contact-{hash}"), "since": since});
        store
            .put_json(
                &keys::connect_waiting_recording(hash),
                &marker,
                PutMode::Overwrite,
            )
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_summarises_the_report_dead_letters_and_recordings_as_table_and_json() {
    let moto = MotoServer::start();
    let s3 = moto.bucket("state").await;
    let store = StateStore::S3(S3Store::new(s3, "state".into(), "exsync".into()));
    seed(&store).await;
    let env = env(&moto, "s3://state/exsync");

    let table = exsync(&["status"], &env).await;
    let json = exsync(&["status", "--json"], &env).await;

    assert_eq!(table.code, Some(0), "{}{}", table.stdout, table.stderr);
    let text = &table.stdout;
    assert!(text.contains("trigger schedule"), "{text}");
    assert!(
        text.contains("planned 2 · applied 1 · failed 1 · skipped 0"),
        "{text}"
    );
    let failure = text.lines().find(|l| l.contains("agent-1002")).unwrap();
    assert!(
        failure.contains("bad.request") && failure.contains("corr-7f3a"),
        "{failure}"
    );
    let counts = |kind: &str| -> Vec<String> {
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with(kind))
            .unwrap();
        row.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(counts("agent-state"), ["agent-state", "2", "1"]);
    assert_eq!(counts("interactions"), ["interactions", "1", "0"]);
    assert_eq!(counts("recordings"), ["recordings", "0", "0"]);
    assert!(text.contains("invalid interaction record"), "{text}");
    assert!(
        text.contains("uploaded 1 · confirmed 1 · upload failed 0 · rejected 1 · failed 0"),
        "{text}"
    );
    assert!(
        text.contains("3 records, 1 awaiting an upload report"),
        "{text}"
    );
    assert!(
        text.contains(
            "2 Connect recordings wait for their contact trace records \
             (the oldest since 2026-11-24T07:30:00+00:00); the schedule resumes them"
        ),
        "{text}"
    );
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    let summary: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(summary["recordings"]["waitingForContact"], 2);
    assert_eq!(
        summary["recordings"]["waitingSince"],
        "2026-11-24T07:30:00+00:00"
    );
    assert_eq!(summary["lastReconcile"]["counts"]["failed"], 1);
    assert_eq!(
        summary["lastReconcile"]["failures"][0]["correlationId"],
        "corr-7f3a"
    );
    assert_eq!(
        summary["lastReconcile"]["failures"][0]["code"],
        "bad.request"
    );
    assert_eq!(summary["deadLetters"][0]["kind"], "agent-state");
    assert_eq!(summary["deadLetters"][0]["waiting"], 2);
    assert_eq!(summary["deadLetters"][0]["replayed"], 1);
    assert_eq!(
        summary["deadLetters"][0]["newest"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(summary["deadLetters"][1]["waiting"], 1);
    assert_eq!(summary["recordings"]["confirmed"], 1);
    assert_eq!(summary["recordings"]["rejected"], 1);
    assert_eq!(summary["recordings"]["records"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_on_an_empty_store_says_there_is_nothing_yet() {
    let dir = tempfile::tempdir().unwrap();

    let run = exsync(
        &["status", "--state-url", &dir.path().display().to_string()],
        &[],
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("no reconcile report yet"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("no recording records"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_lists_uploads_pending_longer_than_the_overdue_age() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(exsync::store::DirStore::new(dir.path().to_path_buf()));
    let now = chrono::Utc::now();
    for (hash, hours_ago) in [("old", 30), ("fresh", 2)] {
        let marker = json!({
            "recordKey": format!("recordings/call-1/{hash}.json"),
            "uploadKey": format!("k-{hash}"),
            "fileName": format!("{hash}.wav"),
            "uploadedAt": (now - chrono::Duration::hours(hours_ago)).to_rfc3339(),
        });
        store
            .put_json(&keys::pending_upload(hash), &marker, PutMode::Overwrite)
            .await
            .unwrap();
    }
    let state = dir.path().display().to_string();

    let table = exsync(&["status", "--state-url", &state], &[]).await;
    let json = exsync(&["status", "--json", "--state-url", &state], &[]).await;
    let tighter = exsync(
        &[
            "status",
            "--json",
            "--overdue-hours",
            "1",
            "--state-url",
            &state,
        ],
        &[],
    )
    .await;

    assert_eq!(table.code, Some(0), "{}{}", table.stdout, table.stderr);
    assert!(
        table
            .stdout
            .contains("1 upload(s) pending for more than 24 h"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("old.wav"), "{}", table.stdout);
    assert!(!table.stdout.contains("fresh.wav"), "{}", table.stdout);
    let summary: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(summary["overdueUploads"][0]["uploadKey"], "k-old");
    assert_eq!(summary["overdueUploads"][0]["hours"], 30);
    let tighter: Value = serde_json::from_str(&tighter.stdout).unwrap();
    assert_eq!(tighter["overdueUploads"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_objects_lists_what_the_last_sync_left_in_one_state() {
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(exsync::store::DirStore::new(dir.path().to_path_buf()));
    let statuses = json!({
        "schema": "exsync.object-status/v1",
        "updatedAt": "2026-12-01T06:15:00.000Z",
        "objects": {"users": {
            "agent-1": {"state": "synced", "genesysId": "g-1", "lastSuccess": "2026-12-01T06:15:00.000Z"},
            "agent-2": {"state": "failed", "genesysId": "g-2", "lastSuccess": "2026-11-30T06:15:00.000Z",
                        "detail": "update: 409 version mismatch"},
            "agent-3": {"state": "skipped", "detail": "held back: email: `x` is not an email address"}
        }}
    });
    store
        .put_json("status/objects.json", &statuses, PutMode::Overwrite)
        .await
        .unwrap();
    let state = dir.path().display().to_string();

    let failed = exsync(
        &["status", "--objects", "failed", "--state-url", &state],
        &[],
    )
    .await;
    let skipped = exsync(
        &[
            "status",
            "--objects",
            "skipped",
            "--json",
            "--state-url",
            &state,
        ],
        &[],
    )
    .await;

    assert_eq!(failed.code, Some(0), "{}", failed.stderr);
    assert!(
        failed.stdout.starts_with("1 objects failed"),
        "{}",
        failed.stdout
    );
    assert!(
        failed.stdout.contains("agent-2") && failed.stdout.contains("409"),
        "{}",
        failed.stdout
    );
    assert!(!failed.stdout.contains("agent-1"), "{}", failed.stdout);
    let listed: Value = serde_json::from_str(&skipped.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["externalId"], "agent-3");
}
