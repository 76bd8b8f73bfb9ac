//! The Connect configuration reader against the loopback fake of the Connect API, through the real
//! SDK: every page of every list followed, the filters and page sizes Connect documents sent,
//! throttled requests (coded and bare 429s) retried, the request count per operation as the
//! instance's size dictates, users without email held back, and errors that name the operation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeMap;

use exsync::config::ConnectInstanceId;
use exsync::connect_api::sdk::error::ProvideErrorMetadata;
use exsync::connect_api::{ReadError, read_instance, read_snapshot};
use exsync::external::ObjectKind;
use genesys_emulator::connect::{
    ConnectFakeConfig, InstanceSpec, Operation, Throttle, ThrottleKind, fake_uuid,
};
use integration_tests::connect::{FakeConnect, fast_pacing, options};

/// 30 users (every 10th without email), 4 queues, 3 custom statuses, pages of at most 7.
fn spec() -> InstanceSpec {
    InstanceSpec {
        without_email_every: Some(10),
        ..InstanceSpec::new(30, 4, 3)
    }
}

fn paged(throttle: Throttle) -> ConnectFakeConfig {
    ConnectFakeConfig {
        page_limit: Some(7),
        throttle,
        ..ConnectFakeConfig::default()
    }
}

fn counts(fake: &FakeConnect) -> BTreeMap<&'static str, usize> {
    fake.handle
        .counts()
        .into_iter()
        .map(|(op, n)| (op.name(), n))
        .collect()
}

/// What a read of `spec()` in pages of 7 costs: ⌈30/7⌉ user pages, a describe and a proficiency
/// page per user, one page of 4 standard queues, one of 2 routing profiles and one of queues for
/// each, one of 3 custom statuses, ⌈9/7⌉ pages of hierarchy groups and a describe for each.
fn expected_counts() -> BTreeMap<&'static str, usize> {
    BTreeMap::from([
        ("ListUsers", 5),
        ("DescribeUser", 30),
        ("ListUserProficiencies", 30),
        ("ListQueues", 1),
        ("ListRoutingProfiles", 1),
        ("ListRoutingProfileQueues", 2),
        ("ListAgentStatuses", 1),
        ("ListUserHierarchyGroups", 2),
        ("DescribeUserHierarchyGroup", 9),
    ])
}

#[tokio::test]
async fn every_page_of_every_list_is_read_with_one_request_per_page_and_object() {
    let fake = FakeConnect::start(spec(), paged(Throttle::default())).await;

    let instance = read_instance(&fake.client, &fake.instance, &fast_pacing())
        .await
        .unwrap();

    assert_eq!(instance.users.len(), 30);
    assert_eq!(instance.queues.len(), 4, "agent queues are left out");
    assert_eq!(instance.routing_profiles.len(), 2);
    assert!(
        instance
            .routing_profiles
            .iter()
            .all(|p| p.queue_ids.len() == 4)
    );
    assert_eq!(instance.agent_statuses.len(), 3, "only custom statuses");
    assert_eq!(instance.hierarchy_groups.len(), 9);
    assert_eq!(counts(&fake), expected_counts());
    assert_eq!(fake.handle.throttled(), 0);
}

#[tokio::test]
async fn filters_and_the_largest_documented_page_sizes_are_sent() {
    let fake = FakeConnect::start(spec(), paged(Throttle::default())).await;

    read_instance(&fake.client, &fake.instance, &fast_pacing())
        .await
        .unwrap();

    let requests = fake.handle.requests();
    let query_of = |op: Operation| {
        requests
            .iter()
            .find(|r| r.operation == op)
            .map(|r| r.query.clone())
            .unwrap()
    };
    assert!(query_of(Operation::ListQueues).contains("queueTypes=STANDARD"));
    assert!(query_of(Operation::ListAgentStatuses).contains("AgentStatusTypes=CUSTOM"));
    assert!(query_of(Operation::ListUsers).contains("maxResults=1000"));
    assert!(query_of(Operation::ListUserProficiencies).contains("maxResults=100"));
    assert!(query_of(Operation::ListRoutingProfileQueues).contains("maxResults=100"));
    let second_page = requests
        .iter()
        .filter(|r| r.operation == Operation::ListUsers)
        .nth(1)
        .unwrap();
    assert!(second_page.query.contains("nextToken="), "{second_page:?}");
    assert!(requests.iter().all(|r| r.status == 200), "{requests:#?}");
}

