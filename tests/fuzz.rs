//! Fuzzing every kind of input crosscheck reads: article files, JSON Lines,
//! rule files, shards and `--expect` reports, each built by mutating real
//! inputs of ours (flipped, cut, spliced, duplicated bytes; hostile pieces
//! such as escapes, YAML anchors, `1e308`, NUL) and fed to the library.
//! Nothing may panic; a refusal must say where (the file's name), and an
//! article's claims must point inside its file.
//!
//! `cargo test` runs a few dozen cases of each. A long run, for anyone, in
//! any build (no nightly toolchain needed):
//!
//! ```text
//! CROSSCHECK_FUZZ_SECS=600 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! shares the seconds between the five kinds and prints, for each, the
//! cases run and the failures (proptest shrinks a failure to a small input
//! and prints it).

mod support;

use crosscheck::corpus::{self, Loaded, Loader, Meta};
use crosscheck::pipeline::{self, Collector};
use crosscheck::report::{Report, diff, shard, write_json};
use crosscheck::rules::{RuleSet, Source};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::defaults().expect("default rules load"));

/// Pieces that have broken parsers before, spliced in at random.
const HOSTILE: &[&str] = &[
    "\u{1b}]0;title\u{7}",
    "\u{0}",
    "\n",
    "\r\n",
    "---\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "&a [1]",
    "*a",
    "1e308",
    "-1",
    "NaN",
    "99999999999999999999",
    "\"\"",
    "é",
    "« ",
    " »",
    "\u{feff}",
    "\u{202e}",
    ": ",
    "- ",
    "{quantity}",
    "(?:",
    "au moins 12 morts, ",
];

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Splice(usize, usize),
    Truncate(usize),
    Repeat(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        (at, 0..64usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (at, proptest::collection::vec(any::<u8>(), 0..6)).prop_map(|(a, b)| Edit::Insert(a, b)),
        (at, 0..HOSTILE.len()).prop_map(|(a, k)| Edit::Splice(a, k)),
        at.prop_map(Edit::Truncate),
        (at, 1..4usize).prop_map(|(a, n)| Edit::Repeat(a, n)),
    ]
}

/// `base` with `edits` applied (positions taken modulo its length).
fn mutate(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = base.to_vec();
    for e in edits {
        let len = out.len();
        let pos = |a: usize| if len == 0 { 0 } else { a % (len + 1) };
        match e {
            Edit::Flip(a, b) if len > 0 => out[a % len] ^= b,
            Edit::Flip(..) => {}
            Edit::Delete(a, n) => {
                let start = pos(*a);
                let end = (start + n).min(len);
                out.drain(start..end);
            }
            Edit::Insert(a, bytes) => {
                let at = pos(*a);
                out.splice(at..at, bytes.iter().copied());
            }
            Edit::Splice(a, k) => {
                let at = pos(*a);
                out.splice(at..at, HOSTILE[*k].bytes());
            }
            Edit::Truncate(a) => out.truncate(pos(*a)),
            Edit::Repeat(a, n) => {
                // A line repeated: duplicate keys, documents, claims.
                let at = pos(*a);
                let start = out[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = out[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |i| at + i + 1);
                let line = out[start..end].to_vec();
                for _ in 0..*n {
                    out.splice(end..end, line.iter().copied());
                }
            }
        }
    }
    out
}

/// A base input and the edits made to it.
fn mutated(bases: &'static [Vec<u8>]) -> impl Strategy<Value = Vec<u8>> {
    (0..bases.len(), proptest::collection::vec(edit(), 0..8))
        .prop_map(move |(k, edits)| mutate(&bases[k], &edits))
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Our own articles: the demo corpus and the varied test corpus.
static ARTICLES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let root = support::root();
    let mut out = Vec::new();
    for dir in ["examples/karabakh", "tests/corpus/varied"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| read(p)));
    }
    out
});

/// JSON Lines made from our articles, a few lines a file.
static FEEDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    ARTICLES
        .chunks(3)
        .map(|chunk| {
            let mut feed = Vec::new();
            for (i, a) in chunk.iter().enumerate() {
                let line = serde_json::json!({
                    "id": format!("n{i}"),
                    "outlet": "Wire",
                    "date": "2023-09-20",
                    "text": String::from_utf8_lossy(a),
                });
                feed.extend(line.to_string().bytes());
                feed.push(b'\n');
            }
            feed
        })
        .collect()
});

/// The default rule files that are not language packs.
static RULE_FILES: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    crosscheck::rules::default_sources()
        .into_iter()
        .filter(|s| !s.path.contains("/lang/"))
        .map(|s| (s.path, s.text.into_bytes()))
        .collect()
});
static RULE_TEXTS: LazyLock<Vec<Vec<u8>>> =
    LazyLock::new(|| RULE_FILES.iter().map(|(_, t)| t.clone()).collect());

