//! The Amazon Connect part of `template.yaml`, rendered for given parameters the way
//! CloudFormation would (conditions evaluated, `!If` resolved, `AWS::NoValue` dropped):
//! - without the seven Connect parameters nothing of it is left: no resource, trigger, permission,
//!   variable or output names a Connect parameter or condition, so the stack is the one without
//!   Connect;
//! - each parameter adds exactly its trigger and its least-privilege statements, pinned to the
//!   parameter's value (no `*` resource for `connect:`, `kinesis:` or `kms:`);
//! - the Kinesis triggers report partial batch failures, bisect, retry a bounded number of times
//!   and send what they discard to a standard queue; the EventBridge rule matches exactly the
//!   recording bucket and prefix and dead-letters what it cannot deliver.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

#[allow(dead_code)]
mod template_iam {
    pub mod evaluator;
}

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_yaml_ng::Value;
use template_iam::evaluator::{
    Request, Statement, allowed, bucket_arn, default_parameters, function_statements, object_arn,
    object_request_context, render, resolve, state_bucket, with_conditions,
};

const INSTANCE: &str =
    "arn:aws:connect:eu-central-1:111122223333:instance/7c1e2f40-3b1a-4d2e-9c57-1a2b3c4d5e6f";
const AGENT_STREAM: &str = "arn:aws:kinesis:eu-central-1:111122223333:stream/connect-agent-events";
const CTR_STREAM: &str = "arn:aws:kinesis:eu-central-1:111122223333:stream/connect-ctr";
const RECORDING_BUCKET: &str = "acme-connect-recordings";
const RECORDING_PREFIX: &str = "connect/acme-prod/CallRecordings";
const KEY: &str = "arn:aws:kms:eu-central-1:111122223333:key/0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const STREAM_KEY: &str =
    "arn:aws:kms:eu-central-1:111122223333:key/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";

const PARAMETERS: [&str; 7] = [
    "ConnectInstanceArn",
    "ConnectAgentEventStreamArn",
    "ConnectContactRecordStreamArn",
    "ConnectRecordingBucket",
    "ConnectRecordingPrefix",
    "ConnectRecordingKmsKeyArn",
    "ConnectStreamKmsKeyArn",
];

const CONDITIONS: [&str; 8] = [
    "HasConnectInstance",
    "HasAgentEventStream",
    "HasContactRecordStream",
    "HasConnectStream",
    "HasConnectRecordings",
    "HasConnectRecordingKey",
    "HasAgentEventStreamKey",
    "HasContactRecordStreamKey",
];

/// Resources that exist only with Connect.
const CONNECT_RESOURCES: [&str; 7] = [
    "ConnectStreamFailedQueue",
    "ConnectStreamFailedAlarm",
    "AgentEventStreamMapping",
    "ContactRecordStreamMapping",
    "ConnectRecordingsRule",
    "ConnectRecordingsInvokePermission",
    "RecordingsFailedQueuePolicy",
];

fn template() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../template.yaml");
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The default parameters with `set` overriding them, conditions evaluated.
fn parameters(t: &Value, set: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut p = default_parameters(t);
    for (name, value) in set {
        p.insert((*name).to_owned(), (*value).to_owned());
    }
    with_conditions(t, &p)
}

fn resources(rendered: &Value) -> BTreeSet<String> {
    rendered["Resources"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect()
}

fn connect_resources(rendered: &Value) -> BTreeSet<String> {
    let all = resources(rendered);
    CONNECT_RESOURCES
        .iter()
        .filter(|r| all.contains(**r))
        .map(|r| (*r).to_owned())
        .collect()
}

/// Every string and tag value in `v`, flattened.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Tagged(t) => texts(&t.value, out),
        Value::Sequence(items) => items.iter().for_each(|i| texts(i, out)),
        Value::Mapping(m) => m.iter().for_each(|(k, v)| {
            texts(k, out);
            texts(v, out);
        }),
        _ => {}
    }
}

fn statements(t: &Value, function: &str, p: &BTreeMap<String, String>) -> Vec<Statement> {
    function_statements(&t["Resources"][function], p)
}

