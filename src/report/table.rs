//! The terminal table: flagged groups first, one row per group with its
//! claims as "figure unit — speaker" over "article:line:column, date"; the
//! skipped inputs listed under it. No column is narrower than its longest
//! word, so words are never split; flagged verdicts are coloured when asked.

use super::Report;
use super::escape::visible;
use crate::reconcile::{Group, Verdict};
use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width,
    presets::UTF8_FULL_CONDENSED,
};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

fn claim_lines(report: &Report, g: &Group) -> io::Result<String> {
    let mut lines = String::new();
    report.each_with_evidence(g, &mut |c, e| {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(&format!(
            "{} — {}\n{}{}",
            visible(&report.figure_with_unit(c)),
            visible(&report.speaker_name(c)),
            visible(&Report::location(c, e)),
            c.date
                .as_deref()
                .map(|d| format!(", {}", visible(d)))
                .unwrap_or_default()
        ));
        Ok(())
    })?;
    Ok(lines)
}

/// A group's range as a person reads it: "low 27 · best 200 · high 200".
pub(super) fn range_label(r: &crate::reconcile::Range) -> String {
    use crate::claim::fmt_num;
    format!(
        "low {} · best {} · high {}",
        fmt_num(r.low),
        fmt_num(r.best),
        fmt_num(r.high)
    )
}

pub(super) fn scope_label(g: &Group) -> String {
    let mut s = g.scope.clone().unwrap_or_else(|| "-".into());
    if let Some(side) = &g.side {
        s.push_str(&format!(" ({side})"));
    }
    s
}

/// The colour a verdict is shown in on a terminal.
fn verdict_colour(v: Verdict) -> Option<Color> {
    match v {
        Verdict::Contradiction => Some(Color::Red),
        Verdict::Divergent => Some(Color::Yellow),
        Verdict::Update => Some(Color::Cyan),
        Verdict::Consistent | Verdict::SingleSource => None,
    }
}

/// The widest word of a cell's text, in terminal columns.
fn widest_word(text: &str) -> u16 {
    text.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .try_into()
        .unwrap_or(u16::MAX)
}

/// The terminal table: flagged groups first, then the skipped inputs.
/// `width` fixes the table's width (`None`: the terminal's); `color` styles
/// the verdicts with ANSI escapes.
pub fn write_table(
    report: &Report,
    width: Option<u16>,
    color: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        table.set_width(w);
    }
    if color {
        table.enforce_styling();
    }
    let header = [
        "group, scope, event",
        "verdict",
        "claims: figure — speaker, article:line:column, date",
    ];
    let mut widest: [u16; 3] = header.map(widest_word);
    table.set_header(header);
    for g in report.for_people() {
        let verdict = if g.verdict.flagged() {
            format!("{} !", g.verdict.as_str())
        } else {
            g.verdict.as_str().to_string()
        };
        // Each field on its own line, its own newlines shown as `\n`.
        let mut head = visible(&g.id).into_owned();
        if g.scope.is_some() || g.side.is_some() {
            head.push('\n');
            head.push_str(&visible(&scope_label(g)));
        }
        head.push('\n');
        head.push_str(&visible(&g.event));
        if let Some(r) = &g.range {
            head.push('\n');
            head.push_str(&range_label(r));
        }
        let claims = claim_lines(report, g)?;
        for (w, text) in widest.iter_mut().zip([&head, &verdict, &claims]) {
            *w = (*w).max(widest_word(text));
        }
        let mut verdict = Cell::new(verdict);
        if color && let Some(c) = verdict_colour(g.verdict) {
            verdict = verdict.fg(c);
            if g.verdict.flagged() {
                verdict = verdict.add_attribute(Attribute::Bold);
            }
        }
        table.add_row(vec![Cell::new(head), verdict, Cell::new(claims)]);
    }
    for (i, w) in widest.into_iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            // The verdict column takes its content's width; no column is
            // narrower than its longest word, so none is split.
            column.set_constraint(match i {
                1 => ColumnConstraint::ContentWidth,
                // The bound counts the cell's padding, one column each side.
                _ => ColumnConstraint::LowerBoundary(Width::Fixed(w.saturating_add(2))),
            });
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", report.tally())?;
    for s in &report.skipped {
        writeln!(out, "skipped {}: {}", visible(&s.path), visible(&s.reason))?;
    }
    Ok(())
}
