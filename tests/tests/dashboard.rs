//! The CloudWatch dashboard in `template.yaml`: its `!Sub` body is JSON on the 24-column grid, it
//! draws exactly the metrics the functions' EMF lines emit (collected by calling the functions'
//! own line builders, so a renamed or new metric fails here), and every alarm's threshold is drawn,
//! at the alarm's statistic and period, on a graph of the metric the alarm watches.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value as Json;
use serde_yaml_ng::Value as Yaml;

fn template() -> Yaml {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../template.yaml");
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A `!Ref X` / `!GetAtt X.Y` value as the dashboard body spells its substitution (`sub:X`), a
/// plain string as itself.
fn as_drawn(v: &Yaml) -> String {
    match v {
        Yaml::Tagged(t) => format!("sub:{}", t.value.as_str().unwrap()),
        other => other.as_str().unwrap().to_owned(),
    }
}

/// The `!Sub` body with every `${X}` replaced by `sub:X`, and the names substituted.
fn body(t: &Yaml) -> (Json, Vec<String>) {
    let raw = &t["Resources"]["Dashboard"]["Properties"]["DashboardBody"];
    let Yaml::Tagged(tagged) = raw else {
        panic!("DashboardBody is not a !Sub string: {raw:?}")
    };
    assert_eq!(tagged.tag.to_string().trim_start_matches('!'), "Sub");
    let mut text = tagged.value.as_str().unwrap().to_owned();
    let mut names = Vec::new();
    while let Some(start) = text.find("${") {
        let end = start + text[start..].find('}').unwrap();
        let name = text[start + 2..end].to_owned();
        text.replace_range(start..=end, &format!("sub:{name}"));
        names.push(name);
    }
    (serde_json::from_str(&text).unwrap(), names)
}

/// One line of a graph: namespace, metric name, dimensions, stat and period in effect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Drawn {
    namespace: String,
    name: String,
    dimensions: Vec<(String, String)>,
    stat: String,
    period: u64,
}

fn metric_widgets(body: &Json) -> Vec<&Json> {
    body["widgets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["type"] == "metric")
        .collect()
}

fn drawn(widget: &Json) -> Vec<Drawn> {
    let p = &widget["properties"];
    p["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let parts = entry.as_array().unwrap();
            let strings: Vec<&str> = parts.iter().filter_map(Json::as_str).collect();
            let options = parts.iter().find(|x| x.is_object()).unwrap_or(&Json::Null);
            assert!(
                strings.len() >= 2 && strings.len().is_multiple_of(2) && !strings.contains(&"."),
                "metric entry without namespace, name and whole dimension pairs: {entry}"
            );
            Drawn {
                namespace: strings[0].to_owned(),
                name: strings[1].to_owned(),
                dimensions: strings[2..]
                    .chunks(2)
                    .map(|d| (d[0].to_owned(), d[1].to_owned()))
                    .collect(),
                stat: options["stat"]
                    .as_str()
                    .or(p["stat"].as_str())
                    .unwrap()
                    .to_owned(),
                period: options["period"].as_u64().or(p["period"].as_u64()).unwrap(),
            }
        })
        .collect()
}

/// (function, metric) for every metric the functions' EMF lines declare.
fn emitted() -> BTreeSet<(String, String)> {
    use exsync::genesys::ClientStats;
    let config_run = config_sync::RunSummary {
        trigger: "schedule".into(),
        status: config_sync::RunStatus::Partial,
        report_key: "reports/config-sync/x.json".into(),
        counts: exsync::reconcile::Counts::default(),
        stopped_early: false,
        plan_summary: Default::default(),
        warnings: Vec::new(),
        skipped: Vec::new(),
        skipped_total: 0,
        failures: Vec::new(),
        more_failures: 0,
        genesys: ClientStats::default(),
    };
    let config_response = config_sync::SyncResponse {
        runs: vec![config_run],
        ignored: Vec::new(),
    };
    let lines = [
        config_sync::metrics::emf_line(Some(&config_response), false),
        agent_state::emf_line(&Default::default(), "r-1"),
        interactions::metrics::emf_line(&Default::default()),
        recordings::metrics::drops_line(&Default::default(), 0, &ClientStats::default(), "r-1"),
        recordings::metrics::check_line(&Default::default(), &ClientStats::default(), "r-1"),
        {
            let mut line = recordings::metrics::check_line(
                &Default::default(),
                &ClientStats::default(),
                "r-1",
            );
            recordings::metrics::add_waiting(&mut line, &Default::default());
            line
        },
    ];
    let mut names = BTreeSet::new();
    for line in lines {
        let v: Json = serde_json::from_str(&line.render(0)).unwrap();
        let function = v["Function"].as_str().unwrap().to_owned();
        let cw = &v["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(cw["Namespace"], "exsync");
        assert_eq!(cw["Dimensions"], serde_json::json!([["Function"]]));
        for m in cw["Metrics"].as_array().unwrap() {
            names.insert((function.clone(), m["Name"].as_str().unwrap().to_owned()));
        }
    }
    names
}

/// (function, metric) for every exsync metric the dashboard draws.
fn drawn_exsync(body: &Json) -> BTreeSet<(String, String)> {
    metric_widgets(body)
        .into_iter()
        .flat_map(drawn)
        .filter(|d| d.namespace == "exsync")
        .map(|d| {
            assert_eq!(
                d.dimensions.len(),
                1,
                "{d:?}: exsync metrics have one dimension"
            );
            assert_eq!(d.dimensions[0].0, "Function", "{d:?}");
            (d.dimensions[0].1.clone(), d.name)
        })
        .collect()
}

/// The stack's alarms; one under a condition (the Connect stream failures) is left out: the
/// dashboard's body cannot name a resource that may not exist.
fn alarms(t: &Yaml) -> Vec<(String, &Yaml)> {
    t["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::CloudWatch::Alarm" && r["Condition"].is_null())
        .map(|(k, r)| (k.as_str().unwrap().to_owned(), &r["Properties"]))
        .collect()
}

/// What an alarm watches, as the dashboard would draw it.
fn watched(alarm: &Yaml) -> Vec<Drawn> {
    let one = |ns: &Yaml, name: &Yaml, dims: &Yaml, stat: &Yaml, period: &Yaml| Drawn {
        namespace: ns.as_str().unwrap().to_owned(),
        name: name.as_str().unwrap().to_owned(),
        dimensions: dims
            .as_sequence()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["Name"].as_str().unwrap().to_owned(),
                    as_drawn(&d["Value"]),
                )
            })
            .collect(),
        stat: stat.as_str().unwrap().to_owned(),
        period: period.as_u64().unwrap(),
    };
    if let Some(metrics) = alarm["Metrics"].as_sequence() {
        return metrics
            .iter()
            .filter(|m| !m["MetricStat"].is_null())
            .map(|m| {
                let s = &m["MetricStat"];
                let metric = &s["Metric"];
                one(
                    &metric["Namespace"],
                    &metric["MetricName"],
                    &metric["Dimensions"],
                    &s["Stat"],
                    &s["Period"],
                )
            })
            .collect();
    }
    vec![one(
        &alarm["Namespace"],
        &alarm["MetricName"],
        &alarm["Dimensions"],
        &alarm["Statistic"],
        &alarm["Period"],
    )]
}

