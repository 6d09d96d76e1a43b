//! What the `rules` commands print: `rules test` one line per rule (its
//! failing examples under it), `rules list` a table of the loaded rules.

use crate::rule_examples::Summary;
use crate::rules::RuleSet;
use std::io::{self, Write};

/// `rules test`: one line per rule, the failing examples under their rule,
/// then the failing examples no rule answered, then the tally.
pub fn write_rule_test(summary: &Summary, out: &mut impl Write) -> io::Result<()> {
    let (mut passed, mut failed, mut untested) = (0, 0, 0);
    for r in &summary.rules {
        if r.examples == 0 {
            untested += 1;
            writeln!(
                out,
                "untested {} ({}): no example exercises it",
                r.rule, r.file
            )?;
        } else if r.failed.is_empty() {
            passed += 1;
            writeln!(
                out,
                "ok       {} ({} example{})",
                r.rule,
                r.examples,
                if r.examples == 1 { "" } else { "s" }
            )?;
        } else {
            failed += 1;
            writeln!(out, "FAILED   {}", r.rule)?;
            for o in &r.failed {
                writeln!(out, "         example {}:{}: {:?}", o.file, o.line, o.text)?;
                for p in &o.problems {
                    writeln!(out, "           {p}")?;
                }
            }
        }
    }
    for o in &summary.unanswered {
        writeln!(
            out,
            "FAILED   example {}:{}: {:?} (no rule matched)",
            o.file, o.line, o.text
        )?;
        for p in &o.problems {
            writeln!(out, "           {p}")?;
        }
    }
    writeln!(
        out,
        "rules: {passed} passed, {failed} failed, {untested} untested; examples: {} passed, {} failed",
        summary.examples - summary.failed_examples,
        summary.failed_examples
    )
}

/// "N rules, N speaker cues, N event markers".
pub fn rule_counts(rules: &RuleSet) -> String {
    format!(
        "{} rules, {} speaker cues, {} event markers",
        rules.rules.len(),
        rules.cues.len(),
        rules.events.len()
    )
}

/// `rules list`: the loaded rules as a table `width` columns wide (`None`:
/// the terminal's), descriptions wrapped between words, then their counts.
pub fn write_rule_list(
    rules: &RuleSet,
    width: Option<u16>,
    out: &mut impl Write,
) -> io::Result<()> {
    use comfy_table::{ColumnConstraint, ContentArrangement, Width};
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        table.set_width(w);
    }
    let header = ["id", "kind", "lang", "file", "description"];
    table.set_header(header);
    let mut widest = header.map(|h| h.len());
    for r in &rules.rules {
        let row = [&r.id, &r.kind, &r.lang, &r.file, &r.description];
        for (w, cell) in widest.iter_mut().zip(row) {
            let word = cell.split_whitespace().map(|w| w.chars().count()).max();
            *w = (*w).max(word.unwrap_or(0));
        }
        table.add_row(row);
    }
    for (i, w) in widest.into_iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", rule_counts(rules))
}
