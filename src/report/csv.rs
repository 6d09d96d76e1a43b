//! CSV: one row per claim, with its group and verdict.

use super::Report;
use std::io::{self, Write};

/// CSV: one row per claim, with its group and verdict.
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
                crate::claim::Value::Actor(a) => a.clone(),
            };
            w.write_record([
                g.id.as_str(),
                g.verdict.as_str(),
                &c.kind,
                &c.doc,
                c.source.as_deref().unwrap_or(""),
                c.date.as_deref().unwrap_or(""),
                &c.lang,
                &c.rule,
                &value,
                &num(c.low),
                &num(c.high),
                c.qualifier.as_str(),
                &c.unit,
                c.scope.as_deref().unwrap_or(""),
                c.side.as_deref().unwrap_or(""),
                c.event.as_deref().unwrap_or(""),
                c.attributed_to
                    .as_ref()
                    .and_then(|a| a.actor.as_deref())
                    .unwrap_or(""),
                c.attributed_to
                    .as_ref()
                    .map(|a| a.text.as_str())
                    .unwrap_or(""),
                &c.start.to_string(),
                &c.end.to_string(),
                &c.text,
            ])
            .map_err(io::Error::other)
        })?;
    }
    w.flush()
}
