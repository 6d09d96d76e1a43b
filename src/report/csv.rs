//! CSV and JSON Lines: one flat row per claim with its group and verdict,
//! typed for DuckDB, Datasette or a spreadsheet: a figure's `low`, `best`
//! and `high` are numbers (empty or null for an accusation), the accused
//! actor of an accusation has a column of its own, and each row carries the
//! article's `url`, the evidence's `line` and `column`, and its sentence.

use super::Report;
use super::escape::csv_cell;
use crate::claim::{Claim, Evidence, Value, ser_opt_num};
use crate::reconcile::Group;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// One claim as a flat row.
#[derive(Serialize)]
struct Row<'a> {
    group: Cow<'a, str>,
    verdict: &'static str,
    kind: Cow<'a, str>,
    doc: Cow<'a, str>,
    url: Option<Cow<'a, str>>,
    source: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
    lang: Cow<'a, str>,
    rule: Cow<'a, str>,
    /// The figure's lower bound, point figure and upper bound (none for an accusation).
    #[serde(serialize_with = "ser_opt_num")]
    low: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    best: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    high: Option<f64>,
    qualifier: &'static str,
    unit: Cow<'a, str>,
    /// The actor an accusation blames (none for a figure).
    accused: Option<Cow<'a, str>>,
    scope: Option<Cow<'a, str>>,
    side: Option<Cow<'a, str>>,
    place: Option<Cow<'a, str>>,
    event: Option<Cow<'a, str>>,
    /// The speaker's actor id, its display name, and its words in the article.
    speaker: Option<Cow<'a, str>>,
    speaker_name: Cow<'a, str>,
    speaker_text: Option<Cow<'a, str>>,
    /// The group's range (none for an accusation).
    #[serde(serialize_with = "ser_opt_num")]
    group_low: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    group_best: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    group_high: Option<f64>,
    /// Where the evidence starts: line and column (characters), from 1.
    line: Option<usize>,
    column: Option<usize>,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    sentence: Option<Cow<'a, str>>,
}

/// Builds a row; `cell` guards every text cell (CSV: against formulas).
fn row<'a>(
    report: &'a Report,
    g: &'a Group,
    c: &'a Claim,
    e: &'a Evidence,
    cell: fn(&str) -> Cow<'_, str>,
) -> Row<'a> {
    let text = |s: Option<&'a str>| s.map(cell);
    let known = e.known();
    let (low, best, high, accused) = match &c.value {
        Value::Number(v) => (c.low, Some(*v), c.high, None),
        Value::Actor(a) => (None, None, None, Some(cell(a))),
    };
    let attribution = c.attributed_to.as_ref();
    Row {
        group: cell(&g.id),
        verdict: g.verdict.as_str(),
        kind: cell(&c.kind),
        doc: cell(&c.doc),
        url: text(report.url(&c.doc)),
        source: text(c.source.as_deref()),
        date: text(c.date.as_deref()),
        lang: cell(&c.lang),
        rule: cell(&c.rule),
        low,
        best,
        high,
        qualifier: c.qualifier.as_str(),
        unit: cell(&c.unit),
        accused,
        scope: text(c.scope.as_deref()),
        side: text(c.side.as_deref()),
        place: text(c.place.as_deref()),
        event: text(c.event.as_deref()),
        speaker: text(attribution.and_then(|a| a.actor.as_deref())),
        speaker_name: Cow::Owned(cell(&report.speaker_name(c)).into_owned()),
        speaker_text: text(attribution.map(|a| a.text.as_str())),
        group_low: g.range.as_ref().map(|r| r.low),
        group_best: g.range.as_ref().map(|r| r.best),
        group_high: g.range.as_ref().map(|r| r.high),
        line: known.then_some(e.line),
        column: known.then_some(e.column),
        start: c.start,
        end: c.end,
        text: cell(&c.text),
        sentence: e
            .sentence_parts()
            .map(|_| cell(&e.paragraph[e.sentence[0]..e.sentence[1]])),
    }
}

/// Calls `f` with each claim's row, groups in report order.
fn each_row(
    report: &Report,
    cell: fn(&str) -> Cow<'_, str>,
    f: &mut dyn FnMut(&Row) -> io::Result<()>,
) -> io::Result<()> {
    for g in &report.groups {
        report.each_with_evidence(g, &mut |c, e| f(&row(report, g, c, e, cell)))?;
    }
    Ok(())
}

/// CSV: one row per claim, with its group and verdict. Text cells that start
/// like a formula get a leading `'`; the figures and offsets stay numbers.
pub fn write_csv(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    w.write_record(HEADER)?;
    each_row(report, csv_cell, &mut |r| {
        w.serialize(r).map_err(io::Error::other)
    })?;
    w.flush()
}

/// The CSV header: [`Row`]'s fields, in order (`tests/snapshots.rs` checks
/// it against the JSON Lines keys).
const HEADER: [&str; 31] = [
    "group",
    "verdict",
    "kind",
    "doc",
    "url",
    "source",
    "date",
    "lang",
    "rule",
    "low",
    "best",
    "high",
    "qualifier",
    "unit",
    "accused",
    "scope",
    "side",
    "place",
    "event",
    "speaker",
    "speaker_name",
    "speaker_text",
    "group_low",
    "group_best",
    "group_high",
    "line",
    "column",
    "start",
    "end",
    "text",
    "sentence",
];

/// Text as it is (JSON needs no guard).
fn borrowed(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

/// `report --format jsonl`: one flat JSON object per claim.
pub fn write_rows(report: &Report, out: &mut impl Write) -> io::Result<()> {
    each_row(report, borrowed, &mut |r| {
        serde_json::to_writer(&mut *out, r).map_err(io::Error::other)?;
        writeln!(out)
    })
}