async fn read_while_throttled(kind: ThrottleKind) {
    let throttle = Throttle {
        every: Some(3),
        kind,
    };
    let fake = FakeConnect::start(spec(), paged(throttle)).await;

    let instance = read_instance(&fake.client, &fake.instance, &fast_pacing())
        .await
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));

    assert_eq!(instance.users.len(), 30, "{kind:?}");
    let requests = fake.handle.requests();
    for (op, succeeded) in expected_counts() {
        let of_op: Vec<_> = requests
            .iter()
            .filter(|r| r.operation.name() == op)
            .collect();
        let throttled = of_op.iter().filter(|r| r.status == 429).count();
        assert_eq!(of_op.len() - throttled, succeeded, "{kind:?} {op}");
        // every third request of each operation was refused, and each was sent again
        assert_eq!(throttled, of_op.len() / 3, "{kind:?} {op}");
    }
    assert!(fake.handle.throttled() > 0);
}

#[tokio::test]
async fn throttling_exceptions_are_retried_with_backoff() {
    read_while_throttled(ThrottleKind::ThrottlingException).await;
}

#[tokio::test]
async fn too_many_requests_exceptions_are_retried_with_backoff() {
    read_while_throttled(ThrottleKind::TooManyRequestsException).await;
}

#[tokio::test]
async fn a_bare_429_without_an_error_code_is_retried_too() {
    read_while_throttled(ThrottleKind::Bare).await;
}

#[tokio::test]
async fn throttling_past_the_attempts_fails_the_read_as_retryable() {
    let throttle = Throttle {
        every: Some(1),
        kind: ThrottleKind::ThrottlingException,
    };
    let fake = FakeConnect::start(spec(), paged(throttle)).await;
    let mut pacing = fast_pacing();
    pacing.max_attempts = 3;

    let error = read_instance(&fake.client, &fake.instance, &pacing)
        .await
        .unwrap_err();

    assert!(error.is_retryable(), "{error}");
    assert!(error.to_string().contains("ThrottlingException"), "{error}");
}

#[tokio::test]
async fn users_without_email_are_held_back_and_the_rest_convert() {
    let fake = FakeConnect::start(spec(), paged(Throttle::default())).await;

    let snapshot = read_snapshot(&fake.client, &fake.instance, &options())
        .await
        .unwrap();

    assert_eq!(snapshot.users.len(), 27);
    assert_eq!(snapshot.held.len(), 3);
    for held in snapshot.held.objects() {
        assert_eq!(held.collection, ObjectKind::Users);
        assert_eq!(held.problems[0].field, "email");
        assert!(
            held.problems[0].message.contains("has no email"),
            "{held:?}"
        );
    }
    assert_eq!(snapshot.queues.len(), 4);
    assert_eq!(snapshot.secondary_statuses.len(), 3);
    assert_eq!(snapshot.divisions.len(), 3);
    assert_eq!(snapshot.languages.len(), 4);
    assert_eq!(snapshot.skills.len(), 4);
    assert!(
        snapshot
            .users
            .iter()
            .all(|u| u.queues.len() == 2 || u.queues.len() == 1)
    );
}

#[tokio::test]
async fn a_user_removed_from_connect_disappears_from_the_snapshot() {
    let fake = FakeConnect::start(spec(), paged(Throttle::default())).await;
    let mut gone = String::new();
    fake.handle.update(|i| gone = i.users.remove(0).id);

    let snapshot = read_snapshot(&fake.client, &fake.instance, &options())
        .await
        .unwrap();

    assert_eq!(snapshot.users.len() + snapshot.held.len(), 29);
    assert!(snapshot.users.iter().all(|u| u.id.as_str() != gone));
}

