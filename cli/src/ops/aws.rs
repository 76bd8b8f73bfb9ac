//! What the operations commands connect to, read from the environment without the Genesys
//! settings (they never call Genesys): the state store (`--state-url` or `EXSYNC_STATE_URL`)
//! and AWS clients honouring `AWS_ENDPOINT_URL` and `EXSYNC_S3_PATH_STYLE` (moto in tests).

use anyhow::{Context as _, bail};
use exsync::config::{AwsSettings, Location};
use exsync::store::StateStore;

use crate::connect::parse_state;

/// The endpoint and path-style overrides from the environment.
///
/// # Errors
/// `EXSYNC_S3_PATH_STYLE` set to something that is not true or false.
pub fn aws_settings() -> anyhow::Result<AwsSettings> {
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let s3_path_style = match var("EXSYNC_S3_PATH_STYLE")
        .map(|v| v.to_ascii_lowercase())
        .as_deref()
    {
        None | Some("0" | "false" | "no") => false,
        Some("1" | "true" | "yes") => true,
        Some(other) => bail!("EXSYNC_S3_PATH_STYLE is invalid: {other:?} is not true or false"),
    };
    Ok(AwsSettings {
        endpoint_url: var("AWS_ENDPOINT_URL"),
        s3_path_style,
    })
}

/// The state store and its URL (for messages); `state_url` overrides `EXSYNC_STATE_URL`.
///
/// # Errors
/// No state store configured, or a malformed URL.
pub async fn open_store(
    state_url: Option<&str>,
    aws: &AwsSettings,
) -> anyhow::Result<(StateStore, String)> {
    let location = match state_url {
        Some(value) => parse_state(value)?,
        None => {
            let value = std::env::var("EXSYNC_STATE_URL").ok().filter(|v| !v.trim().is_empty()).context(
                "no state store: set EXSYNC_STATE_URL or pass --state-url (s3://bucket/prefix, file:///path or a directory)",
            )?;
            Location::parse(value.trim())
                .map_err(|reason| anyhow::anyhow!("EXSYNC_STATE_URL is invalid: {reason}"))?
        }
    };
    Ok((StateStore::open(&location, aws).await, location.to_string()))
}

/// An SQS client from the default AWS configuration (environment, profile, role) with the
/// endpoint override.
pub async fn sqs_client(aws: &AwsSettings) -> aws_sdk_sqs::Client {
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
    if let Some(endpoint) = &aws.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    aws_sdk_sqs::Client::new(&loader.load().await)
}

/// An S3 client like the state store's (endpoint and path-style overrides).
pub async fn s3_client(aws: &AwsSettings) -> aws_sdk_s3::Client {
    exsync::store::s3_client(aws).await
}

/// Whether a queue URL names a FIFO queue.
pub fn is_fifo(queue_url: &str) -> bool {
    queue_url.trim_end_matches('/').ends_with(".fifo")
}
