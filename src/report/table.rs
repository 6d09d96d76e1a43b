//! The terminal table: flagged groups first, one row per group with its
//! claims as "figure — speaker [article, date]" lines.

use super::Report;
use super::escape::visible;
use crate::reconcile::Group;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::{self, Write};

fn claim_lines(report: &Report, g: &Group) -> io::Result<String> {
    let mut lines = String::new();
    report.each_claim(g, &mut |c| {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(&format!(
            "{} — {} [{}{}]",
            visible(&c.figure_label()),
            visible(&c.speaker_label()),
            visible(&c.doc),
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

/// The terminal table: flagged groups first.
pub fn write_table(report: &Report, width: Option<u16>, out: &mut impl Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    match width {
        Some(w) => {
            table.set_width(w);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
    }
    table.set_header(vec![
        "group, scope, event",
        "verdict",
        "claims: figure — speaker [article, date]",
    ]);
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
        table.add_row(vec![head, verdict, claim_lines(report, g)?]);
    }
    for i in 0..2 {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", report.tally())
}
