//! The functions' IAM policies in `template.yaml`, evaluated rather than pattern-matched (moto
//! does not enforce IAM, so no other test would notice a missing permission):
//! - every object a function may read lies in a bucket it may list without a condition a
//!   GetObject request cannot meet, so S3 answers a missing object with 404, not 403 (S3 hides
//!   whether a key exists from a reader without `s3:ListBucket`);
//! - the mapping document is read-only to every function.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[allow(dead_code)] // `render` serves template_connect.rs
mod template_iam {
    pub mod evaluator;
}

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;
use serde_yaml_ng::Value;
use template_iam::evaluator::{
    Request, Statement, allowed, bucket_arn, default_parameters, function_statements,
    inbound_bucket, object_arn, object_request_context, resolve, state_bucket,
};

/// What a write to an object can be.
const WRITES: [&str; 5] = [
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:PutObjectAcl",
    "s3:PutObjectTagging",
];

fn template() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../template.yaml");
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn function_names(t: &Value) -> Vec<String> {
    t["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
        .map(|(k, _)| k.as_str().unwrap().to_owned())
        .collect()
}

fn statements_with(t: &Value, function: &str, params: &BTreeMap<String, String>) -> Vec<Statement> {
    function_statements(&t["Resources"][function], params)
}

/// `s3://bucket/key` of an environment variable the template gives `function` (its own
/// variables first, then the globals), resolved for the test stack.
fn s3_env(
    t: &Value,
    function: &str,
    name: &str,
    params: &BTreeMap<String, String>,
) -> (String, String) {
    let own = &t["Resources"][function]["Properties"]["Environment"]["Variables"][name];
    let value = if own.is_null() {
        &t["Globals"]["Function"]["Environment"]["Variables"][name]
    } else {
        own
    };
    assert!(!value.is_null(), "{function} has no {name}");
    let url = resolve(value, params);
    let rest = url.strip_prefix("s3://").expect("an s3:// url");
    let (bucket, key) = rest.split_once('/').expect("bucket/key");
    (bucket.to_owned(), key.to_owned())
}

/// The objects each function's code reads, as (bucket, key); an absent one is normal (a new
/// agent, a new interaction, a recording without sidecar, no snapshot dropped yet).
fn objects_read(
    t: &Value,
    function: &str,
    params: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    use exsync::store::keys;
    use exsync::sync::recordings;
    let (state, prefix) = s3_env(t, function, "EXSYNC_STATE_URL", params);
    let in_state = |key: String| (state.clone(), format!("{prefix}/{key}"));
    let mut read = vec![s3_env(t, function, "EXSYNC_MAPPING_URL", params)];
    let hash = recordings::key_hash(&inbound_bucket(), "recordings/call-1.wav");
    match function {
        "ConfigSyncFunction" => {
            read.push(s3_env(t, function, "EXSYNC_CONFIG_URL", params));
            read.push(in_state(keys::IDMAP.to_owned()));
        }
        "AgentStateFunction" => {
            read.push(in_state(keys::IDMAP.to_owned()));
            read.push(in_state(keys::agent_record("a-new-agent")));
        }
        "InteractionsFunction" => {
            read.push(in_state(keys::IDMAP.to_owned()));
            read.push(in_state(keys::interaction_state("a-new-conversation")));
        }
        "RecordingsFunction" => {
            read.push((inbound_bucket(), "recordings/call-1.wav".to_owned()));
            read.push((
                inbound_bucket(),
                recordings::sidecar_key("recordings/call-1.wav"),
            ));
            read.push(in_state(keys::recording_record(None, &hash)));
            read.push(in_state(keys::pending_upload(&hash)));
        }
        other => panic!("no list of the objects {other} reads; add one"),
    }
    read
}

fn can(statements: &[Statement], action: &str, resource: &str) -> bool {
    let context = object_request_context();
    allowed(
        statements,
        &Request {
            action,
            resource,
            context: &context,
        },
    )
}

#[test]
fn every_object_a_function_reads_is_readable_and_its_absence_answers_404() {
    let t = template();
    let params = default_parameters(&t);
    for function in function_names(&t) {
        let statements = statements_with(&t, &function, &params);
        for (bucket, key) in objects_read(&t, &function, &params) {
            assert!(
                can(&statements, "s3:GetObject", &object_arn(&bucket, &key)),
                "{function} may not read s3://{bucket}/{key}"
            );
            assert!(
                can(&statements, "s3:ListBucket", &bucket_arn(&bucket)),
                "{function} reads s3://{bucket}/{key} but may not list {bucket} in a GetObject request: a missing key answers 403"
            );
        }
    }
}

#[test]
fn the_mapping_document_is_read_only_to_every_function() {
    let t = template();
    let params = default_parameters(&t);
    for function in function_names(&t) {
        let statements = statements_with(&t, &function, &params);
        let (bucket, key) = s3_env(&t, &function, "EXSYNC_MAPPING_URL", &params);
        for action in WRITES {
            assert!(
                !can(&statements, action, &object_arn(&bucket, &key)),
                "{function} may {action} the mapping document s3://{bucket}/{key}"
            );
        }
    }
}

#[test]
fn a_prefix_condition_does_not_grant_listing_to_an_object_read() {
    // the evaluator's own check: the shape main used to have must not count as granted
    let context = object_request_context();
    let conditioned = Statement {
        allow: true,
        actions: vec!["s3:ListBucket".into()],
        resources: vec![bucket_arn("b")],
        conditions: vec![(
            "StringLike".into(),
            "s3:prefix".into(),
            vec!["exsync/*".into()],
        )],
    };
    let request = Request {
        action: "s3:ListBucket",
        resource: &bucket_arn("b"),
        context: &context,
    };
    assert!(!allowed(std::slice::from_ref(&conditioned), &request));
    let unconditioned = Statement {
        conditions: vec![],
        ..conditioned
    };
    assert!(allowed(std::slice::from_ref(&unconditioned), &request));
    let deny = Statement {
        allow: false,
        ..unconditioned.clone()
    };
    assert!(!allowed(&[unconditioned, deny], &request));
}

/// Keys near the prefixes the template grants, and elsewhere.
fn any_key() -> impl Strategy<Value = String> {
    let prefixes = prop::sample::select(vec![
        "",
        "exsync/",
        "exsync/recordings/",
        "exsync/recordings/~pending/",
        "exsync/agent-state/last/",
        "exsync/interactions/",
        "config/",
        "recordings/",
        "mapping/",
        "other/",
    ]);
    (
        prefixes,
        "[a-zA-Z0-9._~-]{1,12}(/[a-zA-Z0-9._~-]{1,12}){0,2}",
    )
        .prop_map(|(prefix, rest)| format!("{prefix}{rest}"))
}

/// Mapping keys the `MappingKey` parameter allows: anything outside `exsync/`, no wildcards.
fn any_mapping_key() -> impl Strategy<Value = String> {
    "[a-z0-9._-]{1,10}(/[a-z0-9._-]{1,10}){0,2}\\.json"
        .prop_filter("outside exsync/", |k| !k.starts_with("exsync/"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_object_a_function_may_get_lies_in_a_bucket_it_may_list_for_that_get(
        key in any_key(),
        mapping in any_mapping_key(),
        inbound in any::<bool>(),
    ) {
        let t = template();
        let mut params = default_parameters(&t);
        params.insert("MappingKey".into(), mapping);
        let bucket = if inbound { inbound_bucket() } else { state_bucket() };
        for function in function_names(&t) {
            let statements = statements_with(&t, &function, &params);
            if can(&statements, "s3:GetObject", &object_arn(&bucket, &key)) {
                prop_assert!(
                    can(&statements, "s3:ListBucket", &bucket_arn(&bucket)),
                    "{} may get s3://{}/{} but not list {}", function, bucket, key, bucket
                );
            }
        }
    }

    #[test]
    fn no_function_may_write_the_mapping_document_wherever_it_is_kept(mapping in any_mapping_key()) {
        let t = template();
        let mut params = default_parameters(&t);
        params.insert("MappingKey".into(), mapping.clone());
        for function in function_names(&t) {
            let statements = statements_with(&t, &function, &params);
            prop_assert!(can(&statements, "s3:GetObject", &object_arn(&state_bucket(), &mapping)));
            for action in WRITES {
                prop_assert!(
                    !can(&statements, action, &object_arn(&state_bucket(), &mapping)),
                    "{} may {} the mapping at {}", function, action, mapping
                );
            }
        }
    }
}
