//! JSON Lines input: one article per line, read as a stream.
//!
//! Fields: `id`, `outlet`, `date`, `lang`, `url`, `text`; the names news
//! crawlers use are accepted too (news-please's `maintext`, `title`,
//! `date_publish`, `source_domain`, `language`). A line that is not an
//! article is skipped with its line number, never the whole file. Offsets of
//! claims from a JSON Lines article point into its decoded `text` (headline
//! first when a separate `title` is given, then a blank line).
//!
//! A stream is read within bounds: a line is at most [`MAX_LINE_BYTES`] (the
//! limit for one article), and a line over it ends the stream, since what
//! follows cannot be told apart from its tail (`/dev/zero` piped in); after
//! [`MAX_BAD_LINES`] lines in a row that are not JSON articles (random
//! bytes, a binary file named `.jsonl`) the rest is not read either; an
//! article skipped for its metadata (an impossible date) does not count. Both are said
//! in one skip entry with the line number.

use crate::corpus::{Document, MAX_ARTICLE_BYTES, Meta, Skipped};
use serde::Deserialize;
use std::io::{BufRead, Read};

/// The longest line read, in bytes: the limit for one article.
pub const MAX_LINE_BYTES: u64 = MAX_ARTICLE_BYTES;

/// Lines in a row that are not articles after which a stream is not read further.
pub const MAX_BAD_LINES: usize = 1000;

/// Whether a path is read as JSON Lines.
pub fn is_jsonl(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, alias = "source", alias = "source_domain")]
    outlet: Option<String>,
    #[serde(default, alias = "date_publish", alias = "published")]
    date: Option<String>,
    #[serde(default, alias = "language")]
    lang: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "maintext", alias = "body", alias = "content")]
    text: Option<String>,
}

/// One line's outcome.
pub type Item = Result<Document, Skipped>;

