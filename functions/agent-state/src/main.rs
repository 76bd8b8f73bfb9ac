//! The agent-state Lambda function (placeholder until its issue lands).

fn main() {}
