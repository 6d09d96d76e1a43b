//! `report --format html`: one self-contained page (inline style and SVG,
//! no script, nothing fetched: a Content-Security-Policy says so) that a
//! fact-checker reads in a browser: flagged groups first, each group's
//! claims side by side, each with its evidence highlighted in its paragraph
//! and a link to the article, and a timeline of each speaker's figure by date.

use super::Report;
use super::escape::{link_target, visible};
use super::timeline;
use crate::reconcile::Group;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::io::{self, Write};

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 78rem; padding: 0 1rem; color: #1d2330; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
nav table { border-collapse: collapse; margin: 1rem 0 2rem; }
nav td, nav th { padding: .2rem .7rem; border-bottom: 1px solid #dde; text-align: left; }
section.group { border: 1px solid #ccd; border-radius: 8px; padding: .6rem 1rem 1rem; margin: 1.2rem 0; }
section.flagged { border-color: #c33; box-shadow: 0 0 0 2px #f3d0d0; }
h2 { font-size: 1.2rem; margin: .3rem 0; }
.verdict { font-size: .8rem; padding: .1rem .5rem; border-radius: 1rem; background: #e8e8ee; vertical-align: middle; }
.verdict.contradiction { background: #c33; color: #fff; }
.verdict.divergent { background: #e9a23b; color: #1d2330; }
.verdict.update { background: #2b7bb9; color: #fff; }
.meta, .summary { color: #4a5163; margin: .2rem 0; }
.claims { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: .8rem; margin-top: .8rem; }
.claim { border: 1px solid #dde; border-radius: 6px; padding: .5rem .7rem; background: #fafafd; }
.figure { font-size: 1.15rem; font-weight: 600; }
.speaker { font-weight: 500; }
.words { font-weight: 400; color: #4a5163; font-size: .9rem; }
.where { font-size: .85rem; color: #4a5163; }
.where code { font-size: .8rem; }
blockquote { margin: .4rem 0 0; padding-left: .6rem; border-left: 3px solid #ccd; color: #333a48; }
.sentence { background: #fff4c2; }
mark { background: #ffd34d; padding: 0 .1rem; font-weight: 600; }
svg.timeline { display: block; margin-top: .6rem; max-width: 100%; height: auto; }
"#;

/// The page's anchor for a group ("g-evacuees-1").
fn anchor(g: &Group) -> String {
    let mut a = String::from("g-");
    for c in g.id.chars() {
        a.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    a
}

/// Text others wrote, for the page: control characters shown as escapes,
/// then HTML-escaped.
fn shown(s: &str) -> String {
    text(&visible(s)).into_owned()
}

/// `report --format html`.
pub fn write_html(report: &Report, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>Consistency report</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )?;
    writeln!(
        out,
        "<h1>Consistency report</h1>\n<p>{}.</p>",
        shown(&report.tally())
    )?;
    let groups = report.for_people();
    writeln!(
        out,
        "<nav><table>\n<tr><th>group</th><th>verdict</th><th>event</th><th>claims</th></tr>"
    )?;
    for g in &groups {
        writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td><span class=\"verdict {v}\">{v}</span></td><td>{}</td><td>{}</td></tr>",
            anchor(g),
            shown(&g.id),
            shown(&g.event),
            g.members.len(),
            v = g.verdict.as_str(),
        )?;
    }
    writeln!(out, "</table></nav>")?;
    for g in &groups {
        write_group(report, g, out)?;
    }
    if !report.skipped.is_empty() {
        writeln!(out, "<section class=\"skipped\">\n<h2>Skipped</h2>\n<ul>")?;
        for s in &report.skipped {
            writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                shown(&s.path),
                shown(&s.reason)
            )?;
        }
        writeln!(out, "</ul>\n</section>")?;
    }
    writeln!(out, "</body>\n</html>")
}

fn write_group(report: &Report, g: &Group, out: &mut impl Write) -> io::Result<()> {
    let flagged = if g.verdict.flagged() { " flagged" } else { "" };
    writeln!(
        out,
        "<section class=\"group{flagged}\" id=\"{}\">\n<h2>{} <span class=\"verdict {v}\">{v}</span></h2>",
        anchor(g),
        shown(&g.id),
        v = g.verdict.as_str(),
    )?;
    let mut meta = vec![shown(&g.kind), shown(&g.event)];
    if g.scope.is_some() || g.side.is_some() {
        meta.push(shown(&super::table::scope_label(g)));
    }
    if let Some(r) = &g.range {
        meta.push(shown(&super::table::range_label(r)));
    }
    writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "))?;
    writeln!(out, "<p class=\"summary\">{}</p>", shown(&g.summary))?;
    let mut points = Vec::new();
    report.each_claim(g, &mut |c| {
        points.push(timeline::Point::of(report, c));
        Ok(())
    })?;
    if let Some(svg) = timeline::svg(&g.id, &points) {
        writeln!(out, "{svg}")?;
    }
    writeln!(out, "<div class=\"claims\">")?;
    report.each_with_evidence(g, &mut |c, e| {
        let words = report
            .speaker_words(c)
            .map(|w| format!(" <span class=\"words\">“{}”</span>", shown(w)))
            .unwrap_or_default();
        writeln!(
            out,
            "<article class=\"claim\">\n<div class=\"figure\">{}</div>\n<div class=\"speaker\">{}{words}</div>",
            shown(&report.figure_with_unit(c)),
            shown(&report.speaker_name(c)),
        )?;
        let doc = shown(&c.doc);
        let article = match report.url(&c.doc).and_then(link_target) {
            Some(url) => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{doc}</a>",
                attr(&url)
            ),
            None => doc,
        };
        let date = c
            .date
            .as_deref()
            .map(|d| format!(" · {}", shown(d)))
            .unwrap_or_default();
        writeln!(
            out,
            "<div class=\"where\">{article}{date} · <code>{}</code> · rule <code>{}</code></div>",
            shown(&Report::location(c, e)),
            shown(&c.rule),
        )?;
        match e.paragraph_parts() {
            Some([before, start, words, end, after]) => writeln!(
                out,
                "<blockquote>{}<span class=\"sentence\">{}<mark>{}</mark>{}</span>{}</blockquote>",
                shown(before),
                shown(start),
                shown(words),
                shown(end),
                shown(after)
            )?,
            None => writeln!(out, "<blockquote><mark>{}</mark></blockquote>", shown(&c.text))?,
        }
        writeln!(out, "</article>")
    })?;
    writeln!(out, "</div>\n</section>")
}