/// Reads articles from a JSON Lines stream, one per line. `name` is the
/// file's name as shown in ids and skip reasons.
pub struct Reader<R> {
    input: R,
    name: String,
    line: usize,
    buf: Vec<u8>,
    /// A read error, a line over the limit or too many bad lines in a row
    /// end the stream.
    failed: bool,
    /// Lines in a row that were not articles.
    bad_run: usize,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R, name: &str) -> Reader<R> {
        Reader {
            input,
            name: name.to_string(),
            line: 0,
            buf: Vec::new(),
            failed: false,
            bad_run: 0,
        }
    }

    /// Where the line last read is, as skip entries name it (`feed.jsonl:3`).
    pub fn place(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// A line that is no article at all (not UTF-8, not JSON): counted
    /// towards abandoning the stream.
    fn garbage(&mut self, reason: impl Into<String>) -> Option<Item> {
        self.bad_run += 1;
        self.skipped(reason)
    }

    /// A line skipped, with the line's place.
    fn skipped(&mut self, reason: impl Into<String>) -> Option<Item> {
        let mut reason = reason.into();
        if self.bad_run >= MAX_BAD_LINES && !self.failed {
            self.failed = true;
            reason.push_str(&format!(
                "; {MAX_BAD_LINES} lines in a row are not articles: the rest of the input is not read (is it JSON Lines?)"
            ));
        }
        Some(Err(Skipped {
            path: self.place(),
            reason,
        }))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            match (&mut self.input)
                .take(MAX_LINE_BYTES + 1)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.line += 1;
                    self.failed = true;
                    return self.skipped(format!(
                        "cannot be read: {e}; the rest of the file is not read"
                    ));
                }
            }
            self.line += 1;
            if self.buf.len() as u64 > MAX_LINE_BYTES {
                self.failed = true;
                self.buf = Vec::new();
                return self.skipped(format!(
                    "line is longer than {MAX_LINE_BYTES} bytes, the limit for one article: the rest of the input is not read"
                ));
            }
            let raw = match std::str::from_utf8(&self.buf) {
                Ok(s) => s.trim(),
                Err(_) => return self.garbage("line is not UTF-8"),
            };
            if raw.is_empty() {
                continue;
            }
            let parsed: Line = match serde_json::from_str(raw) {
                Ok(l) => l,
                Err(e) => return self.garbage(format!("not a JSON article: {e}")),
            };
            // A JSON article, even one skipped below, ends a run of garbage.
            self.bad_run = 0;
            let body = parsed.text.unwrap_or_default();
            let text = match parsed.title.filter(|t| !t.trim().is_empty()) {
                Some(title) if !body.starts_with(title.trim()) => {
                    format!("{}\n\n{body}", title.trim())
                }
                _ => body,
            };
            if text.trim().is_empty() {
                return self.skipped("no text (fields `text` or `maintext`)");
            }
            let id = match parsed.id {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => self.place(),
            };
            let meta = Meta {
                outlet: parsed.outlet,
                date: parsed.date,
                lang: parsed.lang,
                url: parsed.url,
            };
            return match Document::from_text(&id, text, meta) {
                Ok(doc) => Some(Ok(doc)),
                Err(reason) => self.skipped(reason),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_and_skips_bad_lines_with_their_number() {
        let input = concat!(
            "{\"id\": \"a\", \"outlet\": \"X\", \"date\": \"2023-09-19\", \"lang\": \"fr\", \"text\": \"Au moins 3 morts.\"}\n",
            "not json\n",
            "\n",
            "{\"maintext\": \"At least 4 dead.\", \"title\": \"Clashes\", \"date_publish\": \"2023-09-20 10:00:00\", \"source_domain\": \"example.org\"}\n",
            "{\"id\": \"c\", \"date\": \"2023-02-30\", \"text\": \"x\"}\n",
            "{\"id\": \"d\"}\n",
        );
        let items: Vec<Item> = Reader::new(input.as_bytes(), "feed.jsonl").collect();
        assert_eq!(items.len(), 5);
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.source.as_deref()), ("a", Some("X")));
        assert!(items[1].as_ref().unwrap_err().path == "feed.jsonl:2");
        let b = items[2].as_ref().unwrap();
        assert_eq!(b.id, "feed.jsonl:4");
        assert_eq!(b.text, "Clashes\n\nAt least 4 dead.");
        assert_eq!(b.source.as_deref(), Some("example.org"));
        assert_eq!(b.date, Some(jiff::civil::date(2023, 9, 20)));
        assert!(items[3].as_ref().unwrap_err().reason.contains("2023-02-30"));
        assert_eq!(
            items[4].as_ref().unwrap_err().reason,
            "no text (fields `text` or `maintext`)"
        );
    }

    #[test]
    fn a_stream_of_lines_that_are_not_articles_is_abandoned_with_its_line() {
        let noise = "\u{1}\u{2}garbage\n".repeat(5 * MAX_BAD_LINES);
        let items: Vec<Item> = Reader::new(noise.as_bytes(), "stdin").collect();
        assert_eq!(items.len(), MAX_BAD_LINES);
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert_eq!(last.path, format!("stdin:{MAX_BAD_LINES}"));
        assert!(
            last.reason.contains("the rest of the input is not read"),
            "{last:?}"
        );
        // A good line between bad ones starts the count again.
        let good = "{\"text\": \"Au moins 3 morts.\"}\n";
        let mixed = format!(
            "{}{good}{}",
            "x\n".repeat(MAX_BAD_LINES - 1),
            "x\n".repeat(10)
        );
        let items: Vec<Item> = Reader::new(mixed.as_bytes(), "f.jsonl").collect();
        assert_eq!(items.len(), MAX_BAD_LINES + 10);
        // Articles skipped for their metadata are no garbage: all are read.
        let dated = "{\"date\": \"2023-02-30\", \"text\": \"x\"}\n".repeat(2 * MAX_BAD_LINES);
        let items: Vec<Item> = Reader::new(dated.as_bytes(), "f.jsonl").collect();
        assert_eq!(items.len(), 2 * MAX_BAD_LINES);
        assert!(
            items
                .iter()
                .all(|i| i.as_ref().unwrap_err().reason.contains("2023-02-30"))
        );
    }

    #[test]
    fn an_endless_line_ends_the_stream_within_the_limit() {
        // An endless source without a newline: read up to the limit, once.
        let zeros = std::io::BufReader::new(std::io::repeat(0).take(MAX_LINE_BYTES + 10));
        let items: Vec<Item> = Reader::new(zeros, "stdin").collect();
        assert_eq!(items.len(), 1);
        let skip = items[0].as_ref().unwrap_err();
        assert_eq!(skip.path, "stdin:1");
        assert!(skip.reason.contains("longer than"), "{skip:?}");
    }
}
