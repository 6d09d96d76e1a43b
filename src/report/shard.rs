//! The shard format `extract --format shard` writes and `reconcile` reads:
//! one claim per line, plus `{"document": …}` and `{"skipped": …}` lines, so
//! that shards extracted on many machines rebuild the report a single run
//! would print. A shard ends with `{"end": {"documents": …, "skipped": …,
//! "claims": …}}`: a shard cut short (a machine that died, a copy stopped at
//! a line boundary) lacks it or disagrees with it, and is refused.
//!
//! Reading is as wary as reading articles: only regular files (a pipe or a
//! device is refused before it is opened), a file reached twice (given
//! twice, or through a link) read once, lines at most
//! [`crate::corpus::jsonl::MAX_LINE_BYTES`], and every claim checked (its
//! interval, its span, its figure, its dates) before it is believed.

use super::DocSummary;
use crate::claim::{Claim, Evidence, Value};
use crate::corpus::jsonl::MAX_LINE_BYTES;
use crate::corpus::{FileKey, Skipped, file_key, open_regular, parse_date};
use crate::error::{Error, Result};
use crate::quantity::MAX_FIGURE;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::PathBuf;

/// One line of the shard format.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ShardLine {
    Document { document: DocSummary },
    Skipped { skipped: Skipped },
    End { end: ShardEnd },
    Claim(Box<ShardClaim>),
}

/// A claim line of a shard: the claim, and its evidence in context (line,
/// column, paragraph) so that `reconcile` prints what `report` prints.
/// Claim lines without it (plain `extract` output) are read too.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ShardClaim {
    #[serde(flatten)]
    pub claim: Claim,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// The closing line of a shard: how many lines of each kind it holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardEnd {
    pub documents: usize,
    pub skipped: usize,
    pub claims: usize,
}

impl ShardEnd {
    /// Counts a line.
    pub fn count(&mut self, line: &ShardLine) {
        match line {
            ShardLine::Document { .. } => self.documents += 1,
            ShardLine::Skipped { .. } => self.skipped += 1,
            ShardLine::Claim(_) => self.claims += 1,
            ShardLine::End { .. } => {}
        }
    }
}

const HOW: &str = "write shards with `crosscheck extract --format shard`";

/// Reads shard files line by line, handing each document, skipped input
/// and claim on; anything else is an error at `file:line`. A file reached a
/// second time is handed on as a skipped input, not read again.
pub fn read(paths: &[PathBuf], sink: &mut dyn FnMut(ShardLine)) -> Result<()> {
    let mut seen: HashMap<FileKey, String> = HashMap::new();
    for path in paths {
        let shown = path.display().to_string();
        let refuse = |message: String| Error::Input {
            path: shown.clone(),
            message,
        };
        let (file, meta) = open_regular(path).map_err(refuse)?;
        if let Some(key) = file_key(&meta, path) {
            if let Some(first) = seen.get(&key) {
                sink(ShardLine::Skipped {
                    skipped: Skipped {
                        path: shown.clone(),
                        reason: format!("shard already read as {first}"),
                    },
                });
                continue;
            }
            seen.insert(key, shown.clone());
        }
        read_one(
            &shown,
            std::io::BufReader::with_capacity(1 << 20, file),
            sink,
        )?;
    }
    Ok(())
}

