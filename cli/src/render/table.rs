//! A plain-text table: a header, a rule, and rows whose cells may hold several lines.
//!
//! Columns are as wide as their widest line, up to an optional limit past which cell text wraps
//! at spaces (a word longer than the limit is cut; [`GLUE`] joins words that must stay
//! together). Widths count characters, so `→` and `ö` take one column each.

/// A table being built.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    limits: Vec<Option<usize>>,
    rows: Vec<Vec<String>>,
    indent: usize,
}

const GAP: &str = "  ";

/// Joins words that must stay on one line when a cell wraps (`sk-billing 5`); printed as a
/// plain space.
pub const GLUE: char = '\u{a0}';

impl Table {
    /// A table with these column headers and no width limits.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            limits: vec![None; headers.len()],
            rows: Vec::new(),
            indent: 0,
        }
    }

    /// Wraps column `index` at `width` characters.
    pub fn limit(mut self, index: usize, width: usize) -> Self {
        if let Some(limit) = self.limits.get_mut(index) {
            *limit = Some(width.max(8));
        }
        self
    }

    /// Indents every line by `spaces`.
    pub fn indent(mut self, spaces: usize) -> Self {
        self.indent = spaces;
        self
    }

    /// Adds a row; missing cells are empty, extra cells are dropped.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut row: Vec<String> = cells.into_iter().map(Into::into).collect();
        row.resize(self.headers.len(), String::new());
        self.rows.push(row);
    }

    /// True without rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, one `\n`-terminated line per output line.
    pub fn render(&self) -> String {
        let wrapped: Vec<Vec<Vec<String>>> = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&self.limits)
                    .map(|(cell, limit)| wrap(cell, *limit))
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                let header = width_of(&self.headers[i]);
                let cells = wrapped
                    .iter()
                    .flat_map(|row| row[i].iter())
                    .map(|line| width_of(line));
                cells.fold(header, usize::max)
            })
            .collect();
        let mut out = String::new();
        self.line(&mut out, &self.headers, &widths);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        self.line(&mut out, &rule, &widths);
        for row in &wrapped {
            let height = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for n in 0..height {
                let cells: Vec<String> = row
                    .iter()
                    .map(|lines| lines.get(n).cloned().unwrap_or_default())
                    .collect();
                self.line(&mut out, &cells, &widths);
            }
        }
        out
    }

    fn line(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        let mut text = " ".repeat(self.indent);
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                text.push_str(GAP);
            }
            text.push_str(cell);
            text.push_str(&" ".repeat(width.saturating_sub(width_of(cell))));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Splits a cell into lines: at `\n`, then at spaces so no line is longer than `limit`.
fn wrap(cell: &str, limit: Option<usize>) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in cell.split('\n') {
        let Some(limit) = limit else {
            lines.push(paragraph.to_owned());
            continue;
        };
        let mut current = String::new();
        for word in paragraph.split(' ') {
            let mut word = word.to_owned();
            while width_of(&word) > limit {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                let head: String = word.chars().take(limit).collect();
                word = word.chars().skip(limit).collect();
                lines.push(head);
            }
            let needed = width_of(&current) + usize::from(!current.is_empty()) + width_of(&word);
            if !current.is_empty() && needed > limit {
                lines.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&word);
        }
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|line| line.replace(GLUE, " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell() {
        let mut table = Table::new(&["A", "LONGER"]);
        table.row(["wide cell", "x"]);

        let text = table.render();

        assert_eq!(text, "A          LONGER\n─────────  ──────\nwide cell  x\n");
    }

    #[test]
    fn limited_column_wraps_at_spaces_and_multi_line_cells_stack() {
        let mut table = Table::new(&["K", "V"]).limit(1, 10);
        table.row(["k", "one two three four"]);
        table.row(["m", "a → b\nc → d"]);

        let text = table.render();

        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "K  V",
                "─  ──────────",
                "k  one two",
                "   three four",
                "m  a → b",
                "   c → d",
            ]
        );
    }

    #[test]
    fn overlong_words_are_cut_and_rows_padded_to_the_header_count() {
        let mut table = Table::new(&["X", "Y"]).limit(0, 8).indent(2);
        table.row(["abcdefghijkl"]);

        let text = table.render();

        assert_eq!(text, "  X         Y\n  ────────  ─\n  abcdefgh\n  ijkl\n");
        assert!(!table.is_empty());
    }

    #[test]
    fn glued_words_wrap_together_and_print_as_a_space() {
        let mut table = Table::new(&["S"]).limit(0, 10);
        table.row([format!("a{GLUE}1, bb{GLUE}2, ccc{GLUE}3")]);

        let text = table.render();

        let lines: Vec<&str> = text.lines().skip(2).collect();
        assert_eq!(lines, vec!["a 1, bb 2,", "ccc 3"]);
    }
}
