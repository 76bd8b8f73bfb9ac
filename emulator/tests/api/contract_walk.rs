//! The contract walk: every one of the contract's operations is called with a valid request,
//! must succeed, and its response must validate against the contract's response model
//! (unknown fields fail; required-ness is lenient for read models).

use std::collections::BTreeSet;

use genesys_emulator::EmulatorConfig;
use genesys_emulator::contract::{Contract, Mode};
use serde_json::{Value, json};

use crate::helpers::{TestOrg, uuid};

/// Ids of the objects created along the walk.
#[derive(Clone, Default)]
struct Ids {
    home: String,
    division: String,
    user: String,
    other: String,
    skill: String,
    language: String,
    code: String,
    queue: String,
    source: String,
    definition: String,
}

struct Walk {
    org: TestOrg,
    covered: BTreeSet<String>,
}

impl Walk {
    /// Calls `operation_id` at `path` with `body`; asserts success and a conforming response.
    async fn call(&mut self, operation_id: &str, path: &str, body: Option<Value>) -> Value {
        let contract = Contract::official().unwrap();
        let op = contract
            .operations()
            .iter()
            .find(|o| o.operation_id == operation_id)
            .unwrap_or_else(|| panic!("{operation_id} is not in the contract"));
        let route = path.split('?').next().unwrap();
        let matched = contract
            .match_path(&op.method, route)
            .map(|o| o.operation_id.as_str());
        assert_eq!(
            matched,
            Some(operation_id),
            "{path} does not route to {operation_id}"
        );
        let reply = self.org.send(&op.method, path, body).await;
        assert!(
            (200..300).contains(&reply.status),
            "{operation_id} {path} answered {}: {}",
            reply.status,
            reply.body
        );
        match &op.response {
            Some(type_ref) => {
                let violations = contract.validate(type_ref, &reply.body, Mode::Response);
                assert!(
                    violations.is_empty(),
                    "{operation_id} response breaks the contract: {violations:?}\n{}",
                    reply.body
                );
            }
            None => assert!(
                reply.body.is_null(),
                "{operation_id} sent a body the contract does not declare"
            ),
        }
        self.covered.insert(operation_id.to_owned());
        reply.body
    }
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_contract_operation_succeeds_and_answers_a_contract_shaped_body() {
    // Arrange: the server's own response check is off, so this test is the judge.
    let config = EmulatorConfig {
        check_responses: false,
        ..EmulatorConfig::default()
    };
    let mut walk = Walk {
        org: TestOrg::start_with(config).await,
        covered: BTreeSet::new(),
    };
    let mut ids = Ids::default();

    // Act + Assert, area by area (each call asserts success and a conforming response).
    org_and_users(&mut walk, &mut ids).await;
    skills_and_languages(&mut walk, &mut ids).await;
    queues_and_codes(&mut walk, &mut ids).await;
    presence(&mut walk, &mut ids).await;
    conversations_and_recordings(&mut walk, &mut ids).await;
    removals(&mut walk, &mut ids).await;

    // Assert: nothing in the contract was skipped.
    let all: BTreeSet<String> = Contract::official()
        .unwrap()
        .operations()
        .iter()
        .map(|o| o.operation_id.clone())
        .collect();
    let missing: Vec<_> = all.difference(&walk.covered).collect();
    assert!(missing.is_empty(), "operations not walked: {missing:?}");
}

async fn org_and_users(w: &mut Walk, ids: &mut Ids) {
    let home = id(&w
        .call(
            "get_authorization_divisions_home",
            "/api/v2/authorization/divisions/home",
            None,
        )
        .await);
    let division = id(&w
        .call(
            "post_authorization_divisions",
            "/api/v2/authorization/divisions",
            Some(json!({"name": "Sales", "description": "Sales floor"})),
        )
        .await);
    w.call(
        "get_authorization_divisions",
        "/api/v2/authorization/divisions?objectCount=true",
        None,
    )
    .await;
    w.call(
        "put_authorization_division",
        &format!("/api/v2/authorization/divisions/{division}"),
        Some(json!({"name": "Sales EMEA", "description": "Sales floor"})),
    )
    .await;

    let user = id(&w.call("post_users", "/api/v2/users", Some(json!({"name": "Ann Agent", "email": "ann@example.com", "divisionId": home, "department": "Support",
        "addresses": [{"address": "+15551234", "mediaType": "PHONE", "type": "WORK"}]}))).await);
    let other = id(&w
        .call(
            "post_users",
            "/api/v2/users",
            Some(json!({"name": "Bob Agent", "email": "bob@example.com", "divisionId": home})),
        )
        .await);
    w.call(
        "get_users",
        "/api/v2/users?pageSize=10&expand=routingStatus,presence,skills,languages",
        None,
    )
    .await;
    w.call(
        "get_user",
        &format!("/api/v2/users/{user}?expand=presence,routingStatus"),
        None,
    )
    .await;
    w.call(
        "patch_user",
        &format!("/api/v2/users/{user}"),
        Some(json!({"version": 1, "title": "Agent", "employerInfo": {"employeeId": "E1"}})),
    )
    .await;
    w.call(
        "post_user_externalid",
        &format!("/api/v2/users/{user}/externalid"),
        Some(json!({"authorityName": "acme", "externalKey": "p-1"})),
    )
    .await;
    w.call(
        "get_users_externalid_authority_name_external_key",
        "/api/v2/users/externalid/acme/p-1",
        None,
    )
    .await;
    w.call(
        "post_authorization_division_object",
        &format!("/api/v2/authorization/divisions/{home}/objects/USER"),
        Some(json!([other])),
    )
    .await;
    ids.home = home;
    ids.division = division;
    ids.user = user;
    ids.other = other;
}

async fn skills_and_languages(w: &mut Walk, ids: &mut Ids) {
    let Ids { division, user, .. } = ids.clone();
    let skill = id(&w
        .call(
            "post_routing_skills",
            "/api/v2/routing/skills",
            Some(json!({"name": "Billing"})),
        )
        .await);
    w.call(
        "get_routing_skills",
        "/api/v2/routing/skills?name=Bill",
        None,
    )
    .await;
    w.call(
        "patch_routing_skill",
        &format!("/api/v2/routing/skills/{skill}"),
        Some(json!({"divisionId": division})),
    )
    .await;
    let language = id(&w
        .call(
            "post_routing_languages",
            "/api/v2/routing/languages",
            Some(json!({"name": "English"})),
        )
        .await);
    w.call("get_routing_languages", "/api/v2/routing/languages", None)
        .await;
    w.call(
        "put_user_routingskills_bulk",
        &format!("/api/v2/users/{user}/routingskills/bulk"),
        Some(json!([{"id": skill, "proficiency": 3.0}])),
    )
    .await;
    w.call(
        "patch_user_routinglanguages_bulk",
        &format!("/api/v2/users/{user}/routinglanguages/bulk"),
        Some(json!([{"id": language, "proficiency": 5}])),
    )
    .await;
    ids.skill = skill;
    ids.language = language;
}

async fn queues_and_codes(w: &mut Walk, ids: &mut Ids) {
    let Ids {
        home, user, other, ..
    } = ids.clone();
    let code = id(&w
        .call(
            "post_routing_wrapupcodes",
            "/api/v2/routing/wrapupcodes",
            Some(json!({"name": "Resolved", "description": "done"})),
        )
        .await);
    w.call(
        "get_routing_wrapupcodes",
        "/api/v2/routing/wrapupcodes?name=Res*",
        None,
    )
    .await;
    w.call(
        "put_routing_wrapupcode",
        &format!("/api/v2/routing/wrapupcodes/{code}"),
        Some(json!({"name": "Resolved", "division": {"id": home}})),
    )
    .await;
    let queue = id(&w.call("post_routing_queues", "/api/v2/routing/queues", Some(json!({"name": "Support", "division": {"id": home}, "description": "d",
        "acwSettings": {"wrapupPrompt": "OPTIONAL", "timeoutMs": 30000}, "skillEvaluationMethod": "BEST",
        "mediaSettings": {"call": {"alertingTimeoutSeconds": 8, "serviceLevel": {"percentage": 0.8, "durationMs": 20000}}}}))).await);
    w.call(
        "get_routing_queues",
        "/api/v2/routing/queues?name=Supp*",
        None,
    )
    .await;
    w.call(
        "get_routing_queue",
        &format!("/api/v2/routing/queues/{queue}"),
        None,
    )
    .await;
    w.call(
        "put_routing_queue",
        &format!("/api/v2/routing/queues/{queue}"),
        Some(json!({"name": "Support", "description": "replaced"})),
    )
    .await;
    w.call(
        "post_routing_queue_members",
        &format!("/api/v2/routing/queues/{queue}/members"),
        Some(json!([{"id": user}, {"id": other}])),
    )
    .await;
    w.call(
        "get_routing_queue_members",
        &format!("/api/v2/routing/queues/{queue}/members"),
        None,
    )
    .await;
    w.call(
        "post_routing_queue_wrapupcodes",
        &format!("/api/v2/routing/queues/{queue}/wrapupcodes"),
        Some(json!([{"id": code}])),
    )
    .await;
    w.call(
        "get_routing_queue_wrapupcodes",
        &format!("/api/v2/routing/queues/{queue}/wrapupcodes"),
        None,
    )
    .await;
    ids.code = code;
    ids.queue = queue;
}

async fn presence(w: &mut Walk, ids: &mut Ids) {
    let Ids { user, .. } = ids.clone();
    let source = id(&w
        .call(
            "post_presence_sources",
            "/api/v2/presence/sources",
            Some(json!({"name": "Acme CC", "description": "external"})),
        )
        .await);
    w.call("get_presence_sources", "/api/v2/presence/sources", None)
        .await;
    w.call("put_presence_settings", "/api/v2/presence/settings", Some(json!({"defaultPrimaryPresenceRegisteredSourceId": source,
        "restorePresenceSettings": {"enabled": false, "restoreTimeMilliseconds": 0, "restoreOnQueueEnabled": false}}))).await;
    w.call("get_presence_settings", "/api/v2/presence/settings", None)
        .await;
    let definition = id(&w
        .call(
            "post_presence_definitions",
            "/api/v2/presence/definitions",
            Some(json!({"languageLabels": {"en_US": "Lunch"}, "systemPresence": "Meal"})),
        )
        .await);
    w.call(
        "get_presence_definitions",
        "/api/v2/presence/definitions",
        None,
    )
    .await;
    w.call(
        "put_presence_definition",
        &format!("/api/v2/presence/definitions/{definition}"),
        Some(json!({"languageLabels": {"en_US": "Lunch break"}, "systemPresence": "Meal"})),
    )
    .await;
    w.call("get_systempresences", "/api/v2/systempresences", None)
        .await;
    w.call("post_events_users_presence", "/api/v2/events/users/presence", Some(json!({"userPresenceEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:00:00Z",
        "userId": user, "sourceId": source, "presenceDefinitionId": definition}]}))).await;
    w.call("post_events_users_routingstatus", "/api/v2/events/users/routingstatus", Some(json!({"userRoutingStatusEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:00:00Z",
        "agentId": user, "status": "Idle", "sourceId": source}]}))).await;
    ids.source = source;
    ids.definition = definition;
}