#[test]
fn the_dashboard_body_is_json_on_the_grid_and_substitutes_only_what_the_template_defines() {
    let t = template();

    let (body, substituted) = body(&t);

    let widgets = body["widgets"].as_array().unwrap();
    assert!(widgets.len() > 10, "{} widgets", widgets.len());
    for w in widgets {
        let (x, width) = (w["x"].as_u64().unwrap(), w["width"].as_u64().unwrap());
        assert!(x + width <= 24, "widget off the 24-column grid: {w}");
        assert!(w["height"].as_u64().unwrap() >= 1);
        if w["type"] == "metric" {
            assert_eq!(w["properties"]["region"], "sub:AWS::Region", "{w}");
            assert!(w["properties"]["title"].is_string(), "{w}");
            assert!(!drawn(w).is_empty());
        } else {
            assert_eq!(w["type"], "text", "{w}");
        }
    }
    for name in substituted {
        let root = name.split('.').next().unwrap();
        assert!(
            root.starts_with("AWS::")
                || !t["Resources"][root].is_null()
                || !t["Parameters"][root].is_null(),
            "${{{name}}} names nothing in the template"
        );
    }
}

#[test]
fn the_dashboard_names_only_metrics_the_functions_emit() {
    let (body, _) = body(&template());
    let emitted = emitted();

    let unknown: Vec<_> = drawn_exsync(&body).difference(&emitted).cloned().collect();

    assert!(
        unknown.is_empty(),
        "the dashboard draws metrics no function emits: {unknown:?}"
    );
}

#[test]
fn every_metric_the_functions_emit_is_on_the_dashboard() {
    let (body, _) = body(&template());

    let missing: Vec<_> = emitted()
        .difference(&drawn_exsync(&body))
        .cloned()
        .collect();

    assert!(
        missing.is_empty(),
        "emitted but not on the dashboard (add them to the function's graph): {missing:?}"
    );
}

#[test]
fn alarms_on_exsync_metrics_watch_metrics_the_functions_emit() {
    let t = template();
    let emitted = emitted();

    for (id, alarm) in alarms(&t) {
        for w in watched(alarm)
            .into_iter()
            .filter(|w| w.namespace == "exsync")
        {
            let key = (w.dimensions[0].1.clone(), w.name.clone());
            assert!(
                emitted.contains(&key),
                "{id} watches {key:?}, which no function emits"
            );
        }
    }
}

#[test]
fn every_alarm_threshold_is_drawn_on_a_graph_of_what_the_alarm_watches() {
    let t = template();
    let (body, _) = body(&t);
    let alarms = alarms(&t);
    assert!(alarms.len() >= 10, "{} alarms", alarms.len());

    for (id, alarm) in alarms {
        let threshold = alarm["Threshold"].as_f64().unwrap();
        let op = match alarm["ComparisonOperator"].as_str().unwrap() {
            "GreaterThanThreshold" => ">",
            "GreaterThanOrEqualToThreshold" => ">=",
            "LessThanThreshold" => "<",
            other => panic!("{id}: {other} has no label form"),
        };
        let label = format!("{id} {op} {threshold}");
        let widget = metric_widgets(&body)
            .into_iter()
            .find(|w| {
                w["properties"]["annotations"]["horizontal"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|h| h["label"] == label.as_str()))
            })
            .unwrap_or_else(|| panic!("no graph draws the threshold of {id} ({label:?})"));
        let line = widget["properties"]["annotations"]["horizontal"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["label"] == label.as_str())
            .unwrap();
        assert_eq!(line["value"].as_f64(), Some(threshold), "{id}");
        let lines = drawn(widget);
        for w in watched(alarm) {
            assert!(
                lines.contains(&w),
                "{id}: the graph {:?} does not draw {w:?} at the alarm's stat and period",
                widget["properties"]["title"]
            );
        }
    }
}
