//! The entry point every Lambda function shares (feature `lambda`): tracing, the configuration,
//! the function's dependencies built once, then the runtime loop handing them to each invocation.
//! [`Budget`]: an invocation's deadline; [`Ignored`]: an event record left alone; [`kinesis`]:
//! Kinesis event records as the use cases take them (agent-state and interactions).

pub mod kinesis;

use std::fmt::Debug;
use std::time::Duration;

use lambda_runtime::{Context, Diagnostic, Error, LambdaEvent, run, service_fn};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::deadline::Deadline;
use crate::runtime::StartupError;

/// How much of an invocation's time a use case may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// kept back from the Lambda deadline
    pub margin: Duration,
    /// the budget when the context carries no deadline (a local run)
    pub fallback: Duration,
}

impl Budget {
    /// The run's deadline: the invocation's, less the margin (the fallback without one).
    pub fn deadline(&self, context: &Context) -> Deadline {
        Deadline::for_invocation(context.deadline, self.margin, self.fallback)
    }
}

/// An event record a function leaves alone (an S3 notification that is not an object it handles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// `s3://bucket/key` as far as known
    pub object: String,
    /// why
    pub reason: String,
}

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
