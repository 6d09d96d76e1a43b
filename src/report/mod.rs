//! One serialisable [`Report`]; one printer per format, each over `impl Write`.

pub mod diff;

use crate::claim::Claim;
use crate::corpus::Skipped;
use crate::reconcile::Group;
use crate::reconcile::store::ClaimStore;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;
use std::io::{self, Write};

/// A document as the report lists it.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct DocSummary {
    pub doc: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub lang: String,
    pub claims: usize,
}

/// Everything `report` prints: the contract of `spec/CLAIMS.md`. Each
/// group's claims are read from the store when written, one group at a time.
#[derive(Debug)]
pub struct Report {
    pub documents: Vec<DocSummary>,
    pub skipped: Vec<Skipped>,
    pub groups: Vec<Group>,
    pub claims: ClaimStore,
}

/// A group as the JSON contract writes it: its fields, then its claims.
#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    kind: &'a str,
    scope: &'a Option<String>,
    side: &'a Option<String>,
    event: &'a str,
    verdict: crate::reconcile::Verdict,
    summary: &'a str,
    claims: ClaimsOut<'a>,
}

/// A group's claims, serialised as they are read.
struct ClaimsOut<'a>(&'a Report, &'a Group);

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.1.members.len()))?;
        let mut failed = None;
        self.0
            .claims
            .each(&self.1.members, &mut |c| {
                seq.serialize_element(c).map_err(|e| {
                    let text = e.to_string();
                    failed = Some(e);
                    io::Error::other(text)
                })
            })
            .map_err(|e| failed.take().unwrap_or_else(|| S::Error::custom(e)))?;
        seq.end()
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Groups<'a>(&'a Report);
        impl Serialize for Groups<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.groups.len()))?;
                for g in &self.0.groups {
                    seq.serialize_element(&GroupOut {
                        id: &g.id,
                        kind: &g.kind,
                        scope: &g.scope,
                        side: &g.side,
                        event: &g.event,
                        verdict: g.verdict,
                        summary: &g.summary,
                        claims: ClaimsOut(self.0, g),
                    })?;
                }
                seq.end()
            }
        }
        let mut st = s.serialize_struct("Report", 3)?;
        st.serialize_field("documents", &self.documents)?;
        st.serialize_field("skipped", &self.skipped)?;
        st.serialize_field("groups", &Groups(self))?;
        st.end()
    }
}

impl Report {
    /// A group's claims, in the group's order, one in memory at a time.
    pub fn each_claim(
        &self,
        g: &Group,
        f: &mut dyn FnMut(&Claim) -> io::Result<()>,
    ) -> io::Result<()> {
        self.claims.each(&g.members, f)
    }

    /// How many groups have each flagged verdict.
    pub fn count(&self, verdict: crate::reconcile::Verdict) -> usize {
        self.groups.iter().filter(|g| g.verdict == verdict).count()
    }

    /// "5 articles read, 1 skipped: see --format json".
    pub fn tally(&self) -> String {
        let n = self.documents.len();
        let mut s = format!("{n} article{} read", if n == 1 { "" } else { "s" });
        if !self.skipped.is_empty() {
            s.push_str(&format!(
                ", {} skipped: see --format json",
                self.skipped.len()
            ));
        }
        s
    }

    /// Groups in reading order for people: flagged first, then updates, then the rest.
    fn for_people(&self) -> Vec<&Group> {
        let mut groups: Vec<&Group> = self.groups.iter().collect();
        groups.sort_by_key(|g| g.verdict);
        groups
    }
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
}

/// Writes the report in `format`. `width` fixes the table width (when not a terminal).
pub fn write(
    report: &Report,
    format: Format,
    width: Option<u16>,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Table => write_table(report, width, out),
        Format::Markdown => write_markdown(report, out),
        Format::Json => write_json(report, out),
        Format::Csv => write_csv(report, out),
    }
}

fn claim_lines(report: &Report, g: &Group) -> io::Result<String> {
    let mut lines = String::new();
    report.each_claim(g, &mut |c| {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(&format!(
            "{} — {} [{}{}]",
            c.figure_label(),
            c.speaker_label(),
            c.doc,
            c.date
                .as_deref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default()
        ));
        Ok(())
    })?;
    Ok(lines)
}

fn scope_label(g: &Group) -> String {
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
        let mut head = g.id.clone();
        if g.scope.is_some() || g.side.is_some() {
            head.push('\n');
            head.push_str(&scope_label(g));
        }
        head.push('\n');
        head.push_str(&g.event);
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

/// JSON: exactly the contract, pretty-printed.
pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}

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

/// `extract --format jsonl`: one claim per line.
pub fn write_jsonl(claims: &[Claim], out: &mut impl Write) -> io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut *out, c).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
