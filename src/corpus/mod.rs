//! Files and folders to documents. Every path given ends up either as a
//! [`Document`] or as a [`Skipped`] entry with a reason a person understands.
//!
//! - Folders are walked recursively in sorted order; `.txt` and `.md` files are
//!   articles, and each line of a `.jsonl` (or `.ndjson`) file is one.
//! - Metadata (`outlet`, `date`, `lang`, `url`) comes from YAML front matter between
//!   `---` lines, or from a `corpus.yaml` manifest in the folder; front matter wins.
//! - Text is UTF-8 (a BOM is allowed), UTF-16 with a BOM, or Windows-1252; anything
//!   else is skipped. Offsets always point into the original file bytes.
//!
//! Hostile folders (what a crawler leaves on disk) are read without blocking,
//! looping or reading a file twice:
//!
//! - only regular files are opened: named pipes, sockets and devices are
//!   skipped by their type before any `open`, and the type is checked again on
//!   the open handle (opened non-blocking on Linux), so a pipe swapped in
//!   meanwhile cannot block the run;
//! - symbolic links to folders are not followed, broken links and link loops
//!   are skipped, a folder reached twice (given twice, or through a bind
//!   mount) is read once, and folders nest at most [`MAX_FOLDER_DEPTH`] deep;
//! - a file reached twice (given twice, given directly and through its folder,
//!   a hard or symbolic link to a file already read) is read once: the second
//!   path is skipped "already read as …";
//! - two different files with the same id (`a.md` in two folder arguments)
//!   both are read, the second under its path as given;
//! - reads are bounded by [`MAX_ARTICLE_BYTES`], even for a file that grows
//!   while it is read; a manifest by [`crate::yaml::MAX_YAML_BYTES`].

pub mod jsonl;
mod meta;
mod read;
mod walk;

use meta::front_matter;
pub use meta::parse_date;
pub use read::{document_from_bytes, file_kind, open_nonblocking, open_regular, read_bounded};
pub use walk::{FileKey, Loader, file_key, load};

use crate::error::{Error, Result};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Name of the per-folder metadata manifest.
pub const MANIFEST: &str = "corpus.yaml";

/// Articles larger than this are skipped rather than read.
pub const MAX_ARTICLE_BYTES: u64 = 256 << 20;

/// Folders nested deeper than this below a folder argument are skipped.
pub const MAX_FOLDER_DEPTH: usize = 128;

/// One article, decoded, with its metadata.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the folder argument it was found under (a file argument: its name).
    /// Unique within one load: a second file with the same id gets its path as given.
    pub id: String,
    /// The path as given on the command line, joined with the relative path.
    pub path: String,
    pub source: Option<String>,
    pub date: Option<Date>,
    pub lang: String,
    /// True when `lang` was guessed from the text rather than given.
    pub lang_detected: bool,
    pub url: Option<String>,
    /// The decoded text of the whole file, front matter included.
    pub text: String,
    /// Where the body starts in `text` (after the front matter).
    pub body_start: usize,
    /// How the file was decoded.
    pub encoding: &'static str,
    /// How offsets of `text` map back to the original bytes.
    origin: Origin,
    /// Length of the original file in bytes.
    file_len: usize,
}

/// How offsets of the decoded text map back to the original file's bytes.
#[derive(Debug, Clone)]
enum Origin {
    /// UTF-8: the same bytes, shifted (by 3 after a byte-order mark).
    Shifted(usize),
    /// Re-encoded text (Windows-1252: one byte per character; UTF-16: two
    /// bytes per code unit). `marks[k]` is the original offset of the
    /// character holding text byte `k * STRIDE`; offsets in between are counted
    /// from there. Eight bytes per `STRIDE` bytes of text, not four per byte.
    Recoded { utf16: bool, marks: Vec<u64> },
}

/// Text bytes between two marks of [`Origin::Recoded`].
const STRIDE: usize = 256;

/// Bytes a character took in a re-encoded file.
fn encoded_width(c: char, utf16: bool) -> usize {
    if utf16 { c.len_utf16() * 2 } else { 1 }
}

impl Document {
    /// Builds a document from text that is already decoded (tests, JSON Lines input).
    pub fn from_text(id: &str, text: String, meta: Meta) -> std::result::Result<Document, String> {
        let file_len = text.len();
        let mut doc = Document::decoded(id, id, text, "utf-8", Origin::Shifted(0), file_len);
        doc.apply_metadata(meta)?;
        Ok(doc)
    }

