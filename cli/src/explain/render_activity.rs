//! The operational sections of the text (pure): agent state (with the recent skipped events),
//! interaction, recordings and dead letters.

use super::lines::{field, line, section, sent};
use super::model::{Explanation, SkipView};
use crate::render::Table;

/// Appends the agent, interaction, recordings and dead-letter sections that apply.
pub fn render_activity(out: &mut String, e: &Explanation) {
    if let Some(agent) = &e.agent {
        section(out, &format!("Agent state ({})", agent.record_key));
        match (&agent.last_event_id, &agent.last_occurred_at) {
            (Some(event), Some(at)) => field(out, "last event", &format!("{event} at {at}")),
            _ => line(
                out,
                "no record: the agent-state function has taken no event of this agent",
            ),
        }
        if let Some(p) = &agent.presence {
            field(out, "presence", &sent(p));
        }
        if let Some(r) = &agent.routing_status {
            field(out, "routing", &sent(r));
        }
        render_skips(out, &agent.recent_skips);
    }
    if let Some(i) = &e.interaction {
        section(out, "Interaction");
        field(
            out,
            "conversation",
            i.conversation_id.as_deref().unwrap_or("unknown"),
        );
        match &i.status {
            Some(status) => field(
                out,
                "sent",
                &format!(
                    "{} events, {} routing statuses; {status}; record updated {}",
                    i.events_sent.len(),
                    i.routing_statuses_sent.len(),
                    i.updated_at.as_deref().unwrap_or("-")
                ),
            ),
            None => field(out, "sent", "nothing: no state record"),
        }
        if let Some(error) = &i.last_error {
            field(out, "last error", error);
        }
    }
    if !e.recordings.is_empty() {
        section(out, "Recordings");
        let mut table = Table::new(&["OBJECT", "STATUS", "GRADE", "FILE", "REASON"])
            .limit(4, 60)
            .indent(2);
        for r in &e.recordings {
            table.row([
                r.object.clone(),
                r.status.as_str().unwrap_or("-").to_owned(),
                r.grade
                    .as_ref()
                    .and_then(|g| g.as_str())
                    .unwrap_or("-")
                    .to_owned(),
                r.file_name.clone().unwrap_or_else(|| "-".into()),
                r.reason.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&table.render());
    }
    section(out, &format!("Dead letters: {}", e.dead_letters.len()));
    if e.dead_letters.is_empty() {
        return;
    }
    let mut table = Table::new(&["KEY", "AT", "REASON"]).limit(2, 70).indent(2);
    for l in &e.dead_letters {
        let key = if l.replayed {
            format!("{} (replayed)", l.key)
        } else {
            l.key.clone()
        };
        table.row([
            key,
            l.at.clone().unwrap_or_else(|| "-".into()),
            l.reason.clone(),
        ]);
    }
    out.push_str(&table.render());
}

/// The recent skipped events, newest first: `skipped` and a table, or nothing when none is kept.
fn render_skips(out: &mut String, skips: &[SkipView]) {
    if skips.is_empty() {
        return;
    }
    field(
        out,
        "skipped",
        &format!("{} recent, newest first", skips.len()),
    );
    let mut table = Table::new(&["EVENT", "OCCURRED", "SKIPPED AT", "REASON"]).indent(2);
    for s in skips {
        let reason = match &s.last_occurred_at {
            Some(last) => format!("{} (older than the last event taken, {last})", s.reason),
            None => s.reason.clone(),
        };
        table.row([
            s.event_id.clone(),
            s.occurred_at.clone(),
            s.skipped_at.clone().unwrap_or_else(|| "-".into()),
            reason,
        ]);
    }
    out.push_str(&table.render());
}
