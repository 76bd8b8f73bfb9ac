//! `template.yaml` checked for the properties cfn-lint does not catch: every function's trigger,
//! partial batch responses, dead-letter queues, visibility timeouts against function timeouts,
//! reserved concurrency, the token pool (config-sync only), least-privilege policies, bucket
//! hardening.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::path::PathBuf;

use serde_yaml_ng::Value;

fn template() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../template.yaml");
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resource<'a>(t: &'a Value, name: &str) -> &'a Value {
    let r = &t["Resources"][name];
    assert!(!r.is_null(), "resource {name} is missing");
    r
}

fn functions(t: &Value) -> Vec<(String, &Value)> {
    t["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
        .map(|(k, r)| (k.as_str().unwrap().to_owned(), r))
        .collect()
}

/// Every `Tagged` YAML value (`!Ref X`) seen as its inner value, for simple comparisons.
fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => &t.value,
        other => other,
    }
}

fn events(f: &Value) -> Vec<&Value> {
    f["Properties"]["Events"]
        .as_mapping()
        .map(|m| m.values().collect())
        .unwrap_or_default()
}

#[test]
fn the_globals_use_the_rust_runtime_with_json_logs_and_an_arm64_default() {
    let t = template();
    let g = &t["Globals"]["Function"];
    assert_eq!(g["Runtime"], "provided.al2023");
    assert_eq!(g["Handler"], "bootstrap");
    assert_eq!(g["LoggingConfig"]["LogFormat"], "JSON");
    assert_eq!(t["Parameters"]["Architecture"]["Default"], "arm64");
    assert!(
        g["Environment"]["Variables"]["GENESYS_CLIENT_SECRET"].is_null(),
        "the secret never goes into plain environment variables"
    );
    assert!(!g["Environment"]["Variables"]["GENESYS_CLIENT_SECRET_ARN"].is_null());
}

#[test]
fn every_function_builds_its_own_crate_with_cargo_lambda() {
    let t = template();
    let fns = functions(&t);
    assert_eq!(fns.len(), 4);
    for (name, f) in fns {
        assert_eq!(f["Metadata"]["BuildMethod"], "rust-cargolambda", "{name}");
        let binary = f["Metadata"]["BuildProperties"]["Binary"].as_str().unwrap();
        let krate = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../functions")
            .join(binary)
            .join("Cargo.toml");
        assert!(krate.exists(), "{name}: no crate functions/{binary}");
        let expected_id = binary
            .split('-')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect::<String>()
            + "Function";
        assert_eq!(name, expected_id, "logical id follows the crate name");
    }
}

