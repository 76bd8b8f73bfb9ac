//! The plan table and summary, from a recorded plan.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;

use super::*;

fn plan() -> Plan {
    serde_json::from_value(json!({
        "changes": [
            {"phase": "users", "kind": "users", "externalId": "agent-1060", "genesysId": null,
             "action": "createUser", "name": "Nora Klein", "email": "nora.klein@example.com",
             "division": {"external": "bu-dach"}, "title": "Agent", "department": null, "active": true,
             "authority": "exsync", "reason": "new in the snapshot"},
            {"phase": "queues", "kind": "queues", "externalId": "q-tech-en", "genesysId": "g-q1",
             "action": "update", "fields": [{"field": "name", "old": "Tech Support EN", "new": "Technical Support UK & Ireland"}],
             "body": {"type": "queue", "name": "Technical Support UK & Ireland", "division": {"id": "g-home"}, "description": null},
             "reason": "changed in the snapshot"},
            {"phase": "userDetails", "kind": "users", "externalId": "agent-1002", "genesysId": "g-u2",
             "action": "setUserSkills",
             "skills": [
                 {"item": {"id": "g-sk1", "external": "sk-billing"}, "proficiency": 5.0},
                 {"item": {"external": "sk-complaints"}, "proficiency": 2.0},
                 {"item": {"id": "g-sk3", "external": "sk-moving"}, "proficiency": 4.0},
                 {"item": {"id": "g-sk4", "external": "sk-payments"}, "proficiency": 5.0},
                 {"item": {"id": "g-sk5", "external": "sk-retention"}, "proficiency": 3.0}],
             "reason": "5 skills wanted, 4 assigned"},
            {"phase": "memberships", "kind": "queues", "externalId": "q-billing-de", "genesysId": "g-q2",
             "action": "setQueueMembers", "add": [{"external": "agent-1060"}], "remove": ["g-u30"],
             "reason": "1 to add, 1 to remove"},
            {"phase": "cleanup", "kind": "users", "externalId": "agent-1030", "genesysId": "g-u30",
             "action": "deactivateUser", "reason": "no longer in the snapshot"}
        ],
        "blocked": [],
        "warnings": ["queue Support is not exsync's; left alone"]
    }))
    .unwrap()
}

fn names() -> Names {
    let mut idmap = IdMap::new();
    idmap
        .tables
        .users
        .insert("agent-1030".into(), "g-u30".into());
    Names::from_idmap(&idmap)
}

#[test]
fn plan_table_shows_fields_old_to_new_and_members_by_external_id() {
    let text = plan_table(&plan(), &names());

    let expected = [
        "  PHASE        TYPE   EXTERNAL ID   ACTION           CHANGES                                       REASON",
        "  ───────────  ─────  ────────────  ───────────────  ────────────────────────────────────────────  ───────────────────────────",
        "  users        user   agent-1060    createUser       name: Nora Klein                              new in the snapshot",
        "                                                     email: nora.klein@example.com",
        "                                                     division: bu-dach",
        "                                                     title: Agent",
        "  queues       queue  q-tech-en     update           name: Tech Support EN → Technical Support UK  changed in the snapshot",
        "                                                     & Ireland",
        "  userDetails  user   agent-1002    setUserSkills    skills: sk-billing 5, sk-complaints 2,        5 skills wanted, 4 assigned",
        "                                                     sk-moving 4, sk-payments 5, sk-retention 3",
        "  memberships  queue  q-billing-de  setQueueMembers  add 1: agent-1060                             1 to add, 1 to remove",
        "                                                     remove 1: agent-1030",
        "  cleanup      user   agent-1030    deactivateUser                                                 no longer in the snapshot",
    ]
    .map(|line| format!("{line}\n"))
    .concat();
    assert_eq!(text, expected, "\n{text}");
}

#[test]
fn summary_counts_per_type_and_action_in_phase_order() {
    let text = summary_table(&plan());

    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["TYPE", "ACTION", "COUNT"]
    );
    let rows: Vec<Vec<&str>> = lines[2..]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec!["queue", "update", "1"],
            vec!["user", "createUser", "1"],
            vec!["user", "setUserSkills", "1"],
            vec!["queue", "setQueueMembers", "1"],
            vec!["user", "deactivateUser", "1"],
        ]
    );
}

#[test]
fn notes_list_warnings_and_guard_refusals() {
    let mut plan = plan();
    plan.blocked.push(exsync::reconcile::GuardViolation {
        kind: ObjectKind::Users,
        managed: 60,
        removing: 20,
        max_percent: 20,
    });

    let text = notes(&plan);

    assert!(
        text.contains("BLOCKED  user: the plan removes 20 of 60 managed, the limit is 20%"),
        "{text}"
    );
    assert!(
        text.contains("warning  queue Support is not exsync's; left alone"),
        "{text}"
    );
}
