//! JSON Lines input: one article per line, read as a stream.
//!
//! Fields: `id`, `outlet`, `date`, `lang`, `url`, `text`; the names news
//! crawlers use are accepted too (news-please's `maintext`, `title`,
//! `date_publish`, `source_domain`, `language`). A line that is not an
//! article is skipped with its line number, never the whole file. Offsets of
//! claims from a JSON Lines article point into its decoded `text` (headline
//! first when a separate `title` is given, then a blank line).

use crate::corpus::{Document, Meta, Skipped};
use serde::Deserialize;
use std::io::BufRead;

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
    /// A read error ends the stream (it would repeat).
    failed: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R, name: &str) -> Reader<R> {
        Reader {
            input,
            name: name.to_string(),
            line: 0,
            buf: Vec::new(),
            failed: false,
        }
    }

    fn skipped(&self, reason: impl Into<String>) -> Option<Item> {
        Some(Err(Skipped {
            path: format!("{}:{}", self.name, self.line),
            reason: reason.into(),
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
            match self.input.read_until(b'\n', &mut self.buf) {
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
            let raw = match std::str::from_utf8(&self.buf) {
                Ok(s) => s.trim(),
                Err(_) => return self.skipped("line is not UTF-8"),
            };
            if raw.is_empty() {
                continue;
            }
            let parsed: Line = match serde_json::from_str(raw) {
                Ok(l) => l,
                Err(e) => return self.skipped(format!("not a JSON article: {e}")),
            };
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
                _ => format!("{}:{}", self.name, self.line),
            };
            let meta = Meta {
                outlet: parsed.outlet,
                date: parsed.date,
                lang: parsed.lang,
                url: parsed.url,
            };
            return Some(
                Document::from_text(&id, text, meta).map_err(|reason| Skipped {
                    path: format!("{}:{}", self.name, self.line),
                    reason,
                }),
            );
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
}
