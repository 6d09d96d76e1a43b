//! The streaming pipeline: inputs are read in order and extracted batch by
//! batch in parallel (rayon), so memory holds one batch of texts, never the
//! corpus; only claims go on to the reconciler. Output order never depends on
//! the thread count.
//!
//! `reconcile` reads shards ([`crate::report::shard`]) into the same
//! [`Collector`] a run fills, so both print the same report.

use crate::claim::{Claim, Evidence};
use crate::corpus::{self, Document, Skipped};
use crate::error::{Error, Result};
use crate::reconcile::store::ClaimStore;
use crate::report::shard::{self, ShardLine};
use crate::report::{DocSummary, Report};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::io::Read;
use std::path::PathBuf;

/// Texts held in memory at once, at most (one batch).
pub const BATCH_BYTES: usize = 32 << 20;
/// Documents in one batch, at most.
pub const BATCH_DOCS: usize = 4096;

/// What the pipeline hands on, in input order.
#[derive(Debug)]
pub enum Event {
    /// A document read, with its claims and each claim's evidence in context.
    Document(DocSummary, Vec<Claim>, Vec<Evidence>),
    /// An input (or JSON line) not read, with the reason.
    Skipped(Skipped),
}

fn summary(d: &Document, claims: usize) -> DocSummary {
    DocSummary {
        doc: d.id.clone(),
        source: d.source.clone(),
        date: d.date.map(|d| d.to_string()),
        lang: d.lang.clone(),
        url: d.url.clone(),
        claims,
    }
}

/// What reading hands to extraction, in input order.
enum Item {
    Document(Document),
    Skipped(Skipped),
}

/// A batch of items and the input bytes read once it is done.
type Batch = (Vec<Item>, u64);

/// Documents extracted together ([`crate::extract::extract_many`]), at most:
/// enough for each rule to meet many sentences in a row (on 100 MB of the
/// generated corpus, chunks of 64, 256 and 1024 documents took 2 %, 8 % and
/// 20 % less time than one document at a time).
pub const CHUNK_DOCS: usize = 1024;
/// Text in one chunk, at most: a folded text with its map back takes about
/// nine times its size while its chunk is extracted.
pub const CHUNK_BYTES: usize = 4 << 20;

/// Why no rule can read a document: its language has no rules, or (not
/// given, `None` here) is none that the language packs know.
fn unreadable_language(d: &Document, lang: Option<&str>, rules: &RuleSet) -> Option<String> {
    if lang.is_some_and(|l| rules.lang(l).is_some()) {
        return None;
    }
    let known = rules.languages().join(", ");
    let fix = "add its language pack and rules under a --rules folder (see docs/LANGUAGES.md)";
    Some(match lang {
        None => format!(
            "not in a language the rules read ({known}): too few of its words are in any language pack; give `lang:` if it is one of them, or {fix}"
        ),
        Some(l) => {
            let given = if d.lang_detected { "guessed" } else { "given" };
            format!("lang {l:?} ({given}): no rules read it (rules read {known}); {fix}")
        }
    })
}

/// Extracts a batch in parallel, chunk by chunk; the events come out in
/// input order.
fn extract_batch(batch: Vec<Item>, rules: &RuleSet) -> Vec<Event> {
    let mut chunks: Vec<Vec<Item>> = vec![Vec::new()];
    let mut bytes = 0;
    for mut item in batch {
        if let Item::Document(d) = &mut item {
            // Reading guessed the language with the built-in packs; guess
            // again with the packs the rules loaded, which may add languages.
            let lang = if d.lang_detected {
                rules.packs.recognise(d.body())
            } else {
                Some(d.lang.as_str())
            };
            if let Some(reason) = unreadable_language(d, lang, rules) {
                item = Item::Skipped(Skipped {
                    path: d.path.clone(),
                    reason,
                });
            } else if let Some(lang) = lang
                && lang != d.lang
            {
                d.lang = lang.to_string();
            }
        }
        if let Item::Document(d) = &item {
            let last = chunks.last().map_or(0, Vec::len);
            if last > 0 && (last >= CHUNK_DOCS || bytes + d.text.len() > CHUNK_BYTES) {
                chunks.push(Vec::new());
                bytes = 0;
            }
            bytes += d.text.len();
        }
        chunks.last_mut().expect("one chunk at least").push(item);
    }
    // Chunks run side by side: a pattern two of them call on at once would
    // keep one waiting while the other compiles it, so a batch of several
    // compiles every pattern first, on every core (one chunk compiles the
    // few it calls on).
    if chunks.len() > 1 {
        rules.compile_patterns();
    }
    chunks
        .into_par_iter()
        .map(|chunk| {
            let docs: Vec<&Document> = chunk
                .iter()
                .filter_map(|item| match item {
                    Item::Document(d) => Some(d),
                    Item::Skipped(_) => None,
                })
                .collect();
            let mut claims = crate::extract::extract_many(&docs, rules).into_iter();
            chunk
                .into_iter()
                .map(|item| match item {
                    Item::Document(d) => {
                        let claims = claims.next().unwrap_or_default();
                        let abbreviations = rules.packs.abbreviations();
                        let evidence = crate::report::evidence::of(&d, &claims, abbreviations);
                        Event::Document(summary(&d, claims.len()), claims, evidence)
                    }
                    Item::Skipped(s) => Event::Skipped(s),
                })
                .collect::<Vec<Event>>()
        })
        .collect::<Vec<Vec<Event>>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Reads every input in order (folders and files through [`corpus::load`],
/// `.jsonl` files as a stream) and extracts their claims. `progress` is told
/// how many input bytes are done. A missing input is an error.
///
/// Three stages overlap: this thread reads batches and hands on results,
/// one thread extracts each batch on the rayon pool. At most one batch
/// waits to be extracted, so memory holds about three batches of text.
pub fn run(
    paths: &[PathBuf],
    rules: &RuleSet,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Event),
) -> Result<()> {
    run_with(paths, StdinFormat::Auto, rules, progress, sink)
}

/// What `-` (standard input) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinFormat {
    /// JSON Lines when its first character (after blanks and a byte-order
    /// mark) is `{`, else one article.
    #[default]
    Auto,
    /// One article per line, as JSON.
    Jsonl,
    /// One article (`.txt` or `.md`, front matter read).
    Article,
}

