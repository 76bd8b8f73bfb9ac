//! The agent-state Lambda function: reads the configuration and builds the service once, then
//! serves SQS batches with `lambda_runtime`.

use exsync::config::Config;
use lambda_runtime::{Error, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let config = Config::from_env()?;
    let service = agent_state::setup(&config).await?;
    run(service_fn(|event| agent_state::handle(&service, event))).await
}