    fn decoded(
        id: &str,
        path: &str,
        text: String,
        encoding: &'static str,
        origin: Origin,
        file_len: usize,
    ) -> Document {
        Document {
            id: id.to_string(),
            path: path.to_string(),
            source: None,
            date: None,
            lang: String::new(),
            lang_detected: false,
            url: None,
            text,
            body_start: 0,
            encoding,
            origin,
            file_len,
        }
    }

    /// The byte span of the original file for the span `start..end` of `text`.
    /// An offset inside a character maps to where that character starts; an
    /// offset past the text maps to the end of the file.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original_offset(start), self.original_offset(end))
    }

    fn original_offset(&self, at: usize) -> usize {
        match &self.origin {
            Origin::Shifted(shift) => at.saturating_add(*shift).min(self.file_len),
            Origin::Recoded { utf16, marks } => {
                let Some(&mark) = marks.get(at / STRIDE).filter(|_| at < self.text.len()) else {
                    return self.file_len;
                };
                let mut from = at / STRIDE * STRIDE;
                while !self.text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut offset = usize::try_from(mark).unwrap_or(self.file_len);
                for (i, c) in self.text[from..].char_indices() {
                    if from + i + c.len_utf8() > at {
                        break;
                    }
                    offset += encoded_width(c, *utf16);
                }
                offset.min(self.file_len)
            }
        }
    }

    /// The body (the text after the front matter).
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    fn apply_metadata(&mut self, manifest: Meta) -> std::result::Result<(), String> {
        let (front, body_start) = front_matter(&self.text)?;
        self.body_start = body_start;
        let meta = front.or(manifest);
        self.source = meta.outlet.filter(|s| !s.trim().is_empty());
        self.url = meta.url;
        self.date = match meta.date {
            None => None,
            Some(d) => Some(parse_date(&d)?),
        };
        match meta.lang.filter(|l| !l.trim().is_empty()) {
            Some(l) => self.lang = lang_code(&l)?,
            None => {
                self.lang = detect_lang(self.body()).to_string();
                self.lang_detected = true;
            }
        }
        Ok(())
    }
}

/// `fr`, `FR`, `fr-FR` and `fr_CA` are all `fr`; anything that is not a
/// language tag is refused rather than silently matching no rules.
fn lang_code(given: &str) -> std::result::Result<String, String> {
    let tag = given.trim().to_ascii_lowercase();
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    if (2..=8).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(primary.to_string())
    } else {
        Err(format!(
            "lang {given:?} is not a language code such as fr or en"
        ))
    }
}

/// An input that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

impl Corpus {
    /// Adds what the loader handed on.
    pub fn push(&mut self, item: Loaded) {
        match item {
            Loaded::Document(d) => self.documents.push(*d),
            Loaded::Skipped(s) => self.skipped.push(s),
        }
    }
}

/// One outcome of loading, in walk order.
#[derive(Debug)]
pub enum Loaded {
    Document(Box<Document>),
    Skipped(Skipped),
}

/// Metadata fields, from front matter or a manifest entry.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Meta {
    #[serde(default, alias = "source")]
    pub outlet: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

impl Meta {
    fn or(self, other: Meta) -> Meta {
        Meta {
            outlet: self.outlet.or(other.outlet),
            date: self.date.or(other.date),
            lang: self.lang.or(other.lang),
            url: self.url.or(other.url),
        }
    }
}

/// A language when a short text (a sentence) says so clearly (see
/// [`crate::lang::Languages::detect_strict`]), from the embedded packs.
pub fn detect_lang_strict(text: &str) -> Option<&'static str> {
    crate::lang::Languages::builtin().detect_strict(text)
}

