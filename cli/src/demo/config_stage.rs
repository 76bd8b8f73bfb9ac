//! The configuration stage: the initial sync of `examples/config/initial.json` (plan summary and
//! report), then `examples/config/changed.json` a day later (the full plan and report), then
//! the org read back from Genesys.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use exsync::deadline::Deadline;
use exsync::external::{ConfigSnapshot, User, parse_snapshot};
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::store::keys;
use exsync::sync::{ConfigSyncOutcome, Mode, config_sync};

use super::DemoContext;
use super::org::{print_org, read_org};
use crate::inputs::describe;
use crate::progress::Spinner;
use crate::render::{Names, notes, plan_table, report, summary_table};

/// `examples/config/initial.json`, embedded.
pub const INITIAL: &str = include_str!("../../../examples/config/initial.json");
/// `examples/config/changed.json`, embedded.
pub const CHANGED: &str = include_str!("../../../examples/config/changed.json");

/// Runs the stage.
///
/// # Errors
/// A snapshot that does not parse, a sync that fails or leaves failed changes, or a second sync
/// that does not reach the changed snapshot.
pub async fn run(cx: &mut DemoContext) -> anyhow::Result<()> {
    let initial = parse_snapshot(INITIAL).context("the embedded examples/config/initial.json")?;
    let changed = parse_snapshot(CHANGED).context("the embedded examples/config/changed.json")?;

    cx.section("Initial sync: examples/config/initial.json");
    println!("  snapshot  {}", describe(&initial));
    let (first, took) = sync(cx, &initial, "initial sync").await?;
    let plan = &first.plan;
    println!(
        "\n  Plan: {} changes, by type and action",
        plan.changes.len()
    );
    print!("{}", summary_table(plan));
    print!("{}", notes(plan));
    check_report(&first, took, "initial sync")?;
    let idmap = &first.idmap;
    println!(
        "  id map: {} users, {} queues, {} skills, {} languages, {} wrap-up codes, {} secondary statuses, the presence source",
        idmap.tables.users.len(),
        idmap.tables.queues.len(),
        idmap.tables.skills.len(),
        idmap.tables.languages.len(),
        idmap.tables.wrapup_codes.len(),
        idmap.tables.secondary_statuses.len(),
    );

    cx.section("A day later: examples/config/changed.json");
    for line in what_changed(&initial, &changed) {
        println!("  - {line}");
    }
    let (second, took) = sync(cx, &changed, "ongoing sync").await?;
    println!("\n  Plan: {} changes", second.plan.changes.len());
    print!(
        "{}",
        plan_table(&second.plan, &Names::from_idmap(&second.idmap))
    );
    print!("{}", notes(&second.plan));
    check_report(&second, took, "ongoing sync")?;

    cx.section("The org in Genesys, read back through the API");
    let org = read_org(cx, &changed).await?;
    print_org(&org);
    cx.snapshot = Some(changed);
    Ok(())
}

/// Applies `snapshot` (a spinner on a terminal meanwhile).
async fn sync(
    cx: &DemoContext,
    snapshot: &ConfigSnapshot,
    label: &str,
) -> anyhow::Result<(ConfigSyncOutcome, Duration)> {
    let spinner = Spinner::start(label, &cx.client);
    let started = Instant::now();
    let result = config_sync(
        &cx.client,
        &cx.store,
        Desired {
            snapshot,
            mapping: &cx.mapping,
        },
        "demo",
        Mode::Apply,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await;
    spinner.finish();
    let outcome = result.with_context(|| format!("the {label}"))?;
    Ok((outcome, started.elapsed()))
}

/// Prints the report; fails when anything failed or was skipped.
fn check_report(outcome: &ConfigSyncOutcome, took: Duration, label: &str) -> anyhow::Result<()> {
    let key = keys::config_sync_report(&outcome.report.started_at);
    println!("\n  Report");
    print!("{}", report(&outcome.report, Some(&key), took));
    let c = outcome.report.apply.counts;
    if c.failed > 0 || c.skipped > 0 || !outcome.report.apply.blocked.is_empty() {
        bail!(
            "the {label} did not apply cleanly: {} failed, {} skipped",
            c.failed,
            c.skipped
        );
    }
    Ok(())
}

/// What differs between two snapshots, in words: hires, leavers, skill changes, renames.
pub fn what_changed(before: &ConfigSnapshot, after: &ConfigSnapshot) -> Vec<String> {
    let ids = |s: &ConfigSnapshot| -> BTreeSet<String> {
        s.users.iter().map(|u| u.id.as_str().to_owned()).collect()
    };
    let (old, new) = (ids(before), ids(after));
    let name_of = |s: &ConfigSnapshot, id: &str| {
        s.users
            .iter()
            .find(|u| u.id.as_str() == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    for id in new.difference(&old) {
        lines.push(format!("new hire: {id} {}", name_of(after, id)));
    }
    for id in old.difference(&new) {
        lines.push(format!(
            "leaver: {id} {} is no longer in the snapshot",
            name_of(before, id)
        ));
    }
    for user in &after.users {
        let Some(was) = before.users.iter().find(|u| u.id == user.id) else {
            continue;
        };
        let diff = skill_diff(was, user);
        if !diff.is_empty() {
            lines.push(format!(
                "skill change: {} {}: {}",
                user.id.as_str(),
                user.name,
                diff.join(", ")
            ));
        }
    }
    for queue in &after.queues {
        if let Some(was) = before.queues.iter().find(|q| q.id == queue.id)
            && was.name != queue.name
        {
            lines.push(format!(
                "renamed queue: {} \"{}\" → \"{}\"",
                queue.id.as_str(),
                was.name,
                queue.name
            ));
        }
    }
    lines
}

/// `sk-moving 3 → 4`, `sk-retention added (3)`, `sk-tv removed`.
fn skill_diff(before: &User, after: &User) -> Vec<String> {
    let levels = |u: &User| -> BTreeMap<String, f64> {
        u.skills
            .iter()
            .map(|s| (s.skill.as_str().to_owned(), s.proficiency.value()))
            .collect()
    };
    let (old, new) = (levels(before), levels(after));
    let mut out = Vec::new();
    for (skill, level) in &new {
        match old.get(skill) {
            None => out.push(format!("{skill} added ({level})")),
            Some(was) if was != level => out.push(format!("{skill} {was} → {level}")),
            Some(_) => {}
        }
    }
    out.extend(
        old.keys()
            .filter(|s| !new.contains_key(*s))
            .map(|s| format!("{s} removed")),
    );
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn the_changed_example_is_a_hire_a_leaver_a_skill_change_and_a_rename() {
        let (before, after) = (
            parse_snapshot(INITIAL).unwrap(),
            parse_snapshot(CHANGED).unwrap(),
        );

        let lines = what_changed(&before, &after);

        assert_eq!(
            lines,
            vec![
                "new hire: agent-1060 Nora Albrecht",
                "leaver: agent-1030 Harry Walsh is no longer in the snapshot",
                "skill change: agent-1002 Jonas Becker: sk-moving 3 → 4, sk-retention added (3)",
                "renamed queue: q-tech-en \"Technical Support EN\" → \"Technical Support UK & Ireland\"",
            ]
        );
    }
}
