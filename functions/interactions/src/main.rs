//! The interactions Lambda function (placeholder until its issue lands).

fn main() {}
