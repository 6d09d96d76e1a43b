//! Markdown: a summary table, then each group's claims with their evidence.

use super::Report;
use super::escape::markdown as md_escape;
use super::table::scope_label;
use std::io::{self, Write};

/// A quoted claim text: its line breaks are the article's, kept as `<br>`.
fn md_quote(s: &str) -> String {
    s.split('\n')
        .map(md_escape)
        .collect::<Vec<_>>()
        .join("<br>")
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
            md_escape(&g.id),
            md_escape(&g.kind),
            md_escape(&scope_label(g)),
            md_escape(&g.event),
            if g.verdict.flagged() {
                format!("**{}**", g.verdict.as_str())
            } else {
                g.verdict.as_str().to_string()
            },
            md_escape(&g.summary)
        )?;
    }
    for g in report.for_people() {
        writeln!(out, "\n## {} ({})\n", md_escape(&g.id), g.verdict.as_str())?;
        if let Some(r) = &g.range {
            writeln!(out, "{}\n", super::table::range_label(r))?;
        }
        report.each_claim(g, &mut |c| {
            writeln!(
                out,
                "- **{}** — {} — `{}` {}:{}-{}: “{}”",
                md_escape(&c.figure_label()),
                md_escape(&c.speaker_label()),
                super::escape::visible(&c.rule),
                md_escape(&c.doc),
                c.start,
                c.end,
                md_quote(&c.text)
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
