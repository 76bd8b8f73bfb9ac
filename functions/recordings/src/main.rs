//! The recordings Lambda function's entry point; everything else lives in the library.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    exsync::lambda::serve(
        "recordings",
        recordings::Deps::from_config,
        recordings::handler,
    )
    .await
}
