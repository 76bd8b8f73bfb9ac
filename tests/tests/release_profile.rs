//! The deployed build keeps the release profile the project chose: `sam build` runs cargo-lambda,
//! which adds `--config profile.release.<key>=…` for each of `panic` ("abort"), `lto`,
//! `codegen-units` and `strip` that the profile leaves unset. A profile that sets all four is built
//! as written, so a handler panic unwinds into an invocation error instead of killing the runtime.
//! (Observed with cargo-lambda 1.9.2: `cargo lambda build --release -vv` logs "release optimizations
//! config=[...]" without the panic entry once `panic = "unwind"` is set.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::PathBuf;

/// The `key = value` lines of the root manifest's `[profile.release]` table.
fn release_profile() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let text = std::fs::read_to_string(&root).unwrap();
    text.lines()
        .skip_while(|l| l.trim() != "[profile.release]")
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| {
            let l = l.split('#').next()?.trim();
            let (k, v) = l.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        })
        .collect()
}

#[test]
fn the_release_profile_unwinds_on_panic_explicitly() {
    let profile = release_profile();
    assert!(
        profile.contains(&("panic".to_owned(), "unwind".to_owned())),
        "{profile:?}"
    );
}

#[test]
fn the_release_profile_sets_every_key_cargo_lambda_would_override() {
    let profile = release_profile();
    for key in ["panic", "lto", "codegen-units", "strip"] {
        assert!(
            profile.iter().any(|(k, _)| k == key),
            "[profile.release] leaves `{key}` to cargo-lambda: {profile:?}"
        );
    }
}