/// Guesses the language from the detection words of the embedded packs;
/// extraction guesses again with the packs the rules loaded.
pub fn detect_lang(text: &str) -> &'static str {
    crate::lang::Languages::builtin().detect(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_offsets_keep_it() {
        let text = "---\noutlet: Le Courrier\ndate: 2023-09-19\nlang: fr\n---\nCorps.\n";
        let doc = document_from_bytes("a.md", "a.md", text.as_bytes(), Meta::default()).unwrap();
        assert_eq!(doc.source.as_deref(), Some("Le Courrier"));
        assert_eq!(doc.date, Some(jiff::civil::date(2023, 9, 19)));
        assert_eq!(doc.body(), "Corps.\n");
        assert_eq!(&doc.text[doc.body_start..doc.body_start + 5], "Corps");
    }

    #[test]
    fn windows_1252_maps_back_to_original_bytes() {
        let bytes = b"29 tu\xe9s \xe0 Bakou";
        let doc = document_from_bytes("a.txt", "a.txt", bytes, Meta::default()).unwrap();
        assert_eq!(doc.encoding, "windows-1252");
        let at = doc.text.find("Bakou").unwrap();
        assert_eq!(doc.original_span(at, at + 5), (10, 15));
    }

    /// The original offset of every byte of `text`, one entry per byte (the
    /// map the marks replace), to check them against.
    fn per_byte_map(text: &str, base: usize, utf16: bool) -> Vec<usize> {
        let mut map = Vec::new();
        let mut at = base;
        for c in text.chars() {
            map.extend(std::iter::repeat_n(at, c.len_utf8()));
            at += encoded_width(c, utf16);
        }
        map.push(at);
        map
    }

    fn check_offsets(doc: &Document, base: usize, utf16: bool) {
        let map = per_byte_map(&doc.text, base, utf16);
        assert_eq!(*map.last().unwrap(), doc.file_len);
        for (i, &want) in map.iter().enumerate() {
            assert_eq!(doc.original_offset(i), want, "offset {i}");
        }
        assert_eq!(doc.original_offset(doc.text.len() + 10), doc.file_len);
    }

    #[test]
    fn recoded_offsets_match_a_per_byte_map_across_marks() {
        let mut cp1252 = Vec::new();
        for i in 0..700 {
            cp1252.extend_from_slice(if i % 3 == 0 {
                b"\xe9t\xe9 \x80 "
            } else {
                b"abc "
            });
        }
        let doc = document_from_bytes("a.txt", "a.txt", &cp1252, Meta::default()).unwrap();
        assert_eq!(doc.encoding, "windows-1252");
        check_offsets(&doc, 0, false);

        let text: String = (0..900).map(|i| ["été ", "😀 ", "ab "][i % 3]).collect();
        for (bom, encode) in [
            (&[0xFF, 0xFE][..], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            (&[0xFE, 0xFF][..], u16::to_be_bytes as fn(u16) -> [u8; 2]),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(text.encode_utf16().flat_map(encode));
            let doc = document_from_bytes("a.txt", "a.txt", &bytes, Meta::default()).unwrap();
            assert_eq!(doc.text, text);
            check_offsets(&doc, 2, true);
        }

        let mut utf8 = b"\xef\xbb\xbf".to_vec();
        utf8.extend_from_slice(text.as_bytes());
        let doc = document_from_bytes("a.txt", "a.txt", &utf8, Meta::default()).unwrap();
        assert_eq!(doc.original_span(0, 3), (3, 6));
        assert_eq!(doc.original_span(0, doc.text.len() + 1), (3, utf8.len()));
    }

    #[test]
    fn unclear_inputs_get_a_reason() {
        let reason = |bytes: &[u8]| {
            document_from_bytes("a.txt", "a.txt", bytes, Meta::default()).unwrap_err()
        };
        assert_eq!(reason(b""), "empty file");
        assert_eq!(reason(b" \n\t\r\n"), "only whitespace");
        assert_eq!(reason(b"\xff\xfe"), "no text: only a byte-order mark");
        assert_eq!(
            reason(b"---\noutlet: X\n---\n\n"),
            "front matter but no text"
        );
        let utf16: Vec<u8> = "Au moins 29 morts."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(reason(&utf16).starts_with("looks like UTF-16LE text without a byte-order mark"));
        assert!(reason(b"\xff\xfeA").contains("UTF-16LE"), "odd byte count");
        assert_eq!(
            reason(b"abc\x81def\xe9"),
            "neither UTF-8 nor Windows-1252 text (byte 0x81 at offset 3)"
        );
        assert_eq!(
            reason(b"---\nlang: fran\xc3\xa7ais\n---\nCorps.\n"),
            "lang \"français\" is not a language code such as fr or en"
        );
        let doc = document_from_bytes(
            "a.txt",
            "a.txt",
            b"---\nlang: fr-FR\n---\nCorps.\n",
            Meta::default(),
        )
        .unwrap();
        assert_eq!(doc.lang, "fr");
    }

    #[test]
    fn impossible_date_is_refused() {
        let text = "---\ndate: 2023-02-30\n---\nCorps.\n";
        let err =
            document_from_bytes("a.md", "a.md", text.as_bytes(), Meta::default()).unwrap_err();
        assert!(err.contains("2023-02-30"), "{err}");
    }

    #[test]
    fn language_is_detected_when_not_given() {
        assert_eq!(
            detect_lang("The ministry said that the toll was rising."),
            "en"
        );
        assert_eq!(
            detect_lang("Le ministère a déclaré que le bilan est lourd."),
            "fr"
        );
    }
}