impl StdinFormat {
    /// Whether `input` is read as JSON Lines; `Auto` looks at what is buffered.
    fn is_jsonl(self, input: &mut impl std::io::BufRead) -> bool {
        match self {
            StdinFormat::Jsonl => true,
            StdinFormat::Article => false,
            StdinFormat::Auto => loop {
                let Ok(buf) = input.fill_buf() else {
                    return true;
                };
                let buf = buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buf);
                match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(i) => return buf[i] == b'{',
                    // Blank lines only so far: JSON Lines skip them.
                    None if buf.is_empty() => return true,
                    None => {
                        let n = buf.len();
                        input.consume(n);
                    }
                }
            },
        }
    }
}

/// Standard input as one article, named `stdin`.
fn read_article(input: impl std::io::Read) -> corpus::Loaded {
    let skip = |reason: String| {
        corpus::Loaded::Skipped(Skipped {
            path: "stdin".into(),
            reason,
        })
    };
    let mut bytes = Vec::new();
    let limit = corpus::MAX_ARTICLE_BYTES;
    if let Err(e) = input.take(limit + 1).read_to_end(&mut bytes) {
        return skip(format!("cannot be read: {e}"));
    }
    if bytes.len() as u64 > limit {
        return skip(format!("over the {limit} byte limit for one article"));
    }
    match corpus::document_from_bytes("stdin", "stdin", &bytes, corpus::Meta::default()) {
        Ok(doc) => corpus::Loaded::Document(Box::new(doc)),
        Err(reason) => skip(reason),
    }
}

/// [`run`], with what standard input holds.
pub fn run_with(
    paths: &[PathBuf],
    stdin_format: StdinFormat,
    rules: &RuleSet,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Event),
) -> Result<()> {
    std::thread::scope(|scope| {
        let (batches, to_extract) = std::sync::mpsc::sync_channel::<Batch>(1);
        let (results, extracted) = std::sync::mpsc::channel::<(Vec<Event>, u64)>();
        scope.spawn(move || {
            for (batch, done) in to_extract {
                if results.send((extract_batch(batch, rules), done)).is_err() {
                    break;
                }
            }
        });
        let mut hand_on = |(events, done): (Vec<Event>, u64)| {
            for e in events {
                sink(e);
            }
            progress(done);
        };
        let mut send = |batch: Batch| {
            let mut batch = batch;
            loop {
                // Hand on what is extracted while the next batch waits.
                while let Ok(r) = extracted.try_recv() {
                    hand_on(r);
                }
                match batches.try_send(batch) {
                    Ok(()) => break,
                    Err(std::sync::mpsc::TrySendError::Full(b)) => {
                        batch = b;
                        if let Ok(r) = extracted.recv() {
                            hand_on(r);
                        }
                    }
                    Err(std::sync::mpsc::TrySendError::Disconnected(_)) => break,
                }
            }
        };
        let read = read_inputs(paths, stdin_format, &mut send);
        drop(batches);
        for r in extracted.iter() {
            hand_on(r);
        }
        read
    })
}

