//! The invocation's CloudWatch Embedded Metric Format line: records received, applied, skipped,
//! dead-lettered and retried, conversation events sent, Genesys calls, 429s and time waited.

use exsync::emf::EmfLine;
use exsync::sync::interactions::InteractionsOutcome;

/// The metrics of one batch.
pub fn emf_line(outcome: &InteractionsOutcome) -> EmfLine {
    let mut line = EmfLine::new("interactions");
    line.count("EventsReceived", outcome.received as u64)
        .count("EventsApplied", outcome.applied as u64)
        .count("EventsSkipped", outcome.skipped as u64)
        .count("EventsDeadLettered", outcome.dead_lettered as u64)
        .count("EventsRetried", outcome.retried as u64)
        .count("ConversationEventsSent", outcome.events_sent as u64)
        .count(
            "RoutingStatusEventsSent",
            outcome.routing_status_events_sent as u64,
        )
        .genesys(&outcome.genesys);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_carries_the_batch_counts_under_the_exsync_namespace() {
        let outcome = InteractionsOutcome {
            received: 3,
            applied: 2,
            dead_lettered: 1,
            events_sent: 17,
            ..InteractionsOutcome::default()
        };
        let v: serde_json::Value =
            serde_json::from_str(&emf_line(&outcome).render(5)).unwrap_or_default();
        assert_eq!(v["_aws"]["CloudWatchMetrics"][0]["Namespace"], "exsync");
        assert_eq!(v["Function"], "interactions");
        assert_eq!(v["EventsReceived"], 3.0);
        assert_eq!(v["EventsApplied"], 2.0);
        assert_eq!(v["EventsDeadLettered"], 1.0);
        assert_eq!(v["ConversationEventsSent"], 17.0);
        let names: Vec<&str> = v["_aws"]["CloudWatchMetrics"][0]["Metrics"]
            .as_array()
            .map(|m| m.iter().filter_map(|x| x["Name"].as_str()).collect())
            .unwrap_or_default();
        assert!(
            names.contains(&"GenesysThrottled") && names.contains(&"GenesysWaited"),
            "{names:?}"
        );
    }
}
