//! The streaming pipeline: inputs are read in order and extracted batch by
//! batch in parallel (rayon), so memory holds one batch of texts, never the
//! corpus; only claims go on to the reconciler. Output order never depends on
//! the thread count.
//!
//! `extract --format shard` writes the shard format: one claim per line, plus
//! `{"document": …}` and `{"skipped": …}` lines, so that `reconcile` can
//! rebuild, from shards extracted on many machines, the report a single run
//! would print.

use crate::claim::Claim;
use crate::corpus::{self, Document, Skipped};
use crate::error::{Error, Result};
use crate::jsonl;
use crate::report::{DocSummary, Report};
use crate::rules::RuleSet;
use crate::store::ClaimStore;
use rayon::prelude::*;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Texts held in memory at once, at most (one batch).
pub const BATCH_BYTES: usize = 32 << 20;
/// Documents in one batch, at most.
pub const BATCH_DOCS: usize = 4096;

/// What the pipeline hands on, in input order.
#[derive(Debug)]
pub enum Event {
    /// A document read, with its claims.
    Document(DocSummary, Vec<Claim>),
    /// An input (or JSON line) not read, with the reason.
    Skipped(Skipped),
}

fn summary(d: &Document, claims: usize) -> DocSummary {
    DocSummary {
        doc: d.id.clone(),
        source: d.source.clone(),
        date: d.date.map(|d| d.to_string()),
        lang: d.lang.clone(),
        claims,
    }
}

/// Extracts a batch in parallel and hands on the results in order.
fn flush(batch: &mut Vec<Document>, rules: &RuleSet, sink: &mut dyn FnMut(Event)) {
    let results: Vec<(DocSummary, Vec<Claim>)> = batch
        .par_iter()
        .map(|d| {
            let claims = crate::extract::extract(d, rules);
            (summary(d, claims.len()), claims)
        })
        .collect();
    batch.clear();
    for (s, c) in results {
        sink(Event::Document(s, c));
    }
}

/// Reads every input in order (folders and files through [`corpus::load`],
/// `.jsonl` files as a stream) and extracts their claims. `progress` is told
/// how many input bytes are done. A missing input is an error.
pub fn run(
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Event),
) -> Result<()> {
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut done = 0u64;
    let mut loader = corpus::Loader::new();
    for path in paths {
        // `-` is JSON Lines on standard input (for `rdd.pipe`, `parallel --pipe`).
        let stdin = path.as_os_str() == "-";
        if stdin || jsonl::is_jsonl(path) {
            let shown = path.display().to_string();
            let (input, name): (Box<dyn std::io::Read>, String) = if stdin {
                (Box::new(std::io::stdin().lock()), "stdin".to_string())
            } else {
                let file = std::fs::File::open(path).map_err(|e| Error::Input {
                    path: shown.clone(),
                    message: format!("cannot read: {e}"),
                })?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or(shown);
                (Box::new(file), name)
            };
            let reader = std::io::BufReader::with_capacity(1 << 20, input);
            for item in jsonl::Reader::new(reader, &name) {
                match item {
                    Ok(doc) => {
                        batch_bytes += doc.text.len();
                        done += doc.text.len() as u64;
                        batch.push(doc);
                        if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                            flush(&mut batch, rules, sink);
                            batch_bytes = 0;
                            progress(done);
                        }
                    }
                    Err(s) => {
                        flush(&mut batch, rules, sink);
                        batch_bytes = 0;
                        sink(Event::Skipped(s));
                    }
                }
            }
        } else {
            // Folders stream too: each article joins the batch as the walk
            // finds it. One loader for the whole run reads a file reached
            // twice (given twice, or beside its folder) once.
            loader.load_each(path, &mut |item| match item {
                corpus::Loaded::Document(doc) => {
                    batch_bytes += doc.text.len();
                    done += doc.text.len() as u64;
                    batch.push(*doc);
                    if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                        flush(&mut batch, rules, sink);
                        batch_bytes = 0;
                        progress(done);
                    }
                }
                corpus::Loaded::Skipped(s) => sink(Event::Skipped(s)),
            })?;
        }
    }
    flush(&mut batch, rules, sink);
    progress(done);
    Ok(())
}

/// The size of the inputs in bytes, for a progress bar (folders are walked).
pub fn input_bytes(paths: &[PathBuf]) -> u64 {
    fn size(p: &Path, depth: usize) -> u64 {
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_file() => m.len(),
            Ok(m) if m.is_dir() && depth < 64 => std::fs::read_dir(p)
                .map(|rd| rd.flatten().map(|e| size(&e.path(), depth + 1)).sum())
                .unwrap_or(0),
            _ => 0,
        }
    }
    paths.iter().map(|p| size(p, 0)).sum()
}

/// Collects what the pipeline hands on into a report.
#[derive(Debug, Default)]
pub struct Collector {
    pub documents: Vec<DocSummary>,
    pub skipped: Vec<Skipped>,
    pub claims: ClaimStore,
    /// The first claim that could not be stored (a full temporary folder).
    error: Option<std::io::Error>,
}

impl Collector {
    /// Takes one event.
    pub fn take(&mut self, event: Event) {
        match event {
            Event::Document(d, c) => {
                self.documents.push(d);
                for claim in c {
                    self.claim(claim);
                }
            }
            Event::Skipped(s) => self.skipped.push(s),
        }
    }

    fn claim(&mut self, claim: Claim) {
        if self.error.is_none()
            && let Err(e) = self.claims.push(claim)
        {
            self.error = Some(e);
        }
    }

    /// Reconciles the claims into the report. Documents and skipped inputs are
    /// sorted, so a report rebuilt from shards is byte-identical to a single run.
    pub fn into_report(mut self, rules: &RuleSet) -> Result<Report> {
        if let Some(e) = self.error.take() {
            return Err(Error::Io(e));
        }
        self.documents.sort_by(|a, b| a.doc.cmp(&b.doc));
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        let groups = crate::reconcile::reconcile(&mut self.claims, rules)?;
        Ok(Report {
            documents: self.documents,
            skipped: self.skipped,
            groups,
            claims: self.claims,
        })
    }
}

/// One line of the shard format.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ShardLine {
    Document { document: DocSummary },
    Skipped { skipped: Skipped },
    Claim(Box<Claim>),
}

/// Reads shard files (or plain claim JSON Lines) back into a collector.
pub fn read_shards(paths: &[PathBuf]) -> Result<Collector> {
    let mut out = Collector::default();
    let result = read_into(paths, &mut out);
    result.map(|()| out)
}

fn read_into(paths: &[PathBuf], out: &mut Collector) -> Result<()> {
    for path in paths {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::Input {
            path: shown.clone(),
            message: format!("cannot read: {e}"),
        })?;
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::Input {
                path: format!("{shown}:{}", i + 1),
                message: format!("cannot read: {e}"),
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: ShardLine = serde_json::from_str(&line).map_err(|e| Error::Input {
                path: format!("{shown}:{}", i + 1),
                message: format!(
                    "not a shard line (a claim, a document or a skipped input): {e}; write shards with `crosscheck extract --format shard`"
                ),
            })?;
            match parsed {
                ShardLine::Document { document } => out.documents.push(document),
                ShardLine::Skipped { skipped } => out.skipped.push(skipped),
                ShardLine::Claim(c) => out.claim(*c),
            }
        }
    }
    Ok(())
}
