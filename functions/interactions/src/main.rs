//! The interactions Lambda function's entry point; everything else lives in the library.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    exsync::lambda::serve(
        "interactions",
        interactions::Deps::from_config,
        interactions::any_handler,
    )
    .await
}
