//! Markdown: a summary table, then each group's claims with their evidence.

use super::Report;
use super::table::scope_label;
use std::io::{self, Write};

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// Markdown: a summary table, then each group's claims with their evidence.
pub fn write_markdown(report: &Report, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# Consistency report\n")?;
    writeln!(out, "{}.\n", report.tally())?;
    writeln!(out, "| group | kind | scope | event | verdict | summary |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for g in report.for_people() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            g.id,
            g.kind,
            md_escape(&scope_label(g)),
            g.event,
            if g.verdict.flagged() {
                format!("**{}**", g.verdict.as_str())
            } else {
                g.verdict.as_str().to_string()
            },
            md_escape(&g.summary)
        )?;
    }
    for g in report.for_people() {
        writeln!(out, "\n## {} ({})\n", g.id, g.verdict.as_str())?;
        if let Some(r) = &g.range {
            writeln!(out, "{}\n", super::table::range_label(r))?;
        }
        report.each_claim(g, &mut |c| {
            writeln!(
                out,
                "- **{}** — {} — `{}` {}:{}-{}: “{}”",
                c.figure_label(),
                c.speaker_label(),
                c.rule,
                c.doc,
                c.start,
                c.end,
                md_escape(&c.text)
            )
        })?;
    }
    if !report.skipped.is_empty() {
        writeln!(out, "\n## Skipped\n")?;
        for s in &report.skipped {
            writeln!(out, "- {}: {}", md_escape(&s.path), md_escape(&s.reason))?;
        }
    }
    Ok(())
}
