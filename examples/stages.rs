//! Where `extract`'s time goes: each stage of the extractor timed alone,
//! cumulatively, over a JSON Lines corpus held in memory, next to the
//! `regex` crate doing grep's jobs over the same bytes.
//!
//! ```sh
//! cargo run --release --example stages -- CORPUS.jsonl [--threads N]
//! ```
//!
//! Rows (MB = 10^6 bytes of the JSONL file, as in `bench/run.sh`):
//!
//! - `regex: first trigger per line`: the job of `grep -cE`, one
//!   `regex::bytes::Regex` of bench/run.sh's trigger words (read from its
//!   `TRIGGERS=` line) searched once per line;
//! - `regex: every trigger`: the job of `grep -oE`, every match counted;
//! - `read`: the file read and decoded into documents (`jsonl::Reader`), on
//!   one thread as in `crosscheck extract`;
//! - then, on the documents in memory and in parallel (rayon, `--threads`,
//!   default all cores), each row doing all the work of the rows above it:
//!   `fold + split` (folded copy, map back, sentences), `+ figures`
//!   (each sentence's figures found and tokenized), `+ rule sets` (which
//!   rules can match each sentence), `extract` (everything:
//!   `extract::extract_many` over chunks of `pipeline::CHUNK_DOCS`
//!   documents, as the pipeline runs it) and `extract + JSON` (each claim
//!   serialised as `extract` prints it).
//!
//! Every row counts what it found (lines, triggers, sentences, figures, rule
//! hits, claims, bytes of JSON), so no stage can be optimised away. The
//! timings are wall-clock, best of `--repeat` runs (default 1); compare rows
//! of one run only, as this host's speed moves between runs.

use crosscheck::corpus::Document;
use crosscheck::rules::RuleSet;
use crosscheck::text::fold::Folded;
use rayon::prelude::*;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("stages: {e}");
        std::process::exit(2);
    }
}

struct Args {
    corpus: std::path::PathBuf,
    threads: usize,
    repeat: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut corpus = None;
    let mut threads = 0;
    let mut repeat = 1;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} wants a whole number"))
        };
        match a.as_str() {
            "--threads" => threads = number("--threads")?,
            "--repeat" => repeat = number("--repeat")?.max(1),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => corpus = Some(std::path::PathBuf::from(s)),
        }
    }
    let corpus = corpus.ok_or("usage: stages CORPUS.jsonl [--threads N] [--repeat N]")?;
    Ok(Args {
        corpus,
        threads,
        repeat,
    })
}

/// bench/run.sh's trigger words, the alternation grep is given.
fn triggers() -> Result<String, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/run.sh");
    let text = std::fs::read_to_string(script).map_err(|e| format!("{script}: {e}"))?;
    text.lines()
        .find_map(|l| l.strip_prefix("TRIGGERS='"))
        .and_then(|l| l.strip_suffix('\''))
        .map(str::to_string)
        .ok_or(format!("{script}: no TRIGGERS='…' line"))
}

/// Runs `f` `repeat` times; the fastest wall time and what it counted.
fn best(repeat: usize, mut f: impl FnMut() -> u64) -> (f64, u64) {
    let mut fastest = f64::INFINITY;
    let mut count = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        count = f();
        fastest = fastest.min(t.elapsed().as_secs_f64());
    }
    (fastest, count)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if args.threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    let path = &args.corpus;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mb = bytes.len() as f64 / 1e6;
    let rules = RuleSet::defaults().map_err(|e| e.to_string())?;
    let trigger = regex::bytes::Regex::new(&triggers()?).map_err(|e| e.to_string())?;
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let mut rows: Vec<(&str, f64, u64, &str)> = Vec::new();

    let (s, n) = best(args.repeat, || {
        lines.par_iter().filter(|l| trigger.is_match(l)).count() as u64
    });
    rows.push(("regex: first trigger per line", s, n, "lines"));
    let (s, n) = best(args.repeat, || {
        lines
            .par_iter()
            .map(|l| trigger.find_iter(l).count() as u64)
            .sum()
    });
    rows.push(("regex: every trigger", s, n, "triggers"));

    let mut docs: Vec<Document> = Vec::new();
    let (s, n) = best(args.repeat, || {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        docs = crosscheck::corpus::jsonl::Reader::new(&bytes[..], &name)
            .filter_map(Result::ok)
            .collect();
        docs.len() as u64
    });
    rows.push(("read (one thread)", s, n, "documents"));

    // The work of each parallel row on one document, and what it counts.
    let prepare = |d: &Document, upto: u8| -> u64 {
        let Some(lang) = rules.lang(&d.lang) else {
            return 0;
        };
        let mut folded = Folded::new(d.body(), d.body_start);
        let sentences = crosscheck::text::sentences::split(&mut folded, &d.text);
        if upto == 0 {
            return sentences.len() as u64;
        }
        let mut count = 0;
        for s in &sentences {
            let tokens = lang.figures.tokenize(&folded.text[s.start..s.end]);
            count += if upto == 1 {
                tokens.figure_count() as u64
            } else {
                lang.hits(&tokens).len() as u64
            };
        }
        count
    };
    for (name, upto, what) in [
        ("fold + split", 0, "sentences"),
        ("+ figures", 1, "figures"),
        ("+ rule sets", 2, "rule hits"),
    ] {
        let (s, n) = best(args.repeat, || {
            docs.par_iter().map(|d| prepare(d, upto)).sum()
        });
        rows.push((name, s, n, what));
    }
    let chunks: Vec<Vec<&Document>> = docs
        .chunks(crosscheck::pipeline::CHUNK_DOCS)
        .map(|c| c.iter().collect())
        .collect();
    let (s, n) = best(args.repeat, || {
        chunks
            .par_iter()
            .map(|c| {
                crosscheck::extract::extract_many(c, &rules)
                    .iter()
                    .map(|claims| claims.len() as u64)
                    .sum::<u64>()
            })
            .sum()
    });
    rows.push(("extract", s, n, "claims"));
    let (s, n) = best(args.repeat, || {
        chunks
            .par_iter()
            .map(|c| {
                let mut out = Vec::new();
                for claims in crosscheck::extract::extract_many(c, &rules) {
                    for claim in &claims {
                        serde_json::to_writer(&mut out, claim).expect("a claim serialises");
                        out.push(b'\n');
                    }
                }
                out.len() as u64
            })
            .sum()
    });
    rows.push(("extract + JSON", s, n, "JSON bytes"));

    println!(
        "{} ({mb:.1} MB, {} threads, best of {})",
        path.display(),
        rayon::current_num_threads(),
        args.repeat
    );
    println!("| stage | wall s | MB/s | found |");
    println!("|---|---:|---:|---:|");
    for (name, s, n, what) in rows {
        println!("| {name} | {s:.2} | {:.1} | {n} {what} |", mb / s);
    }
    Ok(())
}
