//! Markdown: a summary table, then each group's claims: the figure with its
//! unit, who says it, the article (linked when its metadata gives a web
//! address) and its date, and the evidence as its sentence with the claim's
//! words in bold, at `file:line:column`.

use super::Report;
use super::escape::{link_target, markdown as md_escape, markdown_text};
use super::table::scope_label;
use std::io::{self, Write};

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
        report.each_with_evidence(g, &mut |c, e| {
            let doc = markdown_text(&c.doc);
            let article = match report.url(&c.doc).and_then(link_target) {
                Some(url) => format!("[{doc}](<{url}>)"),
                None => doc,
            };
            let date = c
                .date
                .as_deref()
                .map(|d| format!(", {}", md_escape(d)))
                .unwrap_or_default();
            let mut speaker = markdown_text(&report.speaker_name(c));
            if let Some(words) = report.speaker_words(c) {
                speaker.push_str(&format!(" (“{}”)", markdown_text(words)));
            }
            writeln!(
                out,
                "- **{}** — {speaker} — {article}{date} — `{}` (rule `{}`)",
                markdown_text(&report.figure_with_unit(c)),
                md_escape(&Report::location(c, e)).replace('`', "'"),
                super::escape::visible(&c.rule).replace('`', "'"),
            )?;
            match e.sentence_parts() {
                Some((before, words, after)) => writeln!(
                    out,
                    "  > {}**{}**{}",
                    markdown_text(before),
                    markdown_text(words.trim()),
                    markdown_text(after)
                ),
                None => writeln!(out, "  > **{}**", markdown_text(&c.text)),
            }
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
