//! A tiny IAM evaluator for the statement shapes `template.yaml` uses: `Effect`, `Action` and
//! `Resource` (a string or a list, `*` and `?` wildcards), `Condition` with the string and bool
//! operators (with or without `IfExists`). Anything else (`NotAction`, `NotResource`, set
//! operators, SAM policy templates) fails the test instead of being guessed at.
//!
//! Resource strings are resolved the way CloudFormation would for one stack: `!Sub` with the
//! pseudo parameters and the template's parameters (also the list form with its own variables),
//! `!Ref` of a parameter to its value, of a resource to `ref:<name>`, `!GetAtt` to
//! `getatt:<name>.<attribute>`, `!Select` of `!Split`, and `!If` by the template's conditions.
//! A policy under `!If [condition, policy, !Ref AWS::NoValue]` counts only when its condition
//! holds. Conditions are evaluated from the parameters ([`with_conditions`]) and kept in the same
//! map as `Condition:<name>` → `true`/`false`.

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
        .filter_map(|policy| chosen(policy, parameters))
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

/// `v`, or the branch of a `!If` its condition chooses; `None` for `!Ref AWS::NoValue`.
pub fn chosen<'a>(v: &'a Value, parameters: &BTreeMap<String, String>) -> Option<&'a Value> {
    match v {
        Value::Tagged(t) if t.tag == "If" => {
            let branches = t.value.as_sequence().expect("!If [condition, then, else]");
            let holds = condition(branches[0].as_str().expect("condition name"), parameters);
            chosen(&branches[if holds { 1 } else { 2 }], parameters)
        }
        Value::Tagged(t) if t.tag == "Ref" && t.value == "AWS::NoValue" => None,
        other => Some(other),
    }
}

/// Whether the condition `name` holds (see [`with_conditions`]).
pub fn condition(name: &str, parameters: &BTreeMap<String, String>) -> bool {
    match parameters
        .get(&format!("Condition:{name}"))
        .map(String::as_str)
    {
        Some("true") => true,
        Some("false") => false,
        _ => panic!("condition {name} not evaluated; call with_conditions"),
    }
}

/// `parameters` with every condition of the template evaluated (`Condition:<name>`).
pub fn with_conditions(
    template: &Value,
    parameters: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = parameters
        .iter()
        .filter(|(k, _)| !k.starts_with("Condition:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let conditions = template["Conditions"].as_mapping().expect("Conditions");
    // conditions may name earlier ones; a few rounds settle any order
    for _ in 0..conditions.len() {
        for (name, expression) in conditions {
            if let Some(holds) = evaluate(expression, &out) {
                out.insert(format!("Condition:{}", scalar(name)), holds.to_string());
            }
        }
    }
    out
}

fn evaluate(expression: &Value, parameters: &BTreeMap<String, String>) -> Option<bool> {
    let Value::Tagged(t) = expression else {
        panic!("condition {expression:?} is not an intrinsic");
    };
    let items = || t.value.as_sequence().expect("a list");
    match t.tag.to_string().trim_start_matches('!') {
        "Equals" => Some(resolve(&items()[0], parameters) == resolve(&items()[1], parameters)),
        "Not" => evaluate(&items()[0], parameters).map(|b| !b),
        "Or" => items()
            .iter()
            .map(|e| evaluate(e, parameters))
            .collect::<Option<Vec<bool>>>()
            .map(|all| all.iter().any(|b| *b)),
        "And" => items()
            .iter()
            .map(|e| evaluate(e, parameters))
            .collect::<Option<Vec<bool>>>()
            .map(|all| all.iter().all(|b| *b)),
        "Condition" => {
            let name = t.value.as_str().expect("condition name");
            parameters
                .get(&format!("Condition:{name}"))
                .map(|v| v == "true")
        }
        other => panic!("condition function {other} is not supported"),
    }
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
    if tagged.tag == "If" {
        return chosen(v, parameters)
            .map(|branch| resolve(branch, parameters))
            .unwrap_or_default();
    }
    if tagged.tag == "Select" {
        let items = inner.as_sequence().expect("!Select [index, list]");
        let index = items[0].as_u64().expect("an index") as usize;
        let Value::Tagged(split) = &items[1] else {
            panic!("!Select of something other than !Split")
        };
        assert!(split.tag == "Split", "!Select of {}", split.tag);
        let parts = split.value.as_sequence().expect("!Split [delimiter, text]");
        let text = resolve(&parts[1], parameters);
        let delimiter = scalar(&parts[0]);
        return text
            .split(delimiter.as_str())
            .nth(index)
            .expect("!Select index within the list")
            .to_owned();
    }
    if tagged.tag == "Sub" && inner.is_sequence() {
        let items = inner.as_sequence().expect("!Sub [text, variables]");
        let mut local = parameters.clone();
        for (name, value) in items[1].as_mapping().expect("!Sub variables") {
            local.insert(scalar(name), resolve(value, parameters));
        }
        let text = Value::Tagged(Box::new(serde_yaml_ng::value::TaggedValue {
            tag: tagged.tag.clone(),
            value: items[0].clone(),
        }));
        return resolve(&text, &local);
    }
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
        for (name, value) in parameters.iter().filter(|(k, _)| !k.contains(':')) {
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

/// The template's parameters at their defaults, and its conditions evaluated with them.
pub fn default_parameters(template: &Value) -> BTreeMap<String, String> {
    let defaults = template["Parameters"]
        .as_mapping()
        .expect("Parameters")
        .iter()
        .filter(|(_, p)| !p["Default"].is_null())
        .map(|(k, p)| (scalar(k), scalar(&p["Default"])))
        .collect();
    with_conditions(template, &defaults)
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

/// The template as CloudFormation would see it for these parameters (with their conditions, see
/// [`with_conditions`]): resources and outputs whose condition fails left out, every `!If`
/// replaced by its chosen branch, every `!Ref AWS::NoValue` property or list item removed.
/// Everything else stays as written.
pub fn render(template: &Value, parameters: &BTreeMap<String, String>) -> Value {
    let mut out = template.clone();
    for section in ["Resources", "Outputs"] {
        if let Some(map) = out[section].as_mapping_mut() {
            map.retain(|_, item| match item["Condition"].as_str() {
                Some(name) => condition(name, parameters),
                None => true,
            });
        }
    }
    rendered(&out, parameters).unwrap_or(Value::Null)
}

fn rendered(v: &Value, parameters: &BTreeMap<String, String>) -> Option<Value> {
    match v {
        Value::Tagged(t) if t.tag == "If" => {
            chosen(v, parameters).and_then(|branch| rendered(branch, parameters))
        }
        Value::Tagged(t) if t.tag == "Ref" && t.value == "AWS::NoValue" => None,
        Value::Tagged(t) => Some(Value::Tagged(Box::new(serde_yaml_ng::value::TaggedValue {
            tag: t.tag.clone(),
            value: rendered(&t.value, parameters)?,
        }))),
        Value::Mapping(m) => Some(Value::Mapping(
            m.iter()
                .filter_map(|(k, v)| rendered(v, parameters).map(|v| (k.clone(), v)))
                .collect(),
        )),
        Value::Sequence(items) => Some(Value::Sequence(
            items
                .iter()
                .filter_map(|v| rendered(v, parameters))
                .collect(),
        )),
        other => Some(other.clone()),
    }
}
