//! What a sync left out because the snapshot holds it back, as a table in the plan's format
//! (type, external id, what is left as Genesys has it, why).

use exsync::reconcile::Skipped;

use super::plan::kind_label;
use super::table::Table;

/// The skipped parts as a table, with a heading line; empty when there are none.
pub fn skipped_table(skipped: &[Skipped]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "  {} left as Genesys has it (held back by the snapshot; fix the source and the next run syncs them):\n",
        skipped.len()
    );
    let mut table = Table::new(&["TYPE", "EXTERNAL ID", "LEFT AS IS", "REASON"])
        .limit(3, 90)
        .indent(2);
    for s in skipped {
        table.row([
            kind_label(Some(s.kind)).to_owned(),
            s.external_id.clone().unwrap_or_else(|| "-".into()),
            s.part.clone(),
            s.reason.clone(),
        ]);
    }
    out.push_str(&table.render());
    out
}

#[cfg(test)]
mod tests {
    use exsync::external::ObjectKind;

    use super::*;

    #[test]
    fn each_skipped_part_is_a_row_naming_the_object_and_reason() {
        let text = skipped_table(&[Skipped {
            kind: ObjectKind::Users,
            external_id: Some("agent-7".into()),
            part: "object".into(),
            reason: "invalid in the snapshot: email: `x` is not an email address".into(),
        }]);
        assert!(text.starts_with("  1 left as Genesys has it"), "{text}");
        assert!(text.contains("agent-7"), "{text}");
        assert!(text.contains("is not an email address"), "{text}");
    }

    #[test]
    fn nothing_skipped_renders_nothing() {
        assert_eq!(skipped_table(&[]), "");
    }
}
