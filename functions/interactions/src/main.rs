//! The interactions Lambda function's entry point: tracing, configuration, dependencies built
//! once, then the runtime loop. Everything else lives in the library.

use aws_lambda_events::sqs::SqsEvent;
use exsync::config::Config;
use interactions::{Deps, handler};
use lambda_runtime::{Error, LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let deps = match start().await {
        Ok(deps) => deps,
        Err(error) => {
            tracing::error!(error = %error, "interactions cannot start");
            return Err(error);
        }
    };
    let deps = &deps;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| async move {
        handler(deps, event).await
    }))
    .await
}

async fn start() -> Result<Deps, Error> {
    let config = Config::from_env()?;
    Ok(Deps::from_config(&config).await?)
}
