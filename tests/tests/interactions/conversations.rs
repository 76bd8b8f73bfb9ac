//! The six example calls, read back from the emulator: participants, external tag, start and
//! end, wrap-up codes, disconnect types, transfers, and the demo's printout.

use chrono::{DateTime, Utc};
use exsync::deadline::Deadline;
use exsync::sync::interactions::{MessageResult, conversation_ids};
use exsync_cli::demo::example_calls::send_example_calls;
use integration_tests::examples;
use serde_json::Value;

use super::helpers::{World, all_examples};

fn time(value: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value)
        .unwrap()
        .with_timezone(&Utc)
}

struct Expected {
    interaction: &'static str,
    purposes: &'static [&'static str],
    start: &'static str,
    end: &'static str,
    /// (external agent, external wrap-up code) of every agent leg, in order
    wrapups: &'static [(&'static str, &'static str)],
    /// disconnect types in participant order
    disconnects: &'static [&'static str],
}

const EXPECTED: [Expected; 6] = [
    Expected {
        interaction: "call-20261124-0001",
        purposes: &["customer", "ivr", "acd", "agent"],
        start: "2026-11-24T08:10:00Z",
        end: "2026-11-24T08:16:40Z",
        wrapups: &[("agent-1001", "wu-resolved")],
        disconnects: &["Self", "Transfer", "TransferACD", "Peer"],
    },
    Expected {
        interaction: "call-20261124-0002",
        purposes: &["customer", "ivr", "acd", "agent"],
        start: "2026-11-24T08:20:00Z",
        end: "2026-11-24T08:31:10Z",
        wrapups: &[("agent-1002", "wu-info")],
        disconnects: &["Peer", "Transfer", "TransferACD", "Self"],
    },
    Expected {
        interaction: "call-20261124-0003",
        purposes: &["customer", "ivr", "acd", "agent", "acd", "agent"],
        start: "2026-11-24T09:02:00Z",
        end: "2026-11-24T09:15:20Z",
        wrapups: &[
            ("agent-1003", "wu-escalated"),
            ("agent-1004", "wu-retained"),
        ],
        disconnects: &[
            "Self",
            "Transfer",
            "TransferACD",
            "Transfer",
            "TransferACD",
            "Peer",
        ],
    },
    Expected {
        interaction: "call-20261124-0004",
        purposes: &["customer", "ivr", "acd", "agent", "agent"],
        start: "2026-11-24T09:40:00Z",
        end: "2026-11-24T09:52:30Z",
        wrapups: &[
            ("agent-1001", "wu-escalated"),
            ("agent-1005", "wu-complaint"),
        ],
        disconnects: &["Self", "Transfer", "TransferACD", "TransferConsult", "Peer"],
    },
    Expected {
        interaction: "call-20261124-0005",
        purposes: &["customer", "ivr", "acd"],
        start: "2026-11-24T10:05:00Z",
        end: "2026-11-24T10:08:45Z",
        wrapups: &[],
        disconnects: &["Self", "Transfer", "Peer"],
    },
    Expected {
        interaction: "call-20261124-0006",
        purposes: &["agent", "customer"],
        start: "2026-11-24T10:30:00Z",
        end: "2026-11-24T10:36:20Z",
        wrapups: &[("agent-1002", "wu-callback")],
        disconnects: &["Self", "Peer"],
    },
];

