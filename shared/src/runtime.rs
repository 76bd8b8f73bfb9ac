//! Cold-start wiring every Lambda function and the CLI share: the Genesys client (with the
//! credentials from the environment or from Secrets Manager), the state store and the mapping,
//! and [`StartupError`], why a function cannot start.
//!
//! In the deployed stack the OAuth client id and secret live in a Secrets Manager secret
//! (`GENESYS_CLIENT_SECRET_ARN`) as JSON `{"clientId": "...", "clientSecret": "..."}`; they are
//! read once per cold start and never logged.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::config::{AwsSettings, Config, ConfigError, Credentials};
use crate::genesys::{ClientOptions, GenesysClient, GenesysError};
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
    parse_secret(text).map_err(|reason| shape(&reason))
}

/// The client id and secret of a secret's JSON text, or what is wrong with it in words that never
/// echo a value: serde's own type errors quote the value they met (``invalid type: integer
/// `123`...``), so the shape is checked field by field and only JSON type names are reported.
fn parse_secret(text: &str) -> Result<(String, SecretString), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let syntax = match e.classify() {
            serde_json::error::Category::Eof => "it ends too early",
            _ => "its syntax is invalid",
        };
        format!("the secret is not json ({syntax})")
    })?;
    let Value::Object(mut fields) = value else {
        return Err(format!(
            "the secret is a json {}, not an object",
            crate::external::json_type(&value)
        ));
    };
    let mut take = |name: &str| match fields.remove(name) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "{name} is a json {}, not a string",
            crate::external::json_type(&other)
        )),
        None => Err(format!("{name} is missing")),
    };
    let client_id = take("clientId")?;
    let client_secret = SecretString::from(take("clientSecret")?);
    if client_id.trim().is_empty() || client_secret.expose_secret().is_empty() {
        return Err(
            "clientId or clientSecret is empty: put the Genesys OAuth client's credentials into the secret"
                .to_owned(),
        );
    }
    Ok((client_id, client_secret))
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
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_wrongly_typed_client_secret_is_named_but_never_echoed() {
        let text = r#"{"clientId": "id-1", "clientSecret": 918273645546372}"#;

        let reason = parse_secret(text).err().unwrap();

        assert!(reason.contains("clientSecret is a json number"), "{reason}");
        assert!(!reason.contains("918273645546372"), "{reason}");
    }

    #[test]
    fn a_secret_that_is_a_bare_string_is_refused_without_its_value() {
        let reason = parse_secret(r#""the-whole-secret""#).err().unwrap();

        assert!(reason.contains("a json string, not an object"), "{reason}");
        assert!(!reason.contains("the-whole-secret"), "{reason}");
    }

    proptest! {
        #[test]
        fn no_malformed_secret_echoes_any_part_of_itself(
            value in "[A-Za-z0-9]{12,24}",
            shape in 0usize..6,
        ) {
            let text = match shape {
                0 => format!(r#"{{"clientId": "id", "clientSecret": {value}}}"#),
                1 => format!(r#"{{"clientId": "id", "clientSecret": ["{value}"]}}"#),
                2 => format!(r#"{{"clientId": {value}, "clientSecret": "x"}}"#),
                3 => format!(r#""{value}""#),
                4 => format!(r#"{{"clientId": "id", "clientSecret": "{value}""#),
                _ => format!(r#"{{"clientSecret": "{value}"}}"#),
            };

            let reason = parse_secret(&text).err().unwrap();

            prop_assert!(!reason.contains(&value), "{}", reason);
        }
    }
}