async fn conversations_and_recordings(w: &mut Walk, ids: &mut Ids) {
    let Ids {
        user,
        code,
        queue,
        source,
        ..
    } = ids.clone();
    let (conversation, customer, agent) = (uuid(), uuid(), uuid());
    let source_config =
        json!({"sourceId": source, "interactionId": "call-1", "tagId": "acme-call-1"});
    w.call("post_events_conversations", "/api/v2/events/conversations", Some(json!({
        "externalEstablishedEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:00:00Z", "conversationId": conversation, "communicationId": customer,
            "ani": "+15550001", "initialConfiguration": {"inbound": true, "alerting": false}, "sourceConfiguration": source_config}],
        "userEstablishedEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:00:05Z", "conversationId": conversation, "communicationId": agent,
            "userId": user, "queueId": queue, "initialConfiguration": {"alerting": true, "invitedBy": customer}, "sourceConfiguration": source_config}],
        "communicationAnsweredEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:00:08Z", "conversationId": conversation, "communicationId": agent}],
        "communicationEndedEvents": [
            {"eventId": uuid(), "eventDateTime": "2026-01-05T09:05:00Z", "conversationId": conversation, "communicationId": customer, "disconnectType": "Peer"},
            {"eventId": uuid(), "eventDateTime": "2026-01-05T09:05:00Z", "conversationId": conversation, "communicationId": agent, "disconnectType": "Self"}],
        "communicationDispositionAppliedEvents": [{"eventId": uuid(), "eventDateTime": "2026-01-05T09:05:30Z", "conversationId": conversation, "communicationId": agent, "code": code}],
    }))).await;
    w.call(
        "get_conversation",
        &format!("/api/v2/conversations/{conversation}"),
        None,
    )
    .await;
    let upload = w.call("post_uploads_recordings", "/api/v2/uploads/recordings", Some(json!({"fileName": format!("{conversation}_{agent}.wav"), "contentType": "audio/wav"}))).await;
    let put = w
        .org
        .http
        .put(upload["url"].as_str().unwrap())
        .header("Content-Type", "audio/wav")
        .body(vec![0u8; 64])
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    w.call(
        "get_conversation_recordingmetadata",
        &format!("/api/v2/conversations/{conversation}/recordingmetadata"),
        None,
    )
    .await;
    let report = id(&w
        .call(
            "post_recording_uploads_reports",
            "/api/v2/recording/uploads/reports",
            Some(json!({"dateSince": "2020-01-01T00:00:00Z"})),
        )
        .await);
    w.call(
        "get_recording_uploads_report",
        &format!("/api/v2/recording/uploads/reports/{report}"),
        None,
    )
    .await;
}

