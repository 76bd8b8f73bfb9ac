//! The org as Genesys holds it after the syncs, read back through the API (not from the
//! emulator's memory): users with division, skills and queues; queues with member counts.

use std::collections::{BTreeMap, HashMap};

use exsync::deadline::Deadline;
use exsync::external::ConfigSnapshot;
use exsync::genesys::model::UserState;
use exsync::reconcile::{ActualOrg, Desired, org_query, read_actual};

use super::DemoContext;
use crate::render::table::GLUE;
use crate::render::{Names, Table};

/// The org, and the id map to name its objects by external id.
#[derive(Debug)]
pub struct Org {
    actual: ActualOrg,
    names: Names,
}

/// Reads every listing (and the members of exsync's queues) through the client.
///
/// # Errors
/// A failed read.
pub async fn read_org(cx: &DemoContext, snapshot: &ConfigSnapshot) -> anyhow::Result<Org> {
    let idmap = cx.idmap().await?;
    let query = org_query(Desired {
        snapshot,
        mapping: &cx.mapping,
    });
    let actual = read_actual(
        &cx.client,
        &query,
        &idmap,
        Deadline::none(),
        Deadline::none(),
    )
    .await?;
    Ok(Org {
        actual,
        names: Names::from_idmap(&idmap),
    })
}

/// Prints the users (by division) and the queues.
pub fn print_org(org: &Org) {
    print!("{}", render_users(org));
    print!("{}", render_queues(org));
}

fn division_names(org: &Org) -> HashMap<&str, &str> {
    let a = &org.actual;
    a.divisions
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect()
}

/// Users grouped by division; skills and queues by external id (through the id map).
fn render_users(org: &Org) -> String {
    let a = &org.actual;
    let divisions = division_names(org);
    let mut queues_of: HashMap<&str, Vec<String>> = HashMap::new();
    for q in &a.queues {
        for member in &q.members {
            queues_of
                .entry(member.as_str())
                .or_default()
                .push(org.names.name(&q.id));
        }
    }
    let mut groups: BTreeMap<&str, BTreeMap<String, [String; 5]>> = BTreeMap::new();
    let inactive = a
        .users
        .iter()
        .filter(|u| u.state != UserState::Active)
        .count();
    for u in &a.users {
        let division = u
            .division_id
            .as_deref()
            .and_then(|id| divisions.get(id).copied())
            .unwrap_or("(no division)");
        let external = org.names.name(&u.id);
        let mut skills: Vec<String> = u
            .skills
            .iter()
            .map(|(id, level)| format!("{}{GLUE}{level}", org.names.name(id)))
            .collect();
        skills.sort();
        let mut queues = queues_of.get(u.id.as_str()).cloned().unwrap_or_default();
        queues.sort();
        let state = match u.state {
            UserState::Active => "active",
            UserState::Inactive => "inactive",
            UserState::Deleted => "deleted",
        };
        groups.entry(division).or_default().insert(
            external.clone(),
            [
                external,
                u.name.clone(),
                state.to_owned(),
                skills.join(", "),
                queues.join(", "),
            ],
        );
    }
    let mut out = format!(
        "  Users: {} ({} active, {inactive} inactive), by division; skills and queues by external id\n",
        a.users.len(),
        a.users.len() - inactive
    );
    for (division, users) in groups {
        out.push_str(&format!("\n  {division}: {} users\n", users.len()));
        let mut table = Table::new(&["USER", "NAME", "STATE", "SKILLS", "QUEUES"])
            .limit(3, 44)
            .limit(4, 30)
            .indent(4);
        for row in users.into_values() {
            table.row(row);
        }
        out.push_str(&table.render());
    }
    out
}

/// Queues with division, member and wrap-up code counts.
fn render_queues(org: &Org) -> String {
    let a = &org.actual;
    let divisions = division_names(org);
    let mut out = format!("\n  Queues: {}\n", a.queues.len());
    let mut table =
        Table::new(&["QUEUE", "NAME", "DIVISION", "MEMBERS", "WRAP-UP CODES"]).indent(4);
    let mut queues: Vec<_> = a.queues.iter().collect();
    queues.sort_by_key(|q| org.names.name(&q.id));
    for q in queues {
        let division = q
            .division_id
            .as_deref()
            .and_then(|id| divisions.get(id).copied())
            .unwrap_or("-");
        table.row([
            org.names.name(&q.id),
            q.name.clone(),
            division.to_owned(),
            q.members.len().to_string(),
            q.wrapup_codes.len().to_string(),
        ]);
    }
    out.push_str(&table.render());
    out
}
