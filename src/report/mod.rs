//! One serialisable [`Report`]; one printer per format, each over `impl Write`.

pub mod claims;
mod csv;
pub mod diff;
pub mod escape;
mod json;
mod markdown;
pub mod rules;
pub mod shard;
pub mod speakers;
pub mod stored;
mod table;

pub use claims::write_jsonl;
pub use csv::write_csv;
pub use json::write_json;
pub use markdown::write_markdown;
pub use table::write_table;

use crate::claim::Claim;
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