async fn removals(w: &mut Walk, ids: &mut Ids) {
    let Ids {
        division,
        user,
        other,
        skill,
        language,
        code,
        queue,
        definition,
        ..
    } = ids.clone();
    w.call(
        "delete_routing_queue_wrapupcode",
        &format!("/api/v2/routing/queues/{queue}/wrapupcodes/{code}"),
        None,
    )
    .await;
    w.call(
        "delete_user_routinglanguage",
        &format!("/api/v2/users/{user}/routinglanguages/{language}"),
        None,
    )
    .await;
    w.call(
        "delete_routing_queue",
        &format!("/api/v2/routing/queues/{queue}"),
        None,
    )
    .await;
    w.call(
        "delete_routing_wrapupcode",
        &format!("/api/v2/routing/wrapupcodes/{code}"),
        None,
    )
    .await;
    w.call(
        "delete_routing_skill",
        &format!("/api/v2/routing/skills/{skill}"),
        None,
    )
    .await;
    w.call(
        "delete_routing_language",
        &format!("/api/v2/routing/languages/{language}"),
        None,
    )
    .await;
    w.call(
        "delete_presence_definition",
        &format!("/api/v2/presence/definitions/{definition}"),
        None,
    )
    .await;
    w.call("delete_user", &format!("/api/v2/users/{other}"), None)
        .await;
    w.call(
        "delete_authorization_division",
        &format!("/api/v2/authorization/divisions/{division}"),
        None,
    )
    .await;
}
