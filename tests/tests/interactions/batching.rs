//! Batch size: no call carries more events than the batch size, a step longer than a batch is
//! split over calls in order, and the conversations come out the same whatever the size.

use serde_json::{Value, json};

use super::helpers::{World, all_examples, event_ids, example, message};

fn event_count(body: &Value) -> usize {
    event_ids(body).len()
}

#[tokio::test]
async fn a_call_with_more_events_than_a_batch_holds_is_split_over_calls_in_order() {
    let world = World::new().await;
    let mut record: Value = serde_json::from_str(&example("02-hold").body).unwrap();
    // 60 holds of 2 s each between 08:22:00 and 08:24:00: 120 hold events
    let holds: Vec<Value> = (0..60)
        .map(|i| {
            let at = |s: u32| format!("2026-11-24T08:{:02}:{:02}Z", 22 + s / 60, s % 60);
            json!({"startedAt": at(i * 2), "endedAt": at(i * 2 + 1)})
        })
        .collect();
    record["segments"][2]["holds"] = Value::Array(holds);

    let outcome = world.send(&[message("many-holds", &record)]).await;

    assert_eq!(outcome.applied, 1, "{:#?}", outcome.messages);
    assert_eq!(outcome.events_sent, 10 + 120);
    let sizes: Vec<usize> = world
        .conversation_event_calls()
        .iter()
        .map(event_count)
        .collect();
    assert_eq!(sizes, [100, 30]);
}

#[tokio::test]
async fn with_a_small_batch_size_every_call_stays_within_it_and_the_result_is_the_same() {
    let mut small = World::new().await;
    small.settings.event_batch_size = 5;
    let large = World::new().await;

    let a = small.send(&all_examples()).await;
    let b = large.send(&all_examples()).await;

    assert_eq!((a.applied, b.applied), (6, 6));
    let sizes: Vec<usize> = small
        .conversation_event_calls()
        .iter()
        .map(event_count)
        .collect();
    assert!(sizes.iter().all(|&n| n <= 5), "{sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), a.events_sent);
    assert!(a.conversation_calls >= a.events_sent / 5);
    let view = |world: &World| -> Vec<Value> {
        let mut conversations = world.genesys.emulator.state_json()["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let participants: Vec<Value> = c["participants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        json!([
                            p["purpose"],
                            p["startTime"],
                            p["endTime"],
                            p["disconnectType"],
                            p["wrapup"]["code"]
                        ])
                    })
                    .collect();
                json!([
                    c["externalTag"],
                    c["startTime"],
                    c["endTime"],
                    participants,
                    c["transfers"].as_array().unwrap().len()
                ])
            })
            .collect::<Vec<Value>>();
        conversations.sort_by_key(|c| c[0].to_string());
        conversations
    };
    let (small_view, large_view) = (view(&small), view(&large));
    // user, queue and wrap-up ids differ between the two emulators: compare all but those
    assert_eq!(small_view.len(), 6);
    for (x, y) in small_view.iter().zip(&large_view) {
        assert_eq!(x[0], y[0]);
        assert_eq!(x[1], y[1]);
        assert_eq!(x[2], y[2]);
        assert_eq!(x[4], y[4]);
        let strip = |v: &Value| -> Vec<Value> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|p| json!([p[0], p[1], p[2], p[3], p[4].is_string()]))
                .collect()
        };
        assert_eq!(strip(&x[3]), strip(&y[3]), "{}", x[0]);
    }
}
