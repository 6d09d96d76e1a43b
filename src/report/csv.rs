//! CSV: one row per claim, with its group and verdict.

use super::Report;
use super::escape::csv_cell;
use std::io::{self, Write};

/// CSV: one row per claim, with its group and verdict. Text cells that start
/// like a formula get a leading `'`; the figures and offsets stay numbers.
pub fn write_csv(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "group",
        "verdict",
        "kind",
        "doc",
        "source",
        "date",
        "lang",
        "rule",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "scope",
        "side",
        "event",
        "speaker",
        "speaker_text",
        "start",
        "end",
        "text",
    ])?;
    let num = |v: Option<f64>| v.map(crate::claim::fmt_num).unwrap_or_default();
    for g in &report.groups {
        report.each_claim(g, &mut |c| {
            let value = match &c.value {
                crate::claim::Value::Number(n) => crate::claim::fmt_num(*n),
                crate::claim::Value::Actor(a) => csv_cell(a).into_owned(),
            };
            let text = |s: Option<&str>| csv_cell(s.unwrap_or("")).into_owned();
            let cell = |s: &str| csv_cell(s).into_owned();
            w.write_record([
                cell(&g.id).as_str(),
                g.verdict.as_str(),
                &cell(&c.kind),
                &cell(&c.doc),
                &text(c.source.as_deref()),
                &text(c.date.as_deref()),
                &cell(&c.lang),
                &cell(&c.rule),
                &value,
                &num(c.low),
                &num(c.high),
                c.qualifier.as_str(),
                &cell(&c.unit),
                &text(c.scope.as_deref()),
                &text(c.side.as_deref()),
                &text(c.event.as_deref()),
                &text(c.attributed_to.as_ref().and_then(|a| a.actor.as_deref())),
                &text(c.attributed_to.as_ref().map(|a| a.text.as_str())),
                &c.start.to_string(),
                &c.end.to_string(),
                &cell(&c.text),
            ])
            .map_err(io::Error::other)
        })?;
    }
    w.flush()
}