/// Reads the inputs into batches of at most [`BATCH_BYTES`] of text or
/// [`BATCH_DOCS`] documents, handing each on.
fn read_inputs(
    paths: &[PathBuf],
    stdin_format: StdinFormat,
    send: &mut dyn FnMut(Batch),
) -> Result<()> {
    let mut batch: Vec<Item> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut done = 0u64;
    let mut loader = corpus::Loader::new();
    let mut push = |item: Item, batch: &mut Vec<Item>, send: &mut dyn FnMut(Batch)| {
        if let Item::Document(doc) = &item {
            batch_bytes += doc.text.len();
            done += doc.text.len() as u64;
        }
        batch.push(item);
        if batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
            send((std::mem::take(batch), done));
            batch_bytes = 0;
        }
        done
    };
    let mut last_done = 0u64;
    for path in paths {
        let mut each = |item: corpus::Loaded| {
            let item = match item {
                corpus::Loaded::Document(doc) => Item::Document(*doc),
                corpus::Loaded::Skipped(s) => Item::Skipped(s),
            };
            last_done = push(item, &mut batch, send);
        };
        if path.as_os_str() == "-" {
            // JSON Lines on standard input (for `rdd.pipe`, `parallel --pipe`),
            // or one article (`cat article.md | crosscheck report -`).
            let mut stdin = std::io::BufReader::with_capacity(1 << 20, std::io::stdin().lock());
            if stdin_format.is_jsonl(&mut stdin) {
                loader.load_stream(stdin, "stdin", &mut each);
            } else {
                each(read_article(stdin));
            }
        } else {
            // Folders and files stream: each article (each line of a `.jsonl`)
            // joins the batch as the walk finds it. One loader for the whole
            // run reads a file reached twice (given twice, or beside its
            // folder) once.
            loader.load_each(path, &mut each)?;
        }
    }
    if !batch.is_empty() {
        send((batch, last_done));
    }
    Ok(())
}

/// The size of the inputs in bytes, for a progress bar (folders are walked).
pub fn input_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .flat_map(|p| walkdir::WalkDir::new(p).max_depth(64).into_iter().flatten())
        .filter_map(|e| e.metadata().ok().filter(std::fs::Metadata::is_file))
        .map(|m| m.len())
        .sum()
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
            Event::Document(d, c, e) => {
                self.documents.push(d);
                for (claim, evidence) in c.into_iter().zip(e) {
                    self.claim(claim, evidence);
                }
            }
            Event::Skipped(s) => self.skipped.push(s),
        }
    }

    fn claim(&mut self, claim: Claim, evidence: Evidence) {
        if self.error.is_none()
            && let Err(e) = self.claims.push_with(claim, evidence)
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
        let names = rules
            .gazetteer
            .actors
            .iter()
            .filter_map(|a| Some((a.id.clone(), a.display.clone()?)))
            .collect();
        Ok(Report {
            names,
            documents: self.documents,
            skipped: self.skipped,
            groups,
            claims: self.claims,
        })
    }
}

/// Reads shard files (or plain claim JSON Lines) back into a collector.
pub fn read_shards(paths: &[PathBuf]) -> Result<Collector> {
    let mut out = Collector::default();
    shard::read(paths, &mut |line| match line {
        ShardLine::Document { document } => out.documents.push(document),
        ShardLine::Skipped { skipped } => out.skipped.push(skipped),
        ShardLine::Claim(c) => {
            let c = *c;
            out.claim(c.claim, c.evidence.unwrap_or_default())
        }
        // Checked and kept by the reader.
        ShardLine::End { .. } => {}
    })?;
    Ok(out)
}

/// Refuses a run that read no article at all, naming the first skip.
pub fn require_documents(paths: &[PathBuf], documents: usize, skipped: &[Skipped]) -> Result<()> {
    if documents == 0 {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut msg = format!(
            "no article (.txt, .md or .jsonl line) could be read in {}",
            shown.join(", ")
        );
        if let Some(s) = skipped.first() {
            msg.push_str(&format!(
                "; {} skipped, first: {}: {}",
                skipped.len(),
                s.path,
                s.reason
            ));
        }
        return Err(Error::Usage(msg));
    }
    Ok(())
}

/// Refuses shards that do not hold `expected` inputs (documents plus
/// skipped entries) between them: a partition whose shard was lost, or a
/// shard given twice under two names, is caught, whatever each shard's own
/// closing count says.
pub fn require_records(shards: &Collector, expected: usize) -> Result<()> {
    let (documents, skipped) = (shards.documents.len(), shards.skipped.len());
    let held = documents + skipped;
    if held == expected {
        return Ok(());
    }
    let why = if held < expected {
        "a shard is missing (a lost partition?)"
    } else {
        "a shard was given twice, or the count is wrong"
    };
    Err(Error::Usage(format!(
        "the shards hold {held} inputs ({documents} documents, {skipped} skipped) but --records says {expected}: {why}"
    )))
}