/// Reads one shard; `shown` names it in errors.
fn read_one(shown: &str, mut input: impl BufRead, sink: &mut dyn FnMut(ShardLine)) -> Result<()> {
    let mut counted = ShardEnd::default();
    let mut ended: Option<usize> = None;
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        buf.clear();
        let at = |n: usize| format!("{shown}:{n}");
        let read = (&mut input)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::Input {
                path: at(number + 1),
                message: format!("cannot read: {e}"),
            })?;
        if read == 0 {
            break;
        }
        number += 1;
        let bad = |message: String| Error::Input {
            path: at(number),
            message,
        };
        if buf.len() as u64 > MAX_LINE_BYTES {
            return Err(bad(format!(
                "line longer than {MAX_LINE_BYTES} bytes: not a shard line"
            )));
        }
        let line = std::str::from_utf8(&buf).map_err(|_| bad("line is not UTF-8".into()))?;
        if line.trim().is_empty() {
            continue;
        }
        if let Some(end) = ended {
            return Err(bad(format!(
                "a line after the shard's closing line (line {end}): two shards joined? give each file on its own"
            )));
        }
        let parsed: ShardLine = serde_json::from_str(line).map_err(|e| {
            bad(format!(
                "not a shard line (a claim, a document, a skipped input or the closing count): {e}; {HOW}"
            ))
        })?;
        if let ShardLine::End { end } = &parsed {
            if *end != counted {
                return Err(bad(format!(
                    "the closing line counts {} documents, {} skipped and {} claims, but the shard holds {}, {} and {}: it was changed or cut; {HOW}",
                    end.documents,
                    end.skipped,
                    end.claims,
                    counted.documents,
                    counted.skipped,
                    counted.claims
                )));
            }
            ended = Some(number);
            continue;
        }
        check(&parsed).map_err(|message| bad(format!("{message}; {HOW}")))?;
        counted.count(&parsed);
        sink(parsed);
    }
    if ended.is_none() {
        return Err(Error::Input {
            path: format!("{shown}:{}", number + 1),
            message: format!(
                "the shard ends without its closing line ({{\"end\": …}}): it was cut short, or is not a shard (plain claims are not enough: documents and skipped inputs are needed too); {HOW}"
            ),
        });
    }
    Ok(())
}

/// Whether a shard line can be believed: an interval in order, figures a
/// count can be, a span in order, dates on the calendar.
fn check(line: &ShardLine) -> std::result::Result<(), String> {
    let date = |d: &Option<String>| match d {
        Some(d) => parse_date(d).map(|_| ()),
        None => Ok(()),
    };
    match line {
        ShardLine::Document { document } => date(&document.date),
        ShardLine::Skipped { .. } | ShardLine::End { .. } => Ok(()),
        ShardLine::Claim(shard) => {
            let c = &shard.claim;
            if let Some(e) = &shard.evidence
                && !e.known()
            {
                return Err(
                    "claim's evidence has no line, or ranges outside its paragraph".to_string(),
                );
            }
            let figure = |name: &str, v: Option<f64>| match v {
                Some(v) if !(v.is_finite() && v.abs() <= MAX_FIGURE) => Err(format!(
                    "claim's {name} {v} is not a figure crosscheck reads (at most {MAX_FIGURE})"
                )),
                _ => Ok(()),
            };
            if let Value::Number(v) = c.value {
                figure("value", Some(v))?;
            }
            figure("low", c.low)?;
            figure("high", c.high)?;
            if let (Some(low), Some(high)) = (c.low, c.high)
                && low > high
            {
                return Err(format!("claim's low {low} is above its high {high}"));
            }
            if c.start > c.end {
                return Err(format!(
                    "claim's start {} is after its end {}",
                    c.start, c.end
                ));
            }
            date(&c.date)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<ShardEnd> {
        let mut counted = ShardEnd::default();
        read_one("s.jsonl", text.as_bytes(), &mut |l| counted.count(&l))?;
        Ok(counted)
    }

    #[test]
    fn a_shard_needs_its_closing_line_and_its_counts() {
        let doc = r#"{"document": {"doc": "a", "source": null, "date": "2023-09-19", "lang": "fr", "claims": 0}}"#;
        let end = r#"{"end": {"documents": 1, "skipped": 0, "claims": 0}}"#;
        assert_eq!(read_str(&format!("{doc}\n{end}\n")).unwrap().documents, 1);
        let cut = read_str(&format!("{doc}\n")).unwrap_err().to_string();
        assert!(
            cut.contains("s.jsonl:2") && cut.contains("cut short"),
            "{cut}"
        );
        let two = format!("{doc}\n{end}\n{doc}\n{end}\n");
        assert!(
            read_str(&two)
                .unwrap_err()
                .to_string()
                .contains("s.jsonl:3")
        );
        let wrong = r#"{"end": {"documents": 2, "skipped": 0, "claims": 0}}"#;
        let changed = read_str(&format!("{doc}\n{wrong}\n"))
            .unwrap_err()
            .to_string();
        assert!(
            changed.contains("s.jsonl:2") && changed.contains("holds 1"),
            "{changed}"
        );
        let bad_date = doc.replace("2023-09-19", "2023-02-30");
        assert!(
            read_str(&format!("{bad_date}\n{end}\n"))
                .unwrap_err()
                .to_string()
                .contains("s.jsonl:1")
        );
    }
}
