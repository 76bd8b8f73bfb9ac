//! The config-sync Lambda function (placeholder until its issue lands).

fn main() {}
