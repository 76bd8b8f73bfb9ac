//! A tiny IAM evaluator for the statement shapes `template.yaml` uses: `Effect`, `Action` and
//! `Resource` (a string or a list, `*` and `?` wildcards), `Condition` with the string and bool
//! operators (with or without `IfExists`). Anything else (`NotAction`, `NotResource`, set
//! operators, SAM policy templates) fails the test instead of being guessed at.
//!
//! Resource strings are resolved the way CloudFormation would for one stack: `!Sub` with the
//! pseudo parameters and the template's parameters, `!Ref` of a parameter to its value, of a
//! resource to `ref:<name>`, `!GetAtt` to `getatt:<name>.<attribute>`.

use std::collections::BTreeMap;

use serde_yaml_ng::Value;

/// The stack the template is evaluated as.
pub const PARTITION: &str = "aws";
/// The stack name.
pub const STACK: &str = "exsync-test";
/// The account id.
pub const ACCOUNT: &str = "123456789012";

/// One policy statement, resolved.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Allow (true) or Deny (false)
    pub allow: bool,
    /// action patterns
    pub actions: Vec<String>,
    /// resource patterns
    pub resources: Vec<String>,
    /// (operator, key, allowed values)
    pub conditions: Vec<(String, String, Vec<String>)>,
}

/// A request: an action on a resource with the condition keys the request carries.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// e.g. `s3:ListBucket`
    pub action: &'a str,
    /// the resource ARN
    pub resource: &'a str,
    /// condition keys the request carries (lower-case names)
    pub context: &'a BTreeMap<String, String>,
}

/// The condition keys any HTTPS request to S3 carries; a GetObject or HeadObject carries no
/// `s3:prefix` (only ListObjects does).
pub fn object_request_context() -> BTreeMap<String, String> {
    BTreeMap::from([("aws:securetransport".to_owned(), "true".to_owned())])
}

/// True when an Allow matches and no Deny does (IAM's evaluation for one identity policy).
pub fn allowed(statements: &[Statement], request: &Request<'_>) -> bool {
    let matching = |allow: bool| {
        statements
            .iter()
            .filter(move |s| s.allow == allow)
            .any(|s| statement_matches(s, request))
    };
    !matching(false) && matching(true)
}

fn statement_matches(s: &Statement, request: &Request<'_>) -> bool {
    s.actions.iter().any(|a| {
        glob(
            &a.to_ascii_lowercase(),
            &request.action.to_ascii_lowercase(),
        )
    }) && s.resources.iter().any(|r| glob(r, request.resource))
        && s.conditions
            .iter()
            .all(|(op, key, values)| condition_holds(op, key, values, request.context))
}

fn condition_holds(
    operator: &str,
    key: &str,
    values: &[String],
    context: &BTreeMap<String, String>,
) -> bool {
    let (base, if_exists) = match operator.strip_suffix("IfExists") {
        Some(base) => (base, true),
        None => (operator, false),
    };
    let Some(actual) = context.get(&key.to_ascii_lowercase()) else {
        return if_exists;
    };
    match base {
        "StringEquals" => values.iter().any(|v| v == actual),
        "StringNotEquals" => values.iter().all(|v| v != actual),
        "StringLike" => values.iter().any(|v| glob(v, actual)),
        "StringNotLike" => values.iter().all(|v| !glob(v, actual)),
        "Bool" => values.iter().any(|v| v.eq_ignore_ascii_case(actual)),
        other => panic!("condition operator {other} is not understood by this evaluator"),
    }
}

