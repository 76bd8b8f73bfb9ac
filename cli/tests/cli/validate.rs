//! `exsync validate` prints every problem with its object and field, and exits 1 on any.

use super::helpers::{example, examples, exsync};

#[tokio::test]
async fn valid_examples_pass_with_a_summary() {
    let run = exsync(
        &[
            "validate",
            "--config",
            &example("config/initial.json"),
            "--mapping",
            &example("mapping.json"),
        ],
        &[],
        &examples(),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("60 users"), "{}", run.stdout);
    assert!(
        run.stdout.contains("user authority \"exsync\""),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn broken_snapshot_lists_every_problem_with_object_and_field_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(examples().join("config/initial.json")).unwrap();
    let mut snapshot: serde_json::Value = serde_json::from_str(&text).unwrap();
    snapshot["users"][1]["email"] = "lena.vogel-at-example.com".into();
    snapshot["users"][2]["division"] = "bu-atlantis".into();
    snapshot["users"][3]["skills"][0]["proficiency"] = 9.into();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec_pretty(&snapshot).unwrap()).unwrap();

    let run = exsync(
        &["validate", "--config", broken.to_str().unwrap()],
        &[],
        dir.path(),
    )
    .await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("broken.json (held back; everything else syncs): 3 problems"),
        "{}",
        run.stdout
    );
    let row = |object: &str, field: &str| {
        let found = run.stdout.lines().any(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            cells.first() == Some(&object) && cells.get(1) == Some(&field)
        });
        assert!(found, "no row for {object} {field} in\n{}", run.stdout);
    };
    row("users[agent-1001]", "email");
    row("users[agent-1002]", "division");
    row("users[agent-1003]", "skills[0].proficiency");
}

#[tokio::test]
async fn unreadable_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();

    let run = exsync(&["validate", "--config", "nowhere.json"], &[], dir.path()).await;

    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("cannot read nowhere.json"),
        "{}",
        run.stderr
    );
}
