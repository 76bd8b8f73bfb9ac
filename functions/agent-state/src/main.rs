//! The agent-state Lambda function's entry point; everything else lives in the library.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    exsync::lambda::serve("agent-state", agent_state::setup, agent_state::handle_event).await
}
