//! The recordings Lambda function (placeholder until its issue lands).

fn main() {}