/// The demo corpus's report, as the library builds it.
static REPORT: LazyLock<Report> = LazyLock::new(|| {
    let mut collector = Collector::default();
    let paths = [support::root().join("examples/karabakh")];
    pipeline::run(&paths, &RULES, &mut |_| {}, &mut |e| collector.take(e)).unwrap();
    collector.into_report(&RULES).unwrap()
});

/// The demo corpus as a shard, and its report as JSON.
static SHARDS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let out = support::run_ok(&["extract", "--format", "shard", "examples/karabakh"], 0);
    vec![out.into_bytes()]
});
static REPORTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut out = Vec::new();
    write_json(&REPORT, true, &mut out).unwrap();
    vec![out]
});

fn article(bytes: Vec<u8>) {
    if let Ok(doc) = corpus::document_from_bytes("a.md", "a.md", &bytes, Meta::default()) {
        for c in crosscheck::extract::extract(&doc, &RULES) {
            assert!(c.start <= c.end && c.end <= bytes.len(), "{c:?}");
        }
    }
}

fn feed(bytes: Vec<u8>) {
    let mut loader = Loader::new();
    loader.load_stream(&bytes[..], "feed.jsonl", &mut |item| match item {
        Loaded::Document(doc) => {
            let _ = crosscheck::extract::extract(&doc, &RULES);
        }
        Loaded::Skipped(s) => assert!(s.path.starts_with("feed.jsonl:"), "{s:?}"),
    });
}

fn rule_file(bytes: Vec<u8>) {
    // The mutated file in a user's folder, over the language packs and the
    // other default files minus the one it replaces.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let replaced = RULE_TEXTS
        .iter()
        .position(|t| bytes.starts_with(&t[..t.len().min(64)]));
    let mut sources: Vec<Source> = crosscheck::rules::default_sources()
        .into_iter()
        .filter(|s| replaced.is_none_or(|k| s.path != RULE_FILES[k].0))
        .collect();
    let name = replaced.map_or("rules/fr/x.yaml".to_string(), |k| RULE_FILES[k].0.clone());
    let user = format!("user/{}", name.trim_start_matches("rules/"));
    sources.push(Source {
        path: user.clone(),
        text,
    });
    if let Err(e) = RuleSet::from_sources(&sources) {
        let said = e.to_string();
        assert!(
            said.contains("user/") || said.contains("rules/"),
            "no place: {said}"
        );
    }
}

fn shard_file(bytes: Vec<u8>) {
    let dir = support::temp_dir("fuzz-shard");
    let path = dir.join("s.jsonl");
    std::fs::write(&path, &bytes).unwrap();
    if let Err(e) = shard::read(&[path], &mut |_| {}) {
        assert!(e.to_string().contains("s.jsonl"), "no place: {e}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn expected_report(bytes: Vec<u8>) {
    let dir = support::temp_dir("fuzz-expect");
    let path = dir.join("expected.json");
    std::fs::write(&path, &bytes).unwrap();
    let _ = diff::expect(&REPORT, &path, false, &[]);
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs `check` on inputs from `strategy`: `cases` of them in a normal
/// run, or for `secs` seconds when a long run is asked for. Returns the
/// cases run.
fn fuzz<S: Strategy>(name: &str, cases: u32, strategy: S, check: fn(S::Value)) -> u64
where
    S::Value: std::fmt::Debug,
{
    let long = std::env::var("CROSSCHECK_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok());
    let deadline = long.map(|s| Instant::now() + Duration::from_secs(s / 5));
    let started = Instant::now();
    let mut run = 0u64;
    loop {
        let chunk = if deadline.is_some() { 64 } else { cases };
        let mut runner = TestRunner::new(Config {
            cases: chunk,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy, |v| {
            check(v);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
        run += u64::from(chunk);
        if deadline.is_none_or(|d| Instant::now() >= d) {
            break;
        }
    }
    if long.is_some() {
        eprintln!(
            "fuzz {name}: {run} cases in {:.0} s, 0 failures",
            started.elapsed().as_secs_f64()
        );
    }
    run
}

#[test]
fn fuzz_article_files() {
    fuzz("article files", 48, mutated(&ARTICLES), article);
}

#[test]
fn fuzz_json_lines() {
    fuzz("JSON Lines", 32, mutated(&FEEDS), feed);
}

#[test]
fn fuzz_rule_files() {
    fuzz("rule files", 12, mutated(&RULE_TEXTS), rule_file);
}

#[test]
fn fuzz_shards() {
    fuzz("shards", 32, mutated(&SHARDS), shard_file);
}

#[test]
fn fuzz_expect_reports() {
    fuzz("--expect reports", 24, mutated(&REPORTS), expected_report);
}
