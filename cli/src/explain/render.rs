//! An [`Explanation`] as one screen of text (pure). `--json` prints the value itself; this keeps
//! to what an operator reads first and shortens long records.

use std::fmt::Write as _;

use exsync::reconcile::Outcome;
use serde_json::Value;

use super::lines::{field, line, section};
use super::model::{Explanation, LastSync, Live, MappingView, Reference};
use crate::render::Table;

/// How much of a record is shown before `…`.
const RECORD_WIDTH: usize = 240;

/// The explanation as text.
pub fn render(e: &Explanation) -> String {
    let mut out = format!("{} {} · state {}\n", e.kind.name(), e.external_id, e.state);
    section(
        &mut out,
        &format!("External record ({})", e.external.source),
    );
    match &e.external.record {
        Some(record) => line(&mut out, &shorten(&record.to_string(), RECORD_WIDTH)),
        None if e.kind.object_kind().is_some() && !e.external.source.starts_with("not ") => {
            line(&mut out, "not in the snapshot");
        }
        None => {}
    }
    if let Some(held) = &e.external.held {
        line(&mut out, &format!("HELD BACK  {held}"));
    }
    if let Some(view) = &e.mapping {
        render_mapping(&mut out, view);
    }
    section(&mut out, "Genesys");
    field(&mut out, "id", e.genesys_id.as_deref().unwrap_or("unknown"));
    field(&mut out, "now", &live(&e.genesys));
    if let Some(last) = &e.last_sync {
        render_last_sync(&mut out, last);
    }
    section(
        &mut out,
        &format!(
            "Managed: {}",
            if e.management.managed { "yes" } else { "no" }
        ),
    );
    for reason in &e.management.reasons {
        line(&mut out, &format!("- {reason}"));
    }
    super::render_activity::render_activity(&mut out, e);
    if !e.notes.is_empty() {
        section(&mut out, "Notes");
        for note in &e.notes {
            line(&mut out, &format!("- {note}"));
        }
    }
    out
}

fn render_mapping(out: &mut String, view: &MappingView) {
    section(out, "What the mapping makes of it");
    if let Some(name) = &view.genesys_name {
        field(out, "name", name);
    }
    if let Some(ext) = &view.user_external_id {
        field(out, "external id", ext);
    }
    if let Some(presence) = &view.system_presence {
        field(out, "presence", &format!("rolls up to {presence}"));
    }
    for r in view.division.iter().chain(&view.references) {
        field(out, &r.role, &reference(r));
    }
    field(out, "in scope", if view.in_scope { "yes" } else { "no" });
}

fn render_last_sync(out: &mut String, last: &LastSync) {
    section(out, "Last sync");
    if let Some(s) = &last.status {
        let mut text = format!(
            "{} after the sync of {}",
            s.status.state.as_str(),
            s.updated_at
        );
        let since = s.status.last_success.as_deref().unwrap_or("never");
        let _ = write!(text, " · last success {since}");
        field(out, "status", &text);
        if let Some(detail) = &s.status.detail {
            field(out, "why", detail);
        }
    }
    let Some(report) = &last.report else {
        return;
    };
    field(
        out,
        "report",
        &format!(
            "{} ({}, {}) {}",
            report.started_at, report.trigger, report.mode, report.key
        ),
    );
    if !report.changes.is_empty() {
        let mut table = Table::new(&[
            "CHANGE",
            "OUTCOME",
            "STATUS",
            "CODE",
            "CORRELATION ID",
            "ERROR",
        ])
        .limit(5, 60)
        .indent(2);
        for item in &report.changes {
            let (outcome, status, code, correlation, error) = match &item.outcome {
                Outcome::Applied => ("applied", None, None, None, String::new()),
                Outcome::Skipped { reason, .. } => ("skipped", None, None, None, reason.clone()),
                Outcome::Failed {
                    error,
                    status,
                    code,
                    correlation_id,
                    ..
                } => (
                    "FAILED",
                    *status,
                    code.clone(),
                    correlation_id.clone(),
                    error.clone(),
                ),
            };
            table.row([
                item.action.clone(),
                outcome.to_owned(),
                status.map_or_else(|| "-".into(), |s| s.to_string()),
                code.unwrap_or_else(|| "-".into()),
                correlation.unwrap_or_else(|| "-".into()),
                error,
            ]);
        }
        out.push_str(&table.render());
    }
    for s in &report.skipped {
        line(out, &format!("SKIPPED {}: {}", s.part, s.reason));
    }
}

/// `ext → genesys-id (note)`.
pub(super) fn reference(r: &Reference) -> String {
    let mut text = match &r.external_id {
        Some(ext) => format!(
            "{ext} → {}",
            r.genesys_id.as_deref().unwrap_or("not in the id map")
        ),
        None => String::new(),
    };
    if let Some(note) = &r.note {
        if !text.is_empty() {
            text.push(' ');
        }
        let _ = write!(text, "({note})");
    }
    text
}

/// The live read in one line: its main fields, or why there is none.
fn live(live: &Live) -> String {
    match live {
        Live::Read { object } => format!("read: {}", summary(object)),
        Live::NotFound => "not found in Genesys".into(),
        Live::NotRead { reason } => format!("not read: {reason}"),
        Live::Failed {
            error,
            status,
            code,
            correlation_id,
        } => format!(
            "read FAILED: {error} (status {}, code {}, correlation id {})",
            status.map_or_else(|| "-".into(), |s| s.to_string()),
            code.as_deref().unwrap_or("-"),
            correlation_id.as_deref().unwrap_or("-")
        ),
    }
}

/// The fields of a Genesys object an operator looks for first.
fn summary(object: &Value) -> String {
    if let Value::Array(items) = object {
        return format!("{} item(s)", items.len());
    }
    let mut parts = Vec::new();
    for key in ["name", "email", "state", "systemPresence", "version"] {
        match object.get(key) {
            Some(Value::String(s)) => parts.push(format!("{key} {s}")),
            Some(Value::Number(n)) => parts.push(format!("{key} {n}")),
            _ => {}
        }
    }
    if let Some(division) = object.pointer("/division/name").and_then(Value::as_str) {
        parts.push(format!("division {division}"));
    }
    if let Some(Value::Array(p)) = object.get("participants") {
        parts.push(format!("{} participants", p.len()));
    }
    if parts.is_empty() {
        shorten(&object.to_string(), RECORD_WIDTH)
    } else {
        parts.join(" · ")
    }
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let cut: String = text.chars().take(width).collect();
    format!("{cut}… (--json shows it all)")
}
