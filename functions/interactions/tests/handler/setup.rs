//! Cold start from the environment: the same handler, with dependencies built from variables.

use std::collections::HashMap;

use exsync::config::Config;
use integration_tests::examples;
use interactions::{Deps, StartupError};
use lambda_runtime::LambdaEvent;
use serde_json::json;

use super::helpers::{World, json, sqs_batch};

fn vars(world: &World, extra: &[(&str, String)]) -> HashMap<String, String> {
    let base = world.genesys.emulator.base_url().to_owned();
    let mut vars: HashMap<String, String> = [
        ("GENESYS_API_BASE", base.clone()),
        ("GENESYS_LOGIN_BASE", base),
        ("GENESYS_CLIENT_ID", "exsync-emulator".to_owned()),
        ("GENESYS_CLIENT_SECRET", "emulator-secret".to_owned()),
        (
            "EXSYNC_STATE_URL",
            format!("file://{}", world.dir.path().join("state").display()),
        ),
        (
            "EXSYNC_MAPPING_URL",
            format!("file://{}", examples::dir().join("mapping.json").display()),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    vars.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    vars
}

#[tokio::test]
async fn dependencies_built_from_the_environment_handle_a_batch() {
    let world = World::new().await;
    let vars = vars(&world, &[]);
    let config = Config::from_vars(|name| vars.get(name).cloned()).unwrap();

    let deps = Deps::from_config(&config).await.unwrap();
    let response = interactions::handler(
        &deps,
        LambdaEvent::new(sqs_batch(), lambda_runtime::Context::default()),
    )
    .await
    .unwrap();

    assert_eq!(deps.settings.event_batch_size, 100);
    assert!(!deps.settings.convert.routing_status);
    assert_eq!(json(&response), json!({"batchItemFailures": []}));
    assert_eq!(world.conversations().len(), 2);
}

#[tokio::test]
async fn an_invalid_mapping_document_stops_the_start() {
    let world = World::unsynced().await;
    let bad = world.dir.path().join("mapping.json");
    std::fs::write(&bad, r#"{"schema": "exsync.mapping/v1"}"#).unwrap();
    let vars = vars(
        &world,
        &[("EXSYNC_MAPPING_URL", format!("file://{}", bad.display()))],
    );
    let config = Config::from_vars(|name| vars.get(name).cloned()).unwrap();

    let error = Deps::from_config(&config).await.unwrap_err();

    assert!(matches!(error, StartupError::MappingInvalid(_)), "{error}");
}
