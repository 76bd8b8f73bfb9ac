//! The entry point every Lambda function shares (feature `lambda`): tracing, the configuration,
//! the function's dependencies built once, then the runtime loop handing them to each invocation.
//! [`kinesis`]: Kinesis event records as the use cases take them (agent-state and interactions).

pub mod kinesis;

use std::fmt::Debug;

use lambda_runtime::{Diagnostic, Error, LambdaEvent, run, service_fn};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::runtime::StartupError;

/// Serves the function `name`: reads [`Config`], builds the dependencies once with `build`, then
/// answers every invocation with `handler`. A start that fails is logged and returned.
///
/// # Errors
/// When the function cannot start, or the runtime API fails.
pub async fn serve<D, A, R, E>(
    name: &str,
    build: impl AsyncFnOnce(&Config) -> Result<D, StartupError>,
    handler: impl AsyncFn(&D, LambdaEvent<A>) -> Result<R, E>,
) -> Result<(), Error>
where
    A: DeserializeOwned,
    R: Serialize,
    E: Into<Diagnostic> + Debug,
{
    lambda_runtime::tracing::init_default_subscriber();
    let started = match Config::from_env() {
        Ok(config) => build(&config).await,
        Err(error) => Err(error.into()),
    };
    let deps = match started {
        Ok(deps) => deps,
        Err(error) => {
            tracing::error!(error = %error, "{name} cannot start");
            return Err(error.into());
        }
    };
    run(service_fn(|event| handler(&deps, event))).await
}
