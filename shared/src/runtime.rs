//! Cold-start wiring every Lambda function and the CLI share: the Genesys client (with the
//! credentials from the environment or from Secrets Manager) and the state store.
//!
//! In the deployed stack the OAuth client id and secret live in a Secrets Manager secret
//! (`GENESYS_CLIENT_SECRET_ARN`) as JSON `{"clientId": "...", "clientSecret": "..."}`; they are
//! read once per cold start and never logged.

use secrecy::SecretString;
use serde::Deserialize;

use crate::config::{AwsSettings, Config, Credentials};
use crate::genesys::{ClientOptions, GenesysClient, GenesysError};
use crate::store::StateStore;

/// A cold-start failure.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// The secret could not be read.
    #[error("cannot read the genesys credentials secret {arn}: {message}")]
    Secret {
        /// the secret's ARN
        arn: String,
        /// what Secrets Manager said (never the secret)
        message: String,
    },
    /// The secret's value is not `{"clientId": ..., "clientSecret": ...}`.
    #[error(
        "the genesys credentials secret {arn} must be json {{\"clientId\": \"...\", \"clientSecret\": \"...\"}}: {reason}"
    )]
    SecretShape {
        /// the secret's ARN
        arn: String,
        /// what is wrong (never the value)
        reason: String,
    },
    /// The client could not be built.
    #[error(transparent)]
    Genesys(#[from] GenesysError),
    /// A required setting is absent.
    #[error("{0} is not set")]
    Missing(&'static str),
}

impl RuntimeError {
    /// Cold-start problems are configuration problems: not retryable, except a Secrets Manager
    /// outage.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Secret { .. })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SecretValue {
    client_id: String,
    client_secret: String,
}

/// Reads the OAuth client id and secret: from the environment, or from Secrets Manager.
///
/// # Errors
/// When the secret cannot be read or has the wrong shape.
pub async fn credentials(
    credentials: &Credentials,
    aws: &AwsSettings,
) -> Result<(String, SecretString), RuntimeError> {
    match credentials {
        Credentials::Inline {
            client_id,
            client_secret,
        } => Ok((client_id.clone(), client_secret.clone())),
        Credentials::SecretArn(arn) => {
            let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
            if let Some(endpoint) = &aws.endpoint_url {
                loader = loader.endpoint_url(endpoint);
            }
            let client = aws_sdk_secretsmanager::Client::new(&loader.load().await);
            credentials_from_secret(&client, arn).await
        }
    }
}

/// Reads `{"clientId", "clientSecret"}` from the secret `arn`.
///
/// # Errors
/// When the secret cannot be read, is not that JSON, or still holds the empty values the stack
/// created it with.
pub async fn credentials_from_secret(
    client: &aws_sdk_secretsmanager::Client,
    arn: &str,
) -> Result<(String, SecretString), RuntimeError> {
    let output = client
        .get_secret_value()
        .secret_id(arn)
        .send()
        .await
        .map_err(|e| RuntimeError::Secret {
            arn: arn.to_owned(),
            message: aws_sdk_secretsmanager::error::DisplayErrorContext(&e).to_string(),
        })?;
    let shape = |reason: &str| RuntimeError::SecretShape {
        arn: arn.to_owned(),
        reason: reason.to_owned(),
    };
    let text = output
        .secret_string()
        .ok_or_else(|| shape("the secret has no string value"))?;
    // serde's messages name the missing field but never echo the value
    let value: SecretValue = serde_json::from_str(text)
        .map_err(|e| shape(e.to_string().split(" at line").next().unwrap_or("not json")))?;
    if value.client_id.trim().is_empty() || value.client_secret.is_empty() {
        return Err(shape(
            "clientId or clientSecret is empty: put the Genesys OAuth client's credentials into the secret",
        ));
    }
    Ok((value.client_id, SecretString::from(value.client_secret)))
}

/// The Genesys client for this process, paced at the configured budget.
///
/// # Errors
/// When the credentials cannot be read or the client cannot be built.
pub async fn genesys_client(config: &Config) -> Result<GenesysClient, RuntimeError> {
    let (client_id, secret) = credentials(&config.genesys.credentials, &config.aws).await?;
    let options = ClientOptions {
        rate_per_minute: config.genesys.rate_per_minute,
        burst: config.genesys.rate_burst,
        ..ClientOptions::default()
    };
    Ok(GenesysClient::new(
        config.genesys.endpoints.clone(),
        client_id,
        secret,
        options,
    )?)
}

/// The state store at `EXSYNC_STATE_URL`.
///
/// # Errors
/// When `EXSYNC_STATE_URL` is not set.
pub async fn state_store(config: &Config) -> Result<StateStore, RuntimeError> {
    let location = config
        .state
        .as_ref()
        .ok_or(RuntimeError::Missing("EXSYNC_STATE_URL"))?;
    Ok(StateStore::open(location, &config.aws).await)
}
