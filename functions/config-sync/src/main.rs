//! The config-sync Lambda function's entry point; everything else lives in the library.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    exsync::lambda::serve(
        "config-sync",
        config_sync::Deps::from_config,
        config_sync::handler,
    )
    .await
}
