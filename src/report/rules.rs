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

/// `rules list`: the loaded rules as a table, then their counts.
pub fn write_rule_list(rules: &RuleSet, out: &mut impl Write) -> io::Result<()> {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(vec!["id", "kind", "lang", "file", "description"]);
    for r in &rules.rules {
        table.add_row(vec![&r.id, &r.kind, &r.lang, &r.file, &r.description]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", rule_counts(rules))
}