#[tokio::test]
async fn an_unknown_instance_fails_naming_the_operation_and_is_not_retryable() {
    let fake = FakeConnect::start(spec(), paged(Throttle::default())).await;
    let other = ConnectInstanceId::parse(&fake_uuid("no such instance")).unwrap();

    let error = read_snapshot(&fake.client, &other, &options())
        .await
        .unwrap_err();

    let ReadError::Connect(error) = error else {
        panic!("{error}");
    };
    assert!(!error.is_retryable());
    assert!(
        error.to_string().contains("ResourceNotFoundException"),
        "{error}"
    );
    assert!(error.to_string().contains(other.as_str()), "{error}");
}

#[tokio::test]
async fn the_fake_refuses_an_oversized_page_and_unknown_parameters_as_connect_does() {
    let fake = FakeConnect::start(spec(), ConnectFakeConfig::default()).await;

    let oversized = fake
        .client
        .list_user_proficiencies()
        .instance_id(fake.instance.as_str())
        .user_id("any")
        .max_results(101)
        .send()
        .await
        .unwrap_err();
    let http = reqwest::Client::new();
    let url = format!(
        "{}/users-summary/{}?maxResults=10&filter=x",
        fake.endpoint, fake.instance
    );
    let signed = "AWS4-HMAC-SHA256 Credential=test/20261124/eu-central-1/connect/aws4_request";
    let unknown = http
        .get(&url)
        .header("authorization", signed)
        .send()
        .await
        .unwrap();
    let unsigned = http.get(&url).send().await.unwrap();

    assert_eq!(oversized.code(), Some("InvalidParameterException"));
    assert_eq!(unknown.status(), 400);
    assert_eq!(
        unknown.headers()["x-amzn-errortype"],
        "InvalidParameterException"
    );
    assert!(unknown.text().await.unwrap().contains("filter"));
    assert_eq!(unsigned.status(), 403);
}

/// A 1,000-user instance is read within one Lambda invocation at Connect's default quotas. The
/// read is done here at full speed; the time it would take at the mapping's default pacing is
/// computed from the requests each operation actually made (machine-independent counts): the two
/// per-user operations run side by side, every other operation is counted as if it ran after them.
#[tokio::test]
async fn a_thousand_user_instance_fits_one_invocation_at_the_default_pacing() {
    let fake = FakeConnect::start(
        InstanceSpec::new(1_000, 10, 5),
        ConnectFakeConfig::default(),
    )
    .await;

    let instance = read_instance(&fake.client, &fake.instance, &fast_pacing())
        .await
        .unwrap();

    assert_eq!(instance.users.len(), 1_000);
    let counts = counts(&fake);
    assert_eq!(counts["ListUsers"], 1, "one page of 1,000");
    assert_eq!(counts["DescribeUser"], 1_000);
    assert_eq!(counts["ListUserProficiencies"], 1_000);
    let pacing: exsync::mapping::ConnectPacing = serde_json::from_str("{}").unwrap();
    let seconds = |requests: usize| {
        requests.saturating_sub(pacing.burst as usize) as f64
            / f64::from(pacing.requests_per_second)
    };
    let per_user = seconds(counts["DescribeUser"]).max(seconds(counts["ListUserProficiencies"]));
    let rest: f64 = counts
        .iter()
        .filter(|(op, _)| !matches!(**op, "DescribeUser" | "ListUserProficiencies"))
        .map(|(_, n)| seconds(*n))
        .sum();
    let total = per_user + rest;
    assert!(
        total <= 14.0 * 60.0,
        "{total} s at {pacing:?} leaves no minute of a 15-minute invocation ({counts:?})"
    );
    assert!(
        total >= 480.0,
        "{total} s: the per-user calls dominate, about 8 minutes"
    );
}
