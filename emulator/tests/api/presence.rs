//! Presence definitions, sources, settings and the org default primary source.

use serde_json::json;

use crate::helpers::TestOrg;

#[tokio::test]
async fn the_ten_system_presences_exist_as_system_definitions() {
    let org = TestOrg::start().await;
    let definitions = org.get("/api/v2/presence/definitions").await.body;
    let system = org.get("/api/v2/systempresences").await.body;
    let mut presences: Vec<String> = definitions["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["type"] == "System")
        .map(|d| d["systemPresence"].as_str().unwrap().to_owned())
        .collect();
    presences.sort();
    assert_eq!(
        presences,
        [
            "Available",
            "Away",
            "Break",
            "Busy",
            "Idle",
            "Meal",
            "Meeting",
            "Offline",
            "OnQueue",
            "Training"
        ]
    );
    assert_eq!(system.as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn system_definition_ids_are_the_same_in_every_emulator() {
    let a = TestOrg::start().await;
    let b = TestOrg::start().await;
    assert_eq!(
        a.system_definition("Break").await,
        b.system_definition("Break").await
    );
}

#[tokio::test]
async fn a_custom_definition_needs_language_labels() {
    let org = TestOrg::start().await;
    let missing = org
        .post(
            "/api/v2/presence/definitions",
            json!({"systemPresence": "Meal"}),
        )
        .await;
    let created = org
        .post(
            "/api/v2/presence/definitions",
            json!({"languageLabels": {"en_US": "Lunch"}, "systemPresence": "Meal"}),
        )
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.fields(), vec!["languageLabels"]);
    assert_eq!(created.status, 200);
    assert_eq!(created.body["type"], "User");
}

#[tokio::test]
async fn presence_sources_are_created_and_listed() {
    let org = TestOrg::start().await;
    org.source().await;
    let listed = org.get("/api/v2/presence/sources").await.body;
    let duplicate = org
        .post(
            "/api/v2/presence/sources",
            json!({"name": "External platform"}),
        )
        .await;
    assert_eq!(listed["total"], 1);
    assert_eq!(duplicate.status, 409);
}

#[tokio::test]
async fn the_org_default_primary_source_applies_to_users() {
    let org = TestOrg::start().await;
    let source = org.source().await;
    let user = org.user_id("Ann", "ann@x.io").await;
    let before = org
        .get(&format!("/api/v2/users/{user}?expand=presence"))
        .await
        .body;
    let set = org
        .put(
            "/api/v2/presence/settings",
            json!({"defaultPrimaryPresenceRegisteredSourceId": source}),
        )
        .await;
    let after = org
        .get(&format!("/api/v2/users/{user}?expand=presence"))
        .await
        .body;
    assert_eq!(before["presence"]["sourceId"], "PURECLOUD");
    assert_eq!(
        set.body["defaultPrimaryPresenceRegisteredSourceId"],
        source.as_str()
    );
    assert_eq!(after["presence"]["sourceId"], source.as_str());
    assert_eq!(after["presence"]["primary"], true);
    // registered: the presence names the registered source
    assert_eq!(after["presence"]["source"], "External platform");
}

#[tokio::test]
async fn settings_refuse_an_unknown_default_source() {
    let org = TestOrg::start().await;
    let reply = org
        .put(
            "/api/v2/presence/settings",
            json!({"defaultPrimaryPresenceRegisteredSourceId": "nope"}),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.fields(),
        vec!["defaultPrimaryPresenceRegisteredSourceId"]
    );
}
