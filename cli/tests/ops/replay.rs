//! `exsync replay --from-dead-letters agent-state` to a FIFO queue: messages arrive with the
//! agent as their group, the letters move to `replayed/`, a second replay sends nothing,
//! `--since` leaves older letters alone and `--dry-run` changes nothing.

use integration_tests::MotoServer;

use super::helpers::{
    agent_event, agent_state_letter, depth, dir_store, drain, env, exsync, group, queue,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_agent_state_letters_reach_the_fifo_queue_once_with_their_agent_as_group() {
    let moto = MotoServer::start();
    let sqs = moto.sqs().await;
    let url = queue(&sqs, "agent-state.fifo").await;
    let dir = tempfile::tempdir().unwrap();
    let (store, state) = dir_store(dir.path());
    let single = agent_event("e1", "agent-1001", "2026-11-24T08:00:00.000Z");
    let array = format!(
        "[{}]",
        agent_event("e2", "agent-1002", "2026-11-24T08:01:00.000Z")
    );
    let old = agent_event("e0", "agent-1003", "2026-01-05T08:00:00.000Z");
    let first = agent_state_letter(&store, "m-1", &single, "2026-11-24T08:00:01.000Z").await;
    let second = agent_state_letter(&store, "m-2", &array, "2026-11-24T08:01:01.000Z").await;
    let older = agent_state_letter(&store, "m-0", &old, "2026-01-05T08:00:01.000Z").await;
    let args = [
        "replay",
        "--from-dead-letters",
        "agent-state",
        "--since",
        "2026-11-01",
        "--queue-url",
        &url,
    ];

    let run = exsync(&args, &env(&moto, &state)).await;
    let arrived = drain(&sqs, &url).await;
    let again = exsync(&args, &env(&moto, &state)).await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let row = run.stdout.lines().find(|l| l.contains(&first)).unwrap();
    assert!(
        row.contains("unknown agent") && row.contains("sent (group agent-1001)"),
        "{row}"
    );
    let mut got: Vec<(Option<String>, String)> = arrived
        .iter()
        .map(|m| (group(m), m.body().unwrap().to_owned()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (Some("agent-1001".to_owned()), single.clone()),
            (Some("agent-1002".to_owned()), array.clone()),
        ]
    );
    let replay_of = arrived[0].message_attributes().unwrap()["exsync-replay-of"]
        .string_value()
        .unwrap()
        .to_owned();
    assert!([&first, &second].contains(&&replay_of), "{replay_of}");
    for key in [&first, &second] {
        assert!(
            store.get(key).await.unwrap().is_none(),
            "{key} still waiting"
        );
        let moved = key.replace("agent-state/", "agent-state/replayed/");
        let (letter, _) = store
            .get_json::<serde_json::Value>(&moved)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(letter["replayed"]["to"], url.as_str());
    }
    assert!(
        store.get(&older).await.unwrap().is_some(),
        "--since must leave the older letter"
    );
    assert_eq!(again.code, Some(0), "{}{}", again.stdout, again.stderr);
    assert!(
        again
            .stdout
            .starts_with("No agent-state dead letters to replay"),
        "{}",
        again.stdout
    );
    assert_eq!(depth(&sqs, &url).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_lists_the_letters_and_sends_and_moves_nothing() {
    let moto = MotoServer::start();
    let sqs = moto.sqs().await;
    let url = queue(&sqs, "agent-state.fifo").await;
    let dir = tempfile::tempdir().unwrap();
    let (store, state) = dir_store(dir.path());
    let body = agent_event("e1", "agent-1001", "2026-11-24T08:00:00.000Z");
    let key = agent_state_letter(&store, "m-1", &body, "2026-11-24T08:00:01.000Z").await;

    let run = exsync(
        &[
            "replay",
            "--from-dead-letters",
            "agent-state",
            "--queue-url",
            &url,
            "--dry-run",
        ],
        &env(&moto, &state),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let row = run.stdout.lines().find(|l| l.contains(&key)).unwrap();
    assert!(row.contains("would send (group agent-1001)"), "{row}");
    assert_eq!(depth(&sqs, &url).await, 0);
    assert!(store.get(&key).await.unwrap().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_kind_without_a_queue_url_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, state) = dir_store(dir.path());

    let run = exsync(
        &["replay", "--from-dead-letters", "interactions"],
        &[("EXSYNC_STATE_URL".to_owned(), state)],
    )
    .await;

    assert_eq!(run.code, Some(2), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--queue-url"), "{}", run.stderr);
}
