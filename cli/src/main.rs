//! The exsync command line (placeholder).

fn main() {}