/// (action, resource) of every allowed statement whose action starts with `service:`.
fn grants(statements: &[Statement], service: &str) -> BTreeSet<(String, String)> {
    statements
        .iter()
        .filter(|s| s.allow)
        .flat_map(|s| {
            s.actions
                .iter()
                .filter(|a| a.starts_with(service))
                .flat_map(|a| s.resources.iter().map(move |r| (a.clone(), r.clone())))
        })
        .collect()
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

const FUNCTIONS: [&str; 4] = [
    "ConfigSyncFunction",
    "AgentStateFunction",
    "InteractionsFunction",
    "RecordingsFunction",
];

#[test]
fn every_connect_parameter_defaults_to_empty() {
    let t = template();
    for name in PARAMETERS {
        assert_eq!(t["Parameters"][name]["Default"], "", "{name}");
    }
}

#[test]
fn without_connect_parameters_nothing_of_connect_is_left_in_the_stack() {
    let t = template();
    let p = parameters(&t, &[]);
    let rendered = render(&t, &p);

    assert!(connect_resources(&rendered).is_empty());
    let mut left = Vec::new();
    texts(&rendered["Resources"], &mut left);
    texts(&rendered["Outputs"], &mut left);
    for text in &left {
        for name in PARAMETERS.iter().chain(CONDITIONS.iter()) {
            assert!(!text.contains(name), "{name} is still named: {text}");
        }
        for service in ["connect:", "kinesis:", "kms:"] {
            assert!(!text.starts_with(service), "{text} is still granted");
        }
    }
    for function in FUNCTIONS {
        let f = &rendered["Resources"][function]["Properties"];
        assert!(
            f["Environment"]["Variables"]["EXSYNC_CONNECT_RECORDINGS_URL"].is_null(),
            "{function}"
        );
        let s = statements(&t, function, &p);
        for service in ["connect:", "kinesis:", "kms:"] {
            assert!(grants(&s, service).is_empty(), "{function}: {service}");
        }
    }
    let config_url = resolve(
        &t["Resources"]["ConfigSyncFunction"]["Properties"]["Environment"]["Variables"]["EXSYNC_CONFIG_URL"],
        &p,
    );
    assert_eq!(
        config_url,
        "s3://exsync-test-inbound-123456789012/config/snapshot.json"
    );
}

#[test]
fn every_addition_sits_under_a_connect_condition() {
    // what the rendering without Connect drops must be exactly what names a Connect condition
    let t = template();
    let all = render(&t, &parameters(&t, &[]));
    for name in CONNECT_RESOURCES {
        let condition = t["Resources"][name]["Condition"].as_str().unwrap();
        assert!(CONDITIONS.contains(&condition), "{name}: {condition}");
        assert!(all["Resources"][name].is_null(), "{name}");
    }
}

#[test]
fn the_instance_arn_grants_the_configuration_reads_on_that_instance_only() {
    let t = template();
    let p = parameters(&t, &[("ConnectInstanceArn", INSTANCE)]);
    let rendered = render(&t, &p);

    let s = statements(&t, "ConfigSyncFunction", &p);
    let connect = grants(&s, "connect:");
    let resources: BTreeSet<&str> = connect.iter().map(|(_, r)| r.as_str()).collect();
    let actions: BTreeSet<&str> = connect.iter().map(|(a, _)| a.as_str()).collect();

    assert_eq!(
        resources,
        BTreeSet::from([INSTANCE, &*format!("{INSTANCE}/*")])
    );
    assert!(actions.contains("connect:ListUsers") && actions.contains("connect:DescribeUser"));
    assert!(
        actions.iter().all(|a| ["List", "Describe", "Search"]
            .iter()
            .any(|verb| a.trim_start_matches("connect:").starts_with(verb))),
        "{actions:?}"
    );
    assert!(can(
        &s,
        "connect:ListQueues",
        &format!("{INSTANCE}/queue/*")
    ));
    assert!(!can(
        &s,
        "connect:ListQueues",
        "arn:aws:connect:eu-central-1:111122223333:instance/other"
    ));
    assert!(!can(
        &s,
        "connect:UpdateUserIdentityInfo",
        &format!("{INSTANCE}/agent/a")
    ));
    let url = resolve(
        &t["Resources"]["ConfigSyncFunction"]["Properties"]["Environment"]["Variables"]["EXSYNC_CONFIG_URL"],
        &p,
    );
    assert_eq!(url, "connect://7c1e2f40-3b1a-4d2e-9c57-1a2b3c4d5e6f");
    assert!(
        connect_resources(&rendered).is_empty(),
        "no trigger for the instance alone"
    );
    for other in [
        "AgentStateFunction",
        "InteractionsFunction",
        "RecordingsFunction",
    ] {
        assert!(
            grants(&statements(&t, other, &p), "connect:").is_empty(),
            "{other}"
        );
    }
}

#[test]
fn each_stream_adds_its_kinesis_trigger_and_reads_on_that_stream_only() {
    let t = template();
    for (parameter, stream, function, mapping, other) in [
        (
            "ConnectAgentEventStreamArn",
            AGENT_STREAM,
            "AgentStateFunction",
            "AgentEventStreamMapping",
            "ContactRecordStreamMapping",
        ),
        (
            "ConnectContactRecordStreamArn",
            CTR_STREAM,
            "InteractionsFunction",
            "ContactRecordStreamMapping",
            "AgentEventStreamMapping",
        ),
    ] {
        let p = parameters(&t, &[(parameter, stream)]);
        let rendered = render(&t, &p);

        assert_eq!(
            connect_resources(&rendered),
            BTreeSet::from([
                mapping.to_owned(),
                "ConnectStreamFailedQueue".to_owned(),
                "ConnectStreamFailedAlarm".to_owned(),
            ]),
            "{parameter}"
        );
        assert!(rendered["Resources"][other].is_null());
        let m = &rendered["Resources"][mapping]["Properties"];
        assert_eq!(resolve(&m["EventSourceArn"], &p), stream);
        assert_eq!(resolve(&m["FunctionName"], &p), format!("ref:{function}"));
        assert_eq!(m["FunctionResponseTypes"][0], "ReportBatchItemFailures");
        assert_eq!(m["BisectBatchOnFunctionError"], true);
        assert!(
            m["MaximumRetryAttempts"]
                .as_u64()
                .is_some_and(|n| (1..=10).contains(&n))
        );
        assert!(["LATEST", "TRIM_HORIZON"].contains(&m["StartingPosition"].as_str().unwrap()));
        assert_eq!(
            resolve(&m["DestinationConfig"]["OnFailure"]["Destination"], &p),
            "getatt:ConnectStreamFailedQueue.Arn"
        );
        let queue = &rendered["Resources"]["ConnectStreamFailedQueue"]["Properties"];
        assert!(
            queue["FifoQueue"].is_null(),
            "an on-failure destination is a standard queue"
        );

        let s = statements(&t, function, &p);
        let kinesis = grants(&s, "kinesis:");
        assert!(kinesis.iter().all(|(_, r)| r == stream), "{kinesis:?}");
        for action in [
            "GetRecords",
            "GetShardIterator",
            "DescribeStream",
            "ListShards",
        ] {
            assert!(
                can(&s, &format!("kinesis:{action}"), stream),
                "{function}: {action}"
            );
        }
        assert!(!can(&s, "kinesis:PutRecord", stream));
        assert!(can(
            &s,
            "sqs:SendMessage",
            "getatt:ConnectStreamFailedQueue.Arn"
        ));
        for unrelated in FUNCTIONS.iter().filter(|f| **f != function) {
            assert!(grants(&statements(&t, unrelated, &p), "kinesis:").is_empty());
        }
    }
}

#[test]
fn the_recording_bucket_adds_the_eventbridge_rule_and_reads_under_the_prefix_only() {
    let t = template();
    let p = parameters(
        &t,
        &[
            ("ConnectRecordingBucket", RECORDING_BUCKET),
            ("ConnectRecordingPrefix", RECORDING_PREFIX),
        ],
    );
    let rendered = render(&t, &p);

    assert_eq!(
        connect_resources(&rendered),
        BTreeSet::from([
            "ConnectRecordingsRule".to_owned(),
            "ConnectRecordingsInvokePermission".to_owned(),
            "RecordingsFailedQueuePolicy".to_owned(),
        ])
    );
    let rule = &rendered["Resources"]["ConnectRecordingsRule"]["Properties"];
    let pattern = &rule["EventPattern"];
    assert_eq!(pattern["source"][0], "aws.s3");
    assert_eq!(pattern["detail-type"][0], "Object Created");
    assert_eq!(
        resolve(&pattern["detail"]["bucket"]["name"][0], &p),
        RECORDING_BUCKET
    );
    assert_eq!(
        resolve(&pattern["detail"]["object"]["key"][0]["prefix"], &p),
        RECORDING_PREFIX
    );
    let target = &rule["Targets"][0];
    assert_eq!(resolve(&target["Arn"], &p), "getatt:RecordingsFunction.Arn");
    assert_eq!(
        resolve(&target["DeadLetterConfig"]["Arn"], &p),
        "getatt:RecordingsFailedQueue.Arn"
    );
    assert!(
        target["RetryPolicy"]["MaximumRetryAttempts"]
            .as_u64()
            .is_some()
    );
    let permission = &rendered["Resources"]["ConnectRecordingsInvokePermission"]["Properties"];
    assert_eq!(permission["Principal"], "events.amazonaws.com");
    assert_eq!(
        resolve(&permission["SourceArn"], &p),
        "getatt:ConnectRecordingsRule.Arn"
    );
    let url = resolve(
        &t["Resources"]["RecordingsFunction"]["Properties"]["Environment"]["Variables"]["EXSYNC_CONNECT_RECORDINGS_URL"],
        &p,
    );
    assert_eq!(url, format!("s3://{RECORDING_BUCKET}/{RECORDING_PREFIX}"));

    let s = statements(&t, "RecordingsFunction", &p);
    let recording = format!("{RECORDING_PREFIX}/2026/11/24/c1_20261124T08:16_UTC.wav");
    assert!(can(
        &s,
        "s3:GetObject",
        &object_arn(RECORDING_BUCKET, &recording)
    ));
    assert!(can(&s, "s3:ListBucket", &bucket_arn(RECORDING_BUCKET)));
    assert!(!can(
        &s,
        "s3:GetObject",
        &object_arn(RECORDING_BUCKET, "other/secret.wav")
    ));
    for write in ["s3:PutObject", "s3:DeleteObject"] {
        assert!(
            !can(&s, write, &object_arn(RECORDING_BUCKET, &recording)),
            "{write}"
        );
    }
    let waiting = "exsync/connect/waiting-recordings/0123456789abcdef01234567.json";
    assert!(can(
        &s,
        "s3:DeleteObject",
        &object_arn(&state_bucket(), waiting)
    ));
    assert!(!can(
        &s,
        "s3:DeleteObject",
        &object_arn(&state_bucket(), "exsync/idmap.json")
    ));
    assert!(
        grants(&s, "kms:").is_empty(),
        "no key given, no key granted"
    );
}

#[test]
fn the_kms_key_is_granted_for_decryption_only_and_only_with_the_recording_bucket() {
    let t = template();
    let alone = parameters(&t, &[("ConnectRecordingKmsKeyArn", KEY)]);
    let with_bucket = parameters(
        &t,
        &[
            ("ConnectRecordingKmsKeyArn", KEY),
            ("ConnectRecordingBucket", RECORDING_BUCKET),
        ],
    );

    let granted = grants(&statements(&t, "RecordingsFunction", &with_bucket), "kms:");

    assert_eq!(
        granted,
        BTreeSet::from([("kms:Decrypt".to_owned(), KEY.to_owned())])
    );
    assert!(grants(&statements(&t, "RecordingsFunction", &alone), "kms:").is_empty());
    for other in [
        "ConfigSyncFunction",
        "AgentStateFunction",
        "InteractionsFunction",
    ] {
        assert!(grants(&statements(&t, other, &with_bucket), "kms:").is_empty());
    }
}

#[test]
fn the_stream_key_is_granted_for_decryption_only_to_the_function_reading_each_stream() {
    let t = template();
    let key = [("ConnectStreamKmsKeyArn", STREAM_KEY)];
    let agent_events = parameters(&t, &[key[0], ("ConnectAgentEventStreamArn", AGENT_STREAM)]);
    let records = parameters(&t, &[key[0], ("ConnectContactRecordStreamArn", CTR_STREAM)]);
    let alone = parameters(&t, &key);
    let decrypt = BTreeSet::from([("kms:Decrypt".to_owned(), STREAM_KEY.to_owned())]);
    let kms =
        |function: &str, p: &BTreeMap<String, String>| grants(&statements(&t, function, p), "kms:");

    assert_eq!(kms("AgentStateFunction", &agent_events), decrypt);
    assert!(kms("InteractionsFunction", &agent_events).is_empty());
    assert_eq!(kms("InteractionsFunction", &records), decrypt);
    assert!(kms("AgentStateFunction", &records).is_empty());
    for function in FUNCTIONS {
        assert!(
            kms(function, &alone).is_empty(),
            "{function}: no stream, no key"
        );
    }
    for other in ["ConfigSyncFunction", "RecordingsFunction"] {
        assert!(kms(other, &agent_events).is_empty(), "{other}");
        assert!(kms(other, &records).is_empty(), "{other}");
    }
}

#[test]
fn all_parameters_together_add_every_connect_resource_and_no_wildcard_grant() {
    let t = template();
    let p = parameters(
        &t,
        &[
            ("ConnectInstanceArn", INSTANCE),
            ("ConnectAgentEventStreamArn", AGENT_STREAM),
            ("ConnectContactRecordStreamArn", CTR_STREAM),
            ("ConnectRecordingBucket", RECORDING_BUCKET),
            ("ConnectRecordingPrefix", RECORDING_PREFIX),
            ("ConnectRecordingKmsKeyArn", KEY),
            ("ConnectStreamKmsKeyArn", STREAM_KEY),
        ],
    );
    let rendered = render(&t, &p);

    assert_eq!(connect_resources(&rendered).len(), CONNECT_RESOURCES.len());
    for function in FUNCTIONS {
        let s = statements(&t, function, &p);
        for service in ["connect:", "kinesis:", "kms:"] {
            for (action, resource) in grants(&s, service) {
                assert!(
                    resource != "*" && !resource.ends_with(":*"),
                    "{function}: {action} on {resource}"
                );
            }
        }
    }
}
