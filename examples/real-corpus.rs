//! A realistic-density benchmark corpus: real and realistic article text
//! (the seed articles, `examples/`, the varied test articles and the
//! phrasebook's sentences), repeated and varied, for `bench/run.sh`.
//!
//! ```sh
//! cargo run --release --example real-corpus -- --mb 100 --out DIR [--seed N] [--shared ../shared]
//! cargo run --release --example real-corpus -- --paragraphs-of IN.jsonl OUT.txt
//! ```
//!
//! Writes `DIR/corpus.jsonl` (one article per line: `id`, `outlet`, `date`,
//! `lang`, `url`, `text`) and `DIR/corpus.txt` (the same articles as plain
//! text, one paragraph a line: what `grep` reads as a ceiling, since a JSON
//! line holds a whole article and `grep -c` stops at its first trigger).
//! Generation stops once `corpus.jsonl` reaches `--mb` megabytes (10^6 bytes).
//!
//! Each article is, at random (splitmix64, so the output depends only on the
//! arguments and the source files): one of the seed articles (half the
//! time), one of `examples/` or `tests/corpus/varied` (a fifth and a sixth of
//! the time), or six to twelve phrasebook sentences of one language in
//! paragraphs of one to three. Varied: every figure of one to three digits
//! gets other digits (not a year, not a number after a digit group
//! separator), and the outlet and date come from the source. The seeds are
//! long wire copy with few figures, the phrasebook is almost all claims, so
//! the mix lands near the density of news copy (the claims per KB are
//! printed by `bench/run.sh`).
//!
//! `--paragraphs-of` writes the plain-text form of any JSON Lines corpus
//! (the generated one of `examples/gen-corpus.rs`).

use crosscheck::corpus::{self, Document};
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// One source article: metadata and paragraphs.
struct Source {
    outlet: Option<String>,
    date: Option<String>,
    lang: String,
    url: Option<String>,
    text: String,
}

impl Source {
    fn of(d: &Document) -> Source {
        Source {
            outlet: d.source.clone(),
            date: d.date.map(|d| d.to_string()),
            lang: d.lang.clone(),
            url: d.url.clone(),
            text: d.body().to_string(),
        }
    }
}

#[derive(serde::Deserialize)]
struct Phrasebook {
    lang: String,
    entries: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    text: String,
    #[serde(default)]
    date: Option<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: real-corpus --mb N --out DIR [--seed N] [--shared DIR]\n       real-corpus --paragraphs-of IN.jsonl OUT.txt"
    );
    std::process::exit(2)
}

fn load(paths: &[PathBuf]) -> Vec<Source> {
    let loaded = corpus::load(paths).unwrap_or_else(|e| {
        eprintln!("real-corpus: {e}");
        std::process::exit(1)
    });
    loaded.documents.iter().map(Source::of).collect()
}

/// A phrasebook sentence and its date.
type Sentence = (String, Option<String>);

/// The phrasebook's sentences by language, with their dates.
fn phrasebook(root: &Path) -> Vec<(String, Vec<Sentence>)> {
    let mut out = Vec::new();
    for name in ["en", "fr"] {
        let path = root.join(format!("tests/corpus/phrasebook/{name}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("real-corpus: {}: {e}", path.display());
            std::process::exit(1)
        });
        let book: Phrasebook = serde_saphyr::from_str(&text).unwrap_or_else(|e| {
            eprintln!("real-corpus: {}: {e}", path.display());
            std::process::exit(1)
        });
        let sentences = book.entries.into_iter().map(|e| (e.text, e.date)).collect();
        out.push((book.lang, sentences));
    }
    out
}

/// Month names (French and English, lower case, prefixes enough).
const MONTHS: &[&str] = &[
    "janv", "févr", "mars", "avril", "mai ", "juin", "juil", "août", "sept", "octo", "nove",
    "déce", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `text` with every figure of one to three digits given other digits of
/// the same length: no leading zero, any digits after a digit and a group
/// separator (the `000` of `2 000`), a day of the month (next to a month's
/// name) from 1 to 28. Longer runs (years, `120000`) are kept.
fn vary(text: &str, rng: &mut Rng) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            let next = bytes[i..]
                .iter()
                .position(u8::is_ascii_digit)
                .map_or(bytes.len(), |p| i + p);
            out.push_str(&text[i..next]);
            i = next;
            continue;
        }
        let end = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |p| i + p);
        let run = &text[i..end];
        let before = &text[..i];
        let after_group = [" ", ",", ".", "\u{a0}", "\u{202f}"].iter().any(|sep| {
            before
                .strip_suffix(sep)
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
        });
        let near = |s: &str| {
            let s = s.trim().to_lowercase();
            MONTHS.iter().any(|m| s.starts_with(m.trim_end()))
        };
        let next_word: String = text[end..].chars().take(6).collect();
        let prev_word = before
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        if run.len() > 3 {
            out.push_str(run);
        } else if run.len() <= 2 && !after_group && (near(&next_word) || near(&prev_word)) {
            out.push_str(&(1 + rng.below(28)).to_string());
        } else {
            for k in 0..run.len() {
                let d = if k == 0 && !after_group {
                    1 + rng.below(9)
                } else {
                    rng.below(10)
                };
                out.push(char::from(b'0' + d as u8));
            }
        }
        i = end;
    }
    out
}

fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
}

fn paragraphs_of(input: &Path, output: &Path) -> std::io::Result<()> {
    let reader = std::io::BufReader::new(std::fs::File::open(input)?);
    let mut out = BufWriter::new(std::fs::File::create(output)?);
    for line in reader.lines() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(text) = v["text"].as_str() {
            for p in paragraphs(text) {
                writeln!(out, "{p}")?;
            }
        }
    }
    out.flush()
}

fn main() -> std::io::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (mut mb, mut out_dir, mut seed) = (None::<f64>, None::<PathBuf>, 1u64);
    let mut shared = root.join("../shared");
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => mb = it.next().and_then(|v| v.parse().ok()),
            "--out" => out_dir = it.next().map(PathBuf::from),
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--shared" => shared = it.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--paragraphs-of" => {
                let (Some(i), Some(o)) = (it.next(), it.next()) else {
                    usage()
                };
                return paragraphs_of(Path::new(&i), Path::new(&o));
            }
            _ => usage(),
        }
    }
    let (Some(mb), Some(out_dir)) = (mb, out_dir) else {
        usage()
    };
    let seeds = load(&[shared.join("corpus/seeds")]);
    let examples = load(&[root.join("examples/karabakh")]);
    let varied = load(&[root.join("tests/corpus/varied")]);
    let book = phrasebook(&root);
    if seeds.is_empty() || examples.is_empty() || varied.is_empty() {
        eprintln!("real-corpus: a source folder read no article");
        std::process::exit(1);
    }
    std::fs::create_dir_all(&out_dir)?;
    let mut jsonl = BufWriter::new(std::fs::File::create(out_dir.join("corpus.jsonl"))?);
    let mut txt = BufWriter::new(std::fs::File::create(out_dir.join("corpus.txt"))?);
    let target = (mb * 1e6) as u64;
    let mut rng = Rng(seed);
    let (mut written, mut articles) = (0u64, 0u64);
    let mut from = [0u64; 4];
    while written < target {
        let pick = rng.below(60);
        let (source, kind) = if pick < 30 {
            (Some(&seeds[rng.below(seeds.len())]), 0)
        } else if pick < 42 {
            (Some(&examples[rng.below(examples.len())]), 1)
        } else if pick < 52 {
            (Some(&varied[rng.below(varied.len())]), 2)
        } else {
            (None, 3)
        };
        from[kind] += 1;
        let article = match source {
            Some(s) => Source {
                outlet: s.outlet.clone(),
                date: s.date.clone(),
                lang: s.lang.clone(),
                url: s.url.clone(),
                text: vary(&s.text, &mut rng),
            },
            None => {
                let (lang, sentences) = &book[rng.below(book.len())];
                let n = 6 + rng.below(7);
                let mut text = String::new();
                let mut date = None;
                let mut left_in_paragraph = 0;
                for k in 0..n {
                    let (sentence, d) = &sentences[rng.below(sentences.len())];
                    if date.is_none() {
                        date.clone_from(d);
                    }
                    if left_in_paragraph == 0 {
                        if k > 0 {
                            text.push_str("\n\n");
                        }
                        left_in_paragraph = 1 + rng.below(3);
                    } else {
                        text.push(' ');
                    }
                    left_in_paragraph -= 1;
                    text.push_str(&vary(sentence, &mut rng));
                }
                Source {
                    outlet: Some("Phrasebook Wire".into()),
                    date,
                    lang: lang.clone(),
                    url: None,
                    text,
                }
            }
        };
        articles += 1;
        let line = serde_json::json!({
            "id": format!("r{articles}"),
            "outlet": article.outlet,
            "date": article.date,
            "lang": article.lang,
            "url": article.url,
            "text": article.text,
        });
        let line = serde_json::to_string(&line).expect("a JSON value serialises");
        writeln!(jsonl, "{line}")?;
        written += line.len() as u64 + 1;
        for p in paragraphs(&article.text) {
            writeln!(txt, "{p}")?;
        }
    }
    jsonl.flush()?;
    txt.flush()?;
    eprintln!(
        "real-corpus: {articles} articles, {written} bytes of JSON Lines ({} seed articles, {} from examples/, {} varied, {} of phrasebook sentences)",
        from[0], from[1], from[2], from[3]
    );
    Ok(())
}
