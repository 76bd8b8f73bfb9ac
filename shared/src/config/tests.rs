//! Specification of how the environment becomes a `Config`.

use std::collections::HashMap;

use secrecy::ExposeSecret;

use super::*;

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn region_and_inline_credentials_make_a_config() {
    let cfg = Config::from_vars(vars(&[
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "id-1"),
        ("GENESYS_CLIENT_SECRET", "s3cr3t"),
        ("EXSYNC_STATE_URL", "s3://state-bucket/exsync/"),
        ("EXSYNC_UPLOAD_HOSTS", "127.0.0.1, localhost"),
    ]))
    .unwrap();
    assert_eq!(
        cfg.genesys.endpoints.api_base.as_str(),
        "https://api.mypurecloud.de/"
    );
    assert_eq!(cfg.genesys.rate_per_minute.get(), 300);
    assert_eq!(
        cfg.state,
        Some(Location::S3 {
            bucket: "state-bucket".into(),
            prefix: "exsync".into()
        })
    );
    assert_eq!(cfg.upload_hosts, vec!["127.0.0.1", "localhost"]);
    match cfg.genesys.credentials {
        Credentials::Inline {
            client_id,
            client_secret,
        } => {
            assert_eq!(client_id, "id-1");
            assert_eq!(client_secret.expose_secret(), "s3cr3t");
        }
        Credentials::SecretArn(_) => panic!("expected inline credentials"),
    }
}

#[test]
fn explicit_base_urls_replace_the_region() {
    let cfg = Config::from_vars(vars(&[
        ("GENESYS_API_BASE", "http://127.0.0.1:8089"),
        ("GENESYS_LOGIN_BASE", "http://127.0.0.1:8089"),
        (
            "GENESYS_CLIENT_SECRET_ARN",
            "arn:aws:secretsmanager:eu-central-1:1:secret:x",
        ),
        ("GENESYS_RATE_PER_MINUTE", "600"),
    ]))
    .unwrap();
    assert_eq!(
        cfg.genesys.endpoints.login_base.as_str(),
        "http://127.0.0.1:8089/"
    );
    assert_eq!(cfg.genesys.rate_per_minute.get(), 600);
    assert_eq!(cfg.genesys.rate_burst.get(), 5, "a small burst by default");
    assert!(matches!(cfg.genesys.credentials, Credentials::SecretArn(_)));
}

#[test]
fn missing_region_names_the_variable() {
    let err = Config::from_vars(vars(&[
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
    ]))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "GENESYS_REGION is not set (or GENESYS_API_BASE and GENESYS_LOGIN_BASE)"
    );
}

#[test]
fn missing_secret_names_the_variable() {
    let err = Config::from_vars(vars(&[
        ("GENESYS_REGION", "mypurecloud.ie"),
        ("GENESYS_CLIENT_ID", "a"),
    ]))
    .unwrap_err();
    assert_eq!(
        err,
        ConfigError::Missing {
            name: "GENESYS_CLIENT_SECRET",
            hint: Some("or GENESYS_CLIENT_SECRET_ARN")
        }
    );
}

#[test]
fn malformed_values_are_rejected_with_the_variable_name() {
    let base = [
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
    ];
    let cases = [
        ("GENESYS_RATE_PER_MINUTE", "0"),
        ("GENESYS_RATE_PER_MINUTE", "fast"),
        ("GENESYS_RATE_BURST", "0"),
        ("GENESYS_RATE_BURST", "301"),
        ("EXSYNC_STATE_URL", "ftp://x"),
        (
            "EXSYNC_STATE_URL",
            "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b",
        ),
        ("EXSYNC_CONFIG_URL", "connect://my-instance"),
        ("EXSYNC_S3_PATH_STYLE", "maybe"),
        ("EXSYNC_PENDING_OVERDUE_HOURS", "0"),
        ("EXSYNC_PENDING_OVERDUE_HOURS", "a day"),
        ("GENESYS_TOKEN_POOL_SIZE", "0"),
        ("GENESYS_TOKEN_POOL_SIZE", "21"),
        ("GENESYS_TOKEN_POOL_SIZE", "-1"),
        ("GENESYS_TOKEN_POOL_SIZE", "four"),
    ];
    for (name, value) in cases {
        let mut pairs = base.to_vec();
        pairs.push((name, value));
        let err = Config::from_vars(vars(&pairs)).unwrap_err();
        assert!(
            matches!(err, ConfigError::Invalid { name: n, .. } if n == name),
            "{name}={value}: {err}"
        );
    }
    let err = Config::from_vars(vars(&[
        ("GENESYS_REGION", "mars_1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
    ]))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("GENESYS_REGION is invalid: unknown region")
    );
}

#[test]
fn region_and_base_urls_together_are_ambiguous() {
    let err = Config::from_vars(vars(&[
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_API_BASE", "http://127.0.0.1:1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
    ]))
    .unwrap_err();
    assert!(matches!(
        err,
        ConfigError::Invalid {
            name: "GENESYS_REGION",
            ..
        }
    ));
}

#[test]
fn the_secret_never_shows_in_debug_output() {
    let cfg = Config::from_vars(vars(&[
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "id-1"),
        ("GENESYS_CLIENT_SECRET", "very-secret-value"),
    ]))
    .unwrap();
    let shown = format!("{cfg:?}");
    assert!(!shown.contains("very-secret-value"), "{shown}");
}

#[test]
fn file_locations_need_absolute_paths() {
    assert_eq!(
        Location::parse("file:///tmp/state"),
        Ok(Location::File("/tmp/state".into()))
    );
    assert!(Location::parse("relative/path").is_err());
}

#[test]
fn the_config_url_may_name_a_connect_instance() {
    let cfg = Config::from_vars(vars(&[
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
        (
            "EXSYNC_CONFIG_URL",
            "connect://0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b",
        ),
    ]))
    .unwrap();

    let Some(SnapshotSource::Connect(id)) = cfg.snapshot else {
        panic!("{:?}", cfg.snapshot);
    };
    assert_eq!(id.as_str(), "0c6f1f9e-2d3b-4f4a-9a55-1c2d3e4f5a6b");
}

#[test]
fn one_token_per_client_unless_the_pool_size_says_otherwise() {
    let base = [
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
    ];
    let default = Config::from_vars(vars(&base)).unwrap();
    let mut pairs = base.to_vec();
    pairs.push(("GENESYS_TOKEN_POOL_SIZE", " 20 "));
    let largest = Config::from_vars(vars(&pairs)).unwrap();

    assert_eq!(default.genesys.tokens_per_client.get(), 1);
    assert_eq!(largest.genesys.tokens_per_client.get(), 20);
}

#[test]
fn a_pool_size_out_of_range_says_what_is_allowed() {
    let err = Config::from_vars(vars(&[
        ("GENESYS_REGION", "eu_central_1"),
        ("GENESYS_CLIENT_ID", "a"),
        ("GENESYS_CLIENT_SECRET", "b"),
        ("GENESYS_TOKEN_POOL_SIZE", "50"),
    ]))
    .unwrap_err();

    assert_eq!(
        err.to_string(),
        "GENESYS_TOKEN_POOL_SIZE is invalid: \"50\" is not a whole number from 1 to 20"
    );
}
