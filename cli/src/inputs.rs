//! Reading and checking the snapshot and mapping files the commands take, gathering every
//! problem (with the object and field it is about) instead of stopping at the first. Problems
//! that stop a config sync are *findings*; the rest (objects held back, other concerns' mapping
//! rules, warnings) are *notes*, shown by every command and failing only `validate`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use exsync::external::{ConfigSnapshot, InputError, Problem, read_snapshot};
use exsync::mapping::{Concern, MappingDocument, cross_check, mapping_problems, parse_mapping_for};

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
    /// the snapshot's valid objects (the held ones in its `held`), when it is a snapshot at all
    pub snapshot: Option<ConfigSnapshot>,
    /// the mapping, when it was given and config sync can use it
    pub mapping: Option<MappingDocument>,
    /// problems that stop a config sync, per document
    pub findings: Vec<Finding>,
    /// problems that do not stop a config sync: snapshot objects held back (the rest syncs),
    /// mapping rules of the other concerns, warnings
    pub notes: Vec<Finding>,
    /// the documents as read (snapshot, mapping), for a saved plan to carry
    pub texts: (String, Option<String>),
}

impl Checked {
    /// Both documents, when both were given and config sync can run on them.
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
    let mapping_text = mapping.map(read).transpose()?;
    Ok(check_documents(
        (&config.display().to_string(), &read(config)?),
        mapping.map(|p| p.display().to_string()).zip(mapping_text),
    ))
}

/// Checks a snapshot and, if given, a mapping, each given as (name for messages, text).
pub fn check_documents(config: (&str, &str), mapping: Option<(String, String)>) -> Checked {
    let (config, text) = config;
    check_snapshot((config, text), read_snapshot(text), mapping)
}

/// Checks a snapshot already read (from `text`, or from a Connect instance and `text` its JSON)
/// and, if given, a mapping as (name for messages, text).
pub fn check_snapshot(
    config: (&str, &str),
    read: Result<ConfigSnapshot, InputError>,
    mapping: Option<(String, String)>,
) -> Checked {
    let (config, text) = config;
    let mut checked = Checked {
        texts: (text.to_owned(), mapping.as_ref().map(|(_, t)| t.clone())),
        ..Checked::default()
    };
    match read {
        Ok(snapshot) => {
            if !snapshot.held.is_empty() {
                checked.notes.push(Finding {
                    document: format!("{config} (held back; everything else syncs)"),
                    problems: snapshot.held.problems(),
                });
            }
            checked.snapshot = Some(snapshot);
        }
        Err(e) => checked.findings.push(Finding {
            document: config.to_owned(),
            problems: e.into_problems(),
        }),
    }
    if let Some((path, mapping_text)) = mapping {
        match parse_mapping_for(&mapping_text, Concern::ConfigSync) {
            Ok(m) => {
                for (concern, problems) in by_concern(mapping_problems(&m)) {
                    // config sync's own rules refused the document above; the rest stop nothing
                    if concern != Concern::ConfigSync {
                        checked.notes.push(Finding {
                            document: format!("{path} ({concern})"),
                            problems,
                        });
                    }
                }
                checked.mapping = Some(m);
            }
            Err(e) => checked.findings.push(Finding {
                document: format!("{path} (config sync)"),
                problems: e.into_problems(),
            }),
        }
    }
    if let (Some(s), Some(m)) = (&checked.snapshot, &checked.mapping) {
        let cross = cross_check(m, s);
        for (concern, problems) in by_concern(cross.problems) {
            let found = Finding {
                document: format!("mapping against snapshot ({concern})"),
                problems,
            };
            if concern == Concern::ConfigSync {
                checked.findings.push(found);
            } else {
                checked.notes.push(found);
            }
        }
        if !cross.warnings.is_empty() {
            checked.notes.push(Finding {
                document: "mapping against snapshot (warnings)".into(),
                problems: cross.warnings,
            });
        }
    }
    checked
}

/// Problems grouped by the concern they affect, in concern order.
fn by_concern(problems: Vec<(Concern, Problem)>) -> BTreeMap<Concern, Vec<Problem>> {
    let mut grouped: BTreeMap<Concern, Vec<Problem>> = BTreeMap::new();
    for (concern, problem) in problems {
        grouped.entry(concern).or_default().push(problem);
    }
    grouped
}

/// The text of the file at `path`.
///
/// # Errors
/// When it cannot be read.
pub fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
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