#[tokio::test]
async fn example_calls_become_conversations_with_participants_tag_times_and_wrapups() {
    let world = World::new().await;

    let outcome = world.send(&all_examples()).await;

    let counts = (outcome.applied, outcome.retried, outcome.dead_lettered);
    assert_eq!(counts, (6, 0, 0), "{:#?}", outcome.messages);
    // round 1: the first step of all six calls; rounds 2 and 3: the transfers' later steps
    assert_eq!(outcome.conversation_calls, 3);
    assert_eq!(world.conversation_event_calls().len(), 3);
    let idmap = world.idmap().await;
    let source = idmap.presence_source_id.clone().unwrap();
    for expected in &EXPECTED {
        let ids = conversation_ids(&source, expected.interaction);
        let conversation = world
            .genesys
            .client
            .get_conversation(&ids.conversation_id, Deadline::none())
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{} was not built", expected.interaction));
        let what = expected.interaction;
        assert_eq!(conversation.external_tag.as_deref(), Some(what));
        assert_eq!(
            time(conversation.start_time.as_deref().unwrap()),
            time(expected.start),
            "{what}"
        );
        assert_eq!(
            time(conversation.end_time.as_deref().unwrap()),
            time(expected.end),
            "{what}"
        );
        let mut purposes: Vec<&str> = conversation
            .participants
            .iter()
            .map(|p| p.purpose.as_deref().unwrap())
            .collect();
        let mut want = expected.purposes.to_vec();
        purposes.sort_unstable();
        want.sort_unstable();
        assert_eq!(purposes, want, "{what}");
        let wrapups: Vec<(String, String)> = conversation
            .participants
            .iter()
            .filter(|p| p.purpose.as_deref() == Some("agent"))
            .map(|p| {
                let user = p.user_id.as_deref().unwrap();
                let code = p
                    .wrapup
                    .as_ref()
                    .and_then(|w| w["code"].as_str())
                    .unwrap_or("");
                (
                    idmap
                        .tables
                        .users
                        .iter()
                        .find(|(_, g)| *g == user)
                        .unwrap()
                        .0
                        .to_string(),
                    idmap
                        .tables
                        .wrapup_codes
                        .iter()
                        .find(|(_, g)| *g == code)
                        .map(|(e, _)| e.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = expected
            .wrapups
            .iter()
            .map(|(a, w)| ((*a).to_owned(), (*w).to_owned()))
            .collect();
        assert_eq!(wrapups, want, "{what}");
        let state = world.conversation_state(&ids.conversation_id);
        assert_eq!(state["sourceId"], source.as_str(), "{what}");
        assert_eq!(state["interactionId"], what);
        let mut disconnects: Vec<&str> = participants(&state)
            .iter()
            .map(|p| p["disconnectType"].as_str().unwrap())
            .collect();
        let mut want = expected.disconnects.to_vec();
        disconnects.sort_unstable();
        want.sort_unstable();
        assert_eq!(disconnects, want, "{what}");
        assert!(
            participants(&state).iter().all(|p| p["held"] == false),
            "{what}"
        );
    }
}

fn participants(state: &Value) -> &Vec<Value> {
    state["participants"].as_array().unwrap()
}

#[tokio::test]
async fn transfers_are_recorded_complete_in_the_emulator() {
    let world = World::new().await;

    world.send(&all_examples()).await;

    let source = world.idmap().await.presence_source_id.unwrap();
    let blind =
        world.conversation_state(&conversation_ids(&source, "call-20261124-0003").conversation_id);
    let transfers = blind["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0]["transferType"], "Unattended");
    assert_eq!(
        transfers[0]["state"], "Complete",
        "endTransfer must follow routingTransfer"
    );
    let consult =
        world.conversation_state(&conversation_ids(&source, "call-20261124-0004").conversation_id);
    let transfers = consult["transfers"].as_array().unwrap();
    assert_eq!(transfers[0]["transferType"], "Attended");
}

#[tokio::test]
async fn the_demo_function_prints_each_conversation_with_participants_and_tag() {
    let world = World::new().await;
    let dir = examples::dir().join("interactions");

    let (outcome, calls) = send_example_calls(
        &world.genesys.client,
        &world.store,
        &world.settings,
        &dir,
        Deadline::none(),
    )
    .await
    .unwrap();

    assert_eq!(outcome.applied, 6);
    assert_eq!(calls.len(), 6);
    assert!(
        calls
            .iter()
            .all(|c| matches!(c.result, MessageResult::Applied { .. }))
    );
    let text: String = calls.iter().map(ToString::to_string).collect();
    println!("{text}");
    assert!(text.contains("externalTag call-20261124-0001"), "{text}");
    assert!(text.contains("agent-1001"), "{text}");
    assert!(text.contains("wrap-up wu-resolved"), "{text}");
    assert!(text.contains("q-retention-de"), "{text}");
    assert_eq!(
        calls[4].legs.len(),
        3,
        "the abandoned call has customer, ivr and queue"
    );
}
