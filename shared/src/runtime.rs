//! Cold-start wiring every Lambda function and the CLI share: the Genesys client (with the
//! credentials from the environment or from Secrets Manager), the state store and the mapping,
//! and [`StartupError`], why a function cannot start.
//!
//! In the deployed stack the OAuth client id and secret live in a Secrets Manager secret
//! (`GENESYS_CLIENT_SECRET_ARN`) as JSON `{"clientId": "...", "clientSecret": "..."}`, or as
//! `{"clients": [{"clientId": "...", "clientSecret": "..."}, ...]}` for a token pool over several
//! OAuth clients (`runtime/secret.rs`); they are read once per cold start and never logged.

mod secret;

use crate::config::{AwsSettings, Config, ConfigError, Credentials};
use crate::genesys::{
    ClientOptions, GenesysClient, GenesysError, OAuthClient, OAuthClients, TokensPerClient,
};
use crate::mapping::{Concern, MappingDocument};
use crate::store::StateStore;
use crate::sync::{Documents, LoadError};

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
    /// The secret's value is neither `{"clientId": ..., "clientSecret": ...}` nor
    /// `{"clients": [{"clientId": ..., "clientSecret": ...}, ...]}`.
    #[error(
        "the genesys credentials secret {arn} must be json {{\"clientId\": \"...\", \"clientSecret\": \"...\"}} or {{\"clients\": [{{\"clientId\": \"...\", \"clientSecret\": \"...\"}}, ...]}}: {reason}"
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

/// Why a Lambda function cannot start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// A variable is missing or malformed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The credentials, the client or the store could not be set up.
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    /// The mapping document could not be read.
    #[error(transparent)]
    MappingUnreadable(LoadError),
    /// The mapping document is invalid.
    #[error(transparent)]
    MappingInvalid(LoadError),
    /// A part of the function could not be built from its setting.
    #[error("{what}: {reason}")]
    Setting {
        /// the variable or part
        what: &'static str,
        /// what is wrong
        reason: String,
    },
}

impl From<LoadError> for StartupError {
    fn from(error: LoadError) -> Self {
        match error {
            LoadError::Unreadable { .. } => Self::MappingUnreadable(error),
            LoadError::Invalid { .. } => Self::MappingInvalid(error),
        }
    }
}

impl StartupError {
    /// True when starting again later may succeed (a Secrets Manager or S3 outage).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Runtime(e) => e.is_retryable(),
            Self::MappingUnreadable(e) => e.is_retryable(),
            Self::Config(_) | Self::MappingInvalid(_) | Self::Setting { .. } => false,
        }
    }
}

/// Reads the OAuth clients' ids and secrets: one from the environment, or one or more from
/// Secrets Manager.
///
/// # Errors
/// When the secret cannot be read or has the wrong shape.
pub async fn credentials(
    credentials: &Credentials,
    aws: &AwsSettings,
) -> Result<OAuthClients, RuntimeError> {
    match credentials {
        Credentials::Inline {
            client_id,
            client_secret,
        } => Ok(OAuthClient::new(client_id.clone(), client_secret.clone()).into()),
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

/// Reads `{"clientId", "clientSecret"}`, or `{"clients": [...]}` of them, from the secret `arn`.
///
/// # Errors
/// When the secret cannot be read, is neither JSON form, or still holds the empty values the
/// stack created it with.
pub async fn credentials_from_secret(
    client: &aws_sdk_secretsmanager::Client,
    arn: &str,
) -> Result<OAuthClients, RuntimeError> {
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
    secret::parse_secret(text).map_err(|reason| shape(&reason))
}

/// The Genesys client for this process: a pool of `GENESYS_TOKEN_POOL_SIZE` tokens (default 1)
/// for each OAuth client of the credentials, each token paced at the configured budget. Config
/// sync and the CLI use it.
///
/// # Errors
/// When the credentials cannot be read or the client cannot be built.
pub async fn genesys_client(config: &Config) -> Result<GenesysClient, RuntimeError> {
    let clients = credentials(&config.genesys.credentials, &config.aws).await?;
    let tokens_per_client = config.genesys.tokens_per_client;
    let client = GenesysClient::pooled(
        config.genesys.endpoints.clone(),
        &clients,
        tokens_per_client,
        client_options(config),
    )?;
    if client.tokens() > 1 {
        tracing::info!(
            clients = clients.count(),
            tokens_per_client = tokens_per_client.get(),
            tokens = client.tokens(),
            "genesys token pool"
        );
    }
    Ok(client)
}

/// The Genesys client with one token of the credentials' first OAuth client, whatever the pool
/// settings say: the stream functions (agent-state, interactions, recordings), whose concurrent
/// instances each hold a token of their own already.
///
/// # Errors
/// When the credentials cannot be read or the client cannot be built.
pub async fn genesys_client_one_token(config: &Config) -> Result<GenesysClient, RuntimeError> {
    let clients = credentials(&config.genesys.credentials, &config.aws).await?;
    Ok(GenesysClient::pooled(
        config.genesys.endpoints.clone(),
        &OAuthClients::from(clients.first().clone()),
        TokensPerClient::ONE,
        client_options(config),
    )?)
}

fn client_options(config: &Config) -> ClientOptions {
    ClientOptions {
        rate_per_minute: config.genesys.rate_per_minute,
        burst: config.genesys.rate_burst,
        ..ClientOptions::default()
    }
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

/// The mapping at `EXSYNC_MAPPING_URL`, read once and checked for `concern`.
///
/// # Errors
/// When `EXSYNC_MAPPING_URL` is not set, or the mapping cannot be read or is invalid for `concern`.
pub async fn mapping(config: &Config, concern: Concern) -> Result<MappingDocument, StartupError> {
    let location = config
        .mapping
        .as_ref()
        .ok_or(RuntimeError::Missing("EXSYNC_MAPPING_URL"))?;
    let documents = Documents::Settings(config.aws.clone());
    Ok(documents.mapping(location, concern).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Config {
        let vars: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_vars(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .unwrap()
    }

    #[tokio::test]
    async fn the_pool_size_gives_config_sync_more_tokens_but_never_a_stream_function() {
        let config = config(&[
            ("GENESYS_REGION", "eu_central_1"),
            ("GENESYS_CLIENT_ID", "id-1"),
            ("GENESYS_CLIENT_SECRET", "s-1"),
            ("GENESYS_TOKEN_POOL_SIZE", "3"),
        ]);

        let pooled = genesys_client(&config).await.unwrap();
        let single = genesys_client_one_token(&config).await.unwrap();

        assert_eq!(pooled.tokens(), 3);
        assert_eq!(single.tokens(), 1);
    }

    #[tokio::test]
    async fn without_a_pool_size_the_client_holds_one_token() {
        let config = config(&[
            ("GENESYS_REGION", "eu_central_1"),
            ("GENESYS_CLIENT_ID", "id-1"),
            ("GENESYS_CLIENT_SECRET", "s-1"),
        ]);

        assert_eq!(genesys_client(&config).await.unwrap().tokens(), 1);
    }
}
