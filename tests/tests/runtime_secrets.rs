//! Cold start in the deployed shape: the Genesys credentials come from a Secrets Manager secret
//! (moto on loopback), never from plain environment variables.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use exsync::runtime::{RuntimeError, credentials_from_secret};
use integration_tests::MotoServer;
use secrecy::ExposeSecret;

async fn secret_with(moto: &MotoServer, value: &str) -> (aws_sdk_secretsmanager::Client, String) {
    let client = moto.secrets().await;
    let created = client
        .create_secret()
        .name(format!("exsync/test-{}", value.len()))
        .secret_string(value)
        .send()
        .await
        .unwrap();
    (client, created.arn().unwrap().to_owned())
}

#[tokio::test]
async fn credentials_are_read_from_the_secret() {
    let moto = MotoServer::start();
    let (client, arn) = secret_with(
        &moto,
        r#"{"clientId": "id-1", "clientSecret": "s3cr3t-value"}"#,
    )
    .await;

    let clients = credentials_from_secret(&client, &arn).await.unwrap();

    assert_eq!(clients.count(), 1);
    assert_eq!(clients.first().id(), "id-1");
    assert_eq!(clients.first().secret().expose_secret(), "s3cr3t-value");
}

#[tokio::test]
async fn a_secret_may_list_several_oauth_clients_for_a_token_pool() {
    let moto = MotoServer::start();
    let (client, arn) = secret_with(
        &moto,
        r#"{"clients": [{"clientId": "id-1", "clientSecret": "first-secret"}, {"clientId": "id-2", "clientSecret": "second-secret"}]}"#,
    )
    .await;

    let clients = credentials_from_secret(&client, &arn).await.unwrap();

    let read: Vec<(&str, &str)> = clients
        .iter()
        .map(|c| (c.id(), c.secret().expose_secret()))
        .collect();
    assert_eq!(read, [("id-1", "first-secret"), ("id-2", "second-secret")]);
    assert!(!format!("{clients:?}").contains("first-secret"));
}

#[tokio::test]
async fn the_empty_secret_the_stack_creates_is_refused_with_instructions() {
    let moto = MotoServer::start();
    let (client, arn) = secret_with(&moto, r#"{"clientId": "", "clientSecret": ""}"#).await;

    let err = credentials_from_secret(&client, &arn).await.unwrap_err();

    assert!(matches!(err, RuntimeError::SecretShape { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("put the Genesys OAuth client's credentials into the secret"),
        "{err}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_malformed_secret_names_the_problem_but_never_the_value() {
    let moto = MotoServer::start();
    let (client, arn) = secret_with(
        &moto,
        r#"{"client": "x", "clientSecret": "do-not-print-me"}"#,
    )
    .await;

    let err = credentials_from_secret(&client, &arn)
        .await
        .unwrap_err()
        .to_string();

    assert!(err.contains("clientId"), "{err}");
    assert!(!err.contains("do-not-print-me"), "{err}");
}

#[tokio::test]
async fn a_wrongly_typed_client_secret_names_the_field_but_never_echoes_the_value() {
    let moto = MotoServer::start();
    let (client, arn) = secret_with(
        &moto,
        r#"{"clientId": "id-1", "clientSecret": 73829104658392}"#,
    )
    .await;

    let err = credentials_from_secret(&client, &arn).await.unwrap_err();

    assert!(matches!(err, RuntimeError::SecretShape { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("clientSecret is a json number"), "{text}");
    assert!(!text.contains("73829104658392"), "{text}");
    assert!(!format!("{err:?}").contains("73829104658392"), "{err:?}");
}

#[tokio::test]
async fn a_missing_secret_is_a_read_error() {
    let moto = MotoServer::start();
    let client = moto.secrets().await;

    let err = credentials_from_secret(
        &client,
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:nope",
    )
    .await
    .unwrap_err();

    assert!(matches!(err, RuntimeError::Secret { .. }), "{err}");
}