/// IAM wildcard match: `*` any run of characters (also `/`), `?` any one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The statements of a function's `Policies`, resolved with `parameters` (name → value).
pub fn function_statements(
    function: &Value,
    parameters: &BTreeMap<String, String>,
) -> Vec<Statement> {
    let policies = function["Properties"]["Policies"]
        .as_sequence()
        .expect("Policies is a list");
    policies
        .iter()
        .flat_map(|policy| {
            policy["Statement"]
                .as_sequence()
                .unwrap_or_else(|| panic!("policy {policy:?} is not an inline statement list"))
                .iter()
                .map(|s| statement(s, parameters))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn statement(s: &Value, parameters: &BTreeMap<String, String>) -> Statement {
    for unsupported in ["NotAction", "NotResource", "Principal", "NotPrincipal"] {
        assert!(s[unsupported].is_null(), "{unsupported} is not supported");
    }
    let sid = s["Sid"].as_str().unwrap_or("<no sid>").to_owned();
    let allow = match s["Effect"].as_str() {
        Some("Allow") => true,
        Some("Deny") => false,
        other => panic!("{sid}: Effect {other:?}"),
    };
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::Sequence(items) => items.iter().map(|i| resolve(i, parameters)).collect(),
            Value::Null => panic!("{sid}: Action or Resource missing"),
            one => vec![resolve(one, parameters)],
        }
    };
    let mut conditions = Vec::new();
    if let Some(blocks) = s["Condition"].as_mapping() {
        for (operator, keys) in blocks {
            let operator = operator.as_str().expect("operator").to_owned();
            assert!(
                !operator.starts_with("ForAnyValue") && !operator.starts_with("ForAllValues"),
                "{sid}: set operators are not supported"
            );
            for (key, values) in keys.as_mapping().expect("condition keys") {
                let values = match values {
                    Value::Sequence(items) => items.iter().map(scalar).collect(),
                    one => vec![scalar(one)],
                };
                conditions.push((operator.clone(), scalar(key), values));
            }
        }
    }
    Statement {
        allow,
        actions: list(&s["Action"]),
        resources: list(&s["Resource"]),
        conditions,
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// A resource or action value as CloudFormation would resolve it for the test stack.
pub fn resolve(v: &Value, parameters: &BTreeMap<String, String>) -> String {
    let Value::Tagged(tagged) = v else {
        return scalar(v);
    };
    let inner = &tagged.value;
    if tagged.tag == "Sub" {
        let mut text = inner.as_str().expect("!Sub of a string").to_owned();
        let pseudo = [
            ("AWS::Partition", PARTITION),
            ("AWS::StackName", STACK),
            ("AWS::AccountId", ACCOUNT),
        ];
        for (name, value) in pseudo {
            text = text.replace(&format!("${{{name}}}"), value);
        }
        for (name, value) in parameters {
            text = text.replace(&format!("${{{name}}}"), value);
        }
        assert!(!text.contains("${"), "unresolved !Sub variable in {text}");
        text
    } else if tagged.tag == "Ref" {
        let name = inner.as_str().expect("!Ref of a name");
        parameters
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("ref:{name}"))
    } else if tagged.tag == "GetAtt" {
        format!("getatt:{}", scalar(inner))
    } else {
        panic!("intrinsic {} is not supported", tagged.tag)
    }
}

/// The template's parameters at their defaults.
pub fn default_parameters(template: &Value) -> BTreeMap<String, String> {
    template["Parameters"]
        .as_mapping()
        .expect("Parameters")
        .iter()
        .filter(|(_, p)| !p["Default"].is_null())
        .map(|(k, p)| (scalar(k), scalar(&p["Default"])))
        .collect()
}

/// `arn:aws:s3:::<bucket>`.
pub fn bucket_arn(bucket: &str) -> String {
    format!("arn:{PARTITION}:s3:::{bucket}")
}

/// `arn:aws:s3:::<bucket>/<key>`.
pub fn object_arn(bucket: &str, key: &str) -> String {
    format!("arn:{PARTITION}:s3:::{bucket}/{key}")
}

/// The state bucket of the test stack.
pub fn state_bucket() -> String {
    format!("{STACK}-state-{ACCOUNT}")
}

/// The inbound bucket of the test stack.
pub fn inbound_bucket() -> String {
    format!("{STACK}-inbound-{ACCOUNT}")
}
