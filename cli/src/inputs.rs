//! Reading and checking the snapshot and mapping files the commands take, gathering every
//! problem (with the object and field it is about) instead of stopping at the first.

use std::path::Path;

use anyhow::Context as _;
use exsync::external::{ConfigSnapshot, InputError, Problem, parse_snapshot};
use exsync::mapping::{MappingDocument, check_mapping_against_snapshot, parse_mapping};

use crate::render::Table;

/// The problems found in one document (or in the mapping against the snapshot).
#[derive(Debug, Clone)]
pub struct Finding {
    /// the file, or `mapping against snapshot`
    pub document: String,
    /// every problem
    pub problems: Vec<Problem>,
}

/// The documents, parsed where they could be, and what is wrong with them.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// the snapshot, when it is valid
    pub snapshot: Option<ConfigSnapshot>,
    /// the mapping, when it was given and is valid
    pub mapping: Option<MappingDocument>,
    /// problems, per document
    pub findings: Vec<Finding>,
}

impl Checked {
    /// Both documents, when both were given and nothing is wrong.
    pub fn both(self) -> Option<(ConfigSnapshot, MappingDocument)> {
        if !self.findings.is_empty() {
            return None;
        }
        Some((self.snapshot?, self.mapping?))
    }
}

/// Reads and checks the snapshot at `config` and, if given, the mapping at `mapping` and the
/// mapping against the snapshot.
///
/// # Errors
/// When a file cannot be read (problems in a file are findings, not errors).
pub fn check(config: &Path, mapping: Option<&Path>) -> anyhow::Result<Checked> {
    let mut checked = Checked::default();
    let text = read(config)?;
    match parse_snapshot(&text) {
        Ok(snapshot) => checked.snapshot = Some(snapshot),
        Err(e) => checked.findings.push(finding(config, e)),
    }
    if let Some(path) = mapping {
        match parse_mapping(&read(path)?) {
            Ok(m) => checked.mapping = Some(m),
            Err(e) => checked.findings.push(finding(path, e)),
        }
    }
    if let (Some(s), Some(m)) = (&checked.snapshot, &checked.mapping)
        && let Err(e) = check_mapping_against_snapshot(m, s)
    {
        checked.findings.push(Finding {
            document: "mapping against snapshot".into(),
            problems: e.into_problems(),
        });
    }
    Ok(checked)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn finding(path: &Path, error: InputError) -> Finding {
    Finding {
        document: path.display().to_string(),
        problems: error.into_problems(),
    }
}

/// The findings as text: per document a line with the count, then a table of object, field and
/// problem.
pub fn render_findings(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let n = finding.problems.len();
        let noun = if n == 1 { "problem" } else { "problems" };
        out.push_str(&format!("{}: {n} {noun}\n", finding.document));
        let mut table = Table::new(&["OBJECT", "FIELD", "PROBLEM"])
            .limit(2, 80)
            .indent(2);
        for p in &finding.problems {
            let field = if p.field.is_empty() { "-" } else { &p.field };
            table.row([p.object.as_str(), field, p.message.as_str()]);
        }
        out.push_str(&table.render());
    }
    out
}

/// `3 divisions, 12 skills, …, 60 users`
pub fn describe(snapshot: &ConfigSnapshot) -> String {
    format!(
        "{} divisions, {} skills, {} languages, {} wrap-up codes, {} secondary statuses, {} queues, {} users",
        snapshot.divisions.len(),
        snapshot.skills.len(),
        snapshot.languages.len(),
        snapshot.wrapup_codes.len(),
        snapshot.secondary_statuses.len(),
        snapshot.queues.len(),
        snapshot.users.len()
    )
}
