//! One serialisable [`Report`]; one printer per format, each over `impl Write`.

pub mod claimreview;
pub mod claims;
mod csv;
pub mod diff;
pub mod escape;
pub mod evidence;
mod html;
mod json;
mod markdown;
pub mod rules;
pub mod shard;
pub mod speakers;
pub mod stored;
mod table;
pub mod timeline;

pub use claims::write_jsonl;
pub use csv::write_csv;
pub use json::write_json;
pub use markdown::write_markdown;
pub use table::write_table;

use crate::claim::{Attribution, Claim, Evidence, Value};
use crate::corpus::Skipped;
use crate::reconcile::Group;
use crate::reconcile::store::ClaimStore;
use serde::Serialize;
use std::io::{self, Write};

/// A document as the report lists it.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct DocSummary {
    pub doc: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub lang: String,
    /// The article's address, from its metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub claims: usize,
}

/// Everything `report` prints: the contract of `spec/CLAIMS.md`. Each
/// group's claims are read from the store when written, one group at a time.
#[derive(Debug)]
pub struct Report {
    /// How people read each actor id ("Karabakh authorities").
    pub names: std::collections::BTreeMap<String, String>,
    /// Sorted by `doc`.
    pub documents: Vec<DocSummary>,
    pub skipped: Vec<Skipped>,
    pub groups: Vec<Group>,
    pub claims: ClaimStore,
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

    /// [`Report::each_claim`] with each claim's evidence in context.
    pub fn each_with_evidence(
        &self,
        g: &Group,
        f: &mut dyn FnMut(&Claim, &Evidence) -> io::Result<()>,
    ) -> io::Result<()> {
        self.claims.each_with_evidence(&g.members, f)
    }

    /// The document a claim is from.
    pub fn document(&self, doc: &str) -> Option<&DocSummary> {
        self.documents
            .binary_search_by(|d| d.doc.as_str().cmp(doc))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// The address of the article a claim is from, when its metadata gives one.
    pub fn url(&self, doc: &str) -> Option<&str> {
        self.document(doc).and_then(|d| d.url.as_deref())
    }

    /// An actor id as people read it: its display name, else the id.
    pub fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// Who makes a claim, for people: the actor's display name, else the
    /// speaker's words; an article speaking for itself is its outlet's "own
    /// reporting".
    pub fn speaker_name(&self, c: &Claim) -> String {
        match &c.attributed_to {
            Some(Attribution {
                actor: Some(id), ..
            }) => self.actor_name(id).to_string(),
            Some(Attribution {
                actor: None, text, ..
            }) => text.clone(),
            None => format!(
                "{} (own reporting)",
                c.source.as_deref().unwrap_or("the outlet")
            ),
        }
    }

    /// The speaker's words in the article ("le ministère azerbaïdjanais de
    /// la Défense"), when it is a known actor named otherwise than its name.
    pub fn speaker_words<'a>(&self, c: &'a Claim) -> Option<&'a str> {
        match &c.attributed_to {
            Some(Attribution {
                actor: Some(id),
                text,
                ..
            }) if !text.trim().eq_ignore_ascii_case(self.actor_name(id)) => Some(text.trim()),
            _ => None,
        }
    }

    /// The figure with its unit ("about 9 months"), or for an accusation
    /// the accused's name ("accuses Armenia").
    pub fn figure_with_unit(&self, c: &Claim) -> String {
        match &c.value {
            Value::Actor(id) => format!("accuses {}", self.actor_name(id)),
            Value::Number(_) => format!("{} {}", c.figure_label(), c.unit),
        }
    }

    /// "file:line:column" of a claim's evidence, or "file:start-end" (bytes)
    /// when its line is not known.
    pub fn location(c: &Claim, e: &Evidence) -> String {
        if e.line > 0 {
            format!("{}:{}:{}", c.doc, e.line, e.column)
        } else {
            format!("{}:{}-{}", c.doc, c.start, c.end)
        }
    }

    /// How many groups have each flagged verdict.
    pub fn count(&self, verdict: crate::reconcile::Verdict) -> usize {
        self.groups.iter().filter(|g| g.verdict == verdict).count()
    }

    /// "5 articles read, 1 skipped".
    pub fn tally(&self) -> String {
        let n = self.documents.len();
        let mut s = format!("{n} article{} read", if n == 1 { "" } else { "s" });
        if !self.skipped.is_empty() {
            s.push_str(&format!(", {} skipped", self.skipped.len()));
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
    /// One flat JSON object per claim, with its group and verdict.
    Jsonl,
    Csv,
    /// One self-contained HTML page.
    Html,
    /// schema.org `ClaimReview` JSON-LD, one per flagged group.
    ClaimReview,
}

/// How a report is laid out: the table's width (`None`: the terminal's),
/// ANSI colours on the table, JSON pretty-printed.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: Option<u16>,
    pub color: bool,
    pub pretty: bool,
    /// Who publishes `ClaimReview`s, and where.
    pub publisher: claimreview::Publisher,
}

/// Writes the report in `format`.
pub fn write(
    report: &Report,
    format: Format,
    layout: &Layout,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        Format::Table => write_table(report, layout.width, layout.color, out),
        Format::Markdown => write_markdown(report, out),
        Format::Json => write_json(report, layout.pretty, out),
        Format::Jsonl => csv::write_rows(report, out),
        Format::Csv => write_csv(report, out),
        Format::Html => html::write_html(report, out),
        Format::ClaimReview => claimreview::write_claimreview(report, &layout.publisher, out),
    }
}
