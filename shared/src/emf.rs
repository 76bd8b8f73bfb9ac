//! CloudWatch Embedded Metric Format: one JSON line per invocation that CloudWatch turns into
//! metrics (namespace `exsync`, dimension `Function`), with no API call and no agent.
//!
//! Pure: [`EmfLine::render`] builds the line from counters and a timestamp; the handler prints it.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// The unit of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// a count
    Count,
    /// milliseconds
    Milliseconds,
    /// bytes
    Bytes,
}

impl Unit {
    fn as_str(self) -> &'static str {
        match self {
            Self::Count => "Count",
            Self::Milliseconds => "Milliseconds",
            Self::Bytes => "Bytes",
        }
    }
}

/// One invocation's metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct EmfLine {
    function: String,
    metrics: BTreeMap<String, (f64, Unit)>,
    properties: BTreeMap<String, Value>,
}

/// The CloudWatch namespace of every exsync metric.
pub const NAMESPACE: &str = "exsync";

impl EmfLine {
    /// Metrics of `function` (the dimension value).
    pub fn new(function: &str) -> Self {
        Self {
            function: function.to_owned(),
            metrics: BTreeMap::new(),
            properties: BTreeMap::new(),
        }
    }

    /// Adds (or adds to) a metric.
    pub fn add(&mut self, name: &str, value: f64, unit: Unit) -> &mut Self {
        let entry = self.metrics.entry(name.to_owned()).or_insert((0.0, unit));
        entry.0 += value;
        self
    }

    /// A count metric.
    pub fn count(&mut self, name: &str, value: u64) -> &mut Self {
        self.add(name, value as f64, Unit::Count)
    }

    /// A searchable property that is not a metric (e.g. the request id).
    pub fn property(&mut self, name: &str, value: impl Into<Value>) -> &mut Self {
        self.properties.insert(name.to_owned(), value.into());
        self
    }

    /// The Genesys client's counters since the invocation started.
    pub fn genesys(&mut self, stats: &crate::genesys::ClientStats) -> &mut Self {
        self.count("GenesysCalls", stats.calls)
            .count("GenesysThrottled", stats.throttled)
            .count("GenesysRetries", stats.retries)
            .add(
                "GenesysWaited",
                stats.waited.as_secs_f64() * 1000.0,
                Unit::Milliseconds,
            )
    }

    /// Prints the line, stamped now, to stdout, where Lambda hands it to CloudWatch.
    pub fn emit(&self) {
        println!("{}", self.render(chrono::Utc::now().timestamp_millis()));
    }

    /// The EMF JSON line at `timestamp_ms` (milliseconds since the epoch).
    pub fn render(&self, timestamp_ms: i64) -> String {
        let definitions: Vec<Value> = self
            .metrics
            .iter()
            .map(|(name, (_, unit))| json!({"Name": name, "Unit": unit.as_str()}))
            .collect();
        let mut doc = serde_json::Map::new();
        doc.insert(
            "_aws".into(),
            json!({
                "Timestamp": timestamp_ms,
                "CloudWatchMetrics": [{"Namespace": NAMESPACE, "Dimensions": [["Function"]], "Metrics": definitions}]
            }),
        );
        doc.insert("Function".into(), Value::String(self.function.clone()));
        for (name, (value, _)) in &self.metrics {
            doc.insert(name.clone(), json!(value));
        }
        for (name, value) in &self.properties {
            doc.entry(name.clone()).or_insert_with(|| value.clone());
        }
        Value::Object(doc).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_declares_every_metric_with_its_unit_under_the_namespace() {
        let mut line = EmfLine::new("agent-state");
        line.count("EventsReceived", 10)
            .count("EventsApplied", 8)
            .count("EventsReceived", 2)
            .property("requestId", "r-1");
        line.add("GenesysWaited", 1500.0, Unit::Milliseconds);

        let v: Value = serde_json::from_str(&line.render(1_764_000_000_000)).unwrap();

        assert_eq!(v["_aws"]["Timestamp"], 1_764_000_000_000_i64);
        let cw = &v["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(cw["Namespace"], "exsync");
        assert_eq!(cw["Dimensions"], json!([["Function"]]));
        assert_eq!(cw["Metrics"].as_array().unwrap().len(), 3);
        assert!(
            cw["Metrics"]
                .as_array()
                .unwrap()
                .contains(&json!({"Name": "GenesysWaited", "Unit": "Milliseconds"}))
        );
        assert_eq!(v["Function"], "agent-state");
        assert_eq!(v["EventsReceived"], 12.0);
        assert_eq!(v["EventsApplied"], 8.0);
        assert_eq!(v["requestId"], "r-1");
    }

    #[test]
    fn a_property_cannot_overwrite_a_metric() {
        let mut line = EmfLine::new("f");
        line.count("X", 1).property("X", "oops");
        let v: Value = serde_json::from_str(&line.render(0)).unwrap();
        assert_eq!(v["X"], 1.0);
    }
}