#[test]
fn each_function_has_its_trigger() {
    let t = template();
    let kinds = |f: &str| -> Vec<String> {
        events(resource(&t, f))
            .iter()
            .map(|e| e["Type"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut cs = kinds("ConfigSyncFunction");
    cs.sort();
    assert_eq!(cs, ["S3", "Schedule"]);
    assert_eq!(kinds("AgentStateFunction"), ["SQS"]);
    assert_eq!(kinds("InteractionsFunction"), ["SQS"]);
    let mut rc = kinds("RecordingsFunction");
    rc.sort();
    assert_eq!(rc, ["S3", "Schedule"]);
    let prefix = |f: &str| -> String {
        let e = events(resource(&t, f))
            .into_iter()
            .find(|e| e["Type"] == "S3")
            .unwrap();
        let rules = e["Properties"]["Filter"]["S3Key"]["Rules"]
            .as_sequence()
            .unwrap();
        rules.iter().find(|r| r["Name"] == "prefix").unwrap()["Value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(prefix("ConfigSyncFunction"), "config/");
    assert_eq!(prefix("RecordingsFunction"), "recordings/");
}

#[test]
fn config_sync_never_runs_twice_at_once() {
    let t = template();
    assert_eq!(
        resource(&t, "ConfigSyncFunction")["Properties"]["ReservedConcurrentExecutions"].as_u64(),
        Some(1)
    );
}

#[test]
fn only_config_sync_holds_a_token_pool_and_it_defaults_to_one_token() {
    let t = template();
    let size = &t["Parameters"]["ConfigSyncTokenPoolSize"];
    let range = ["Default", "MinValue", "MaxValue"].map(|k| size[k].as_u64());
    assert_eq!(range, [Some(1), Some(1), Some(20)]);
    for (name, f) in functions(&t) {
        let pool = &f["Properties"]["Environment"]["Variables"]["GENESYS_TOKEN_POOL_SIZE"];
        if name == "ConfigSyncFunction" {
            assert_eq!(
                untag(pool).as_str(),
                Some("ConfigSyncTokenPoolSize"),
                "{name}"
            );
        } else {
            assert!(pool.is_null(), "{name} must keep one token");
        }
    }
    assert!(
        t["Globals"]["Function"]["Environment"]["Variables"]["GENESYS_TOKEN_POOL_SIZE"].is_null()
    );
}

#[test]
fn sqs_triggers_report_partial_batch_failures_and_queues_have_dead_letters() {
    let t = template();
    for (function, queue) in [
        ("AgentStateFunction", "AgentStateQueue"),
        ("InteractionsFunction", "InteractionsQueue"),
    ] {
        let f = resource(&t, function);
        let sqs = events(f).into_iter().find(|e| e["Type"] == "SQS").unwrap();
        let types = sqs["Properties"]["FunctionResponseTypes"]
            .as_sequence()
            .unwrap();
        assert_eq!(
            types,
            &vec![Value::from("ReportBatchItemFailures")],
            "{function}"
        );
        let q = resource(&t, queue);
        let redrive = &q["Properties"]["RedrivePolicy"];
        assert!(
            !redrive["deadLetterTargetArn"].is_null(),
            "{queue} has no dead-letter queue"
        );
        let timeout = f["Properties"]["Timeout"].as_u64().unwrap();
        let visibility = q["Properties"]["VisibilityTimeout"].as_u64().unwrap();
        assert!(
            visibility >= 6 * timeout,
            "{queue}: visibility {visibility} < 6 x {timeout}"
        );
    }
}

#[test]
fn the_agent_state_queue_is_fifo_without_content_dedup_by_default() {
    let t = template();
    assert_eq!(t["Parameters"]["AgentStateQueueType"]["Default"], "fifo");
    let q = &resource(&t, "AgentStateQueue")["Properties"];
    let dedup = untag(&q["ContentBasedDeduplication"]);
    assert_eq!(dedup[1], false, "the producer sets the deduplication id");
}

#[test]
fn data_plane_permissions_never_use_a_wildcard_resource() {
    let t = template();
    for (name, f) in functions(&t) {
        for policy in f["Properties"]["Policies"].as_sequence().unwrap() {
            // a policy under `!If [condition, policy, !Ref AWS::NoValue]` is checked as granted
            let policy = match policy {
                Value::Tagged(t) if t.tag == "If" => &t.value[1],
                other => other,
            };
            for statement in policy["Statement"].as_sequence().unwrap() {
                let resources: Vec<&Value> = match &statement["Resource"] {
                    Value::Sequence(s) => s.iter().collect(),
                    other => vec![other],
                };
                for r in resources {
                    assert_ne!(
                        untag(r),
                        &Value::from("*"),
                        "{name}: statement {:?} allows every resource",
                        statement["Sid"]
                    );
                    if let Some(text) = untag(r).as_str() {
                        assert!(
                            !text.ends_with(":::*") && text != "arn:aws:s3:::*",
                            "{name}: {text}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn buckets_are_encrypted_private_tls_only_and_named_without_circular_references() {
    let t = template();
    for (bucket, policy) in [
        ("InboundBucket", "InboundBucketPolicy"),
        ("StateBucket", "StateBucketPolicy"),
    ] {
        let p = &resource(&t, bucket)["Properties"];
        assert!(
            !p["BucketEncryption"].is_null(),
            "{bucket} is not encrypted"
        );
        let block = &p["PublicAccessBlockConfiguration"];
        for flag in [
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ] {
            assert_eq!(block[flag], true, "{bucket}.{flag}");
        }
        let name = untag(&p["BucketName"]).as_str().unwrap();
        assert!(
            name.contains("${AWS::StackName}") && name.contains("${AWS::AccountId}"),
            "{bucket}: fixed name expected, got {name}"
        );
        let statement = &resource(&t, policy)["Properties"]["PolicyDocument"]["Statement"][0];
        assert_eq!(statement["Effect"], "Deny");
        assert_eq!(
            statement["Condition"]["Bool"]["aws:SecureTransport"],
            "false"
        );
    }
    let state = &resource(&t, "StateBucket")["Properties"];
    assert_eq!(state["VersioningConfiguration"]["Status"], "Enabled");
    let rules: Vec<&str> = state["LifecycleConfiguration"]["Rules"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|r| r["Prefix"].as_str())
        .collect();
    assert!(
        rules.contains(&"exsync/dead-letters/") && rules.contains(&"exsync/reports/"),
        "{rules:?}"
    );
}

#[test]
fn alarms_cover_dead_letters_errors_throttles_and_custom_metrics() {
    let t = template();
    let alarms: Vec<&Value> = t["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .filter(|r| r["Type"] == "AWS::CloudWatch::Alarm")
        .collect();
    let metric = |a: &Value| a["Properties"]["MetricName"].as_str().map(str::to_owned);
    let names: Vec<String> = alarms.iter().filter_map(|a| metric(a)).collect();
    for wanted in [
        "ApproximateNumberOfMessagesVisible",
        "EventsDeadLettered",
        "UnmappedValues",
        "GenesysThrottled",
        "RecordingsRejected",
        "UploadReportsUnreadable",
        "UploadsOverdue",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "no alarm on {wanted}: {names:?}"
        );
    }
    let expressions: Vec<String> = alarms
        .iter()
        .filter_map(|a| a["Properties"]["Metrics"].as_sequence())
        .flat_map(|m| {
            m.iter().filter_map(|x| {
                x["MetricStat"]["Metric"]["MetricName"]
                    .as_str()
                    .map(str::to_owned)
            })
        })
        .collect();
    assert!(
        expressions.contains(&"Errors".to_owned()) && expressions.contains(&"Throttles".to_owned())
    );
}

#[test]
fn failed_recording_uploads_end_in_a_queue_after_lambdas_retries() {
    let t = template();
    let f = &resource(&t, "RecordingsFunction")["Properties"];
    assert_eq!(
        f["EventInvokeConfig"]["MaximumRetryAttempts"].as_u64(),
        Some(2)
    );
    assert_eq!(
        f["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]["Type"],
        "SQS"
    );
    resource(&t, "RecordingsFailedQueue");
}
