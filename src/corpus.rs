//! Files and folders to documents. Every path given ends up either as a
//! [`Document`] or as a [`Skipped`] entry with a reason a person understands.
//!
//! - Folders are walked recursively in sorted order; `.txt` and `.md` files are articles.
//! - Metadata (`outlet`, `date`, `lang`, `url`) comes from YAML front matter between
//!   `---` lines, or from a `corpus.yaml` manifest in the folder; front matter wins.
//! - Text is UTF-8 (a BOM is allowed), UTF-16 with a BOM, or Windows-1252; anything
//!   else is skipped. Offsets always point into the original file bytes.

use crate::error::{Error, Result};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Name of the per-folder metadata manifest.
pub const MANIFEST: &str = "corpus.yaml";

/// Articles larger than this are skipped rather than read.
pub const MAX_ARTICLE_BYTES: u64 = 256 << 20;

/// One article, decoded, with its metadata.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the folder argument it was found under (a file argument: its name).
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
    /// Original byte offset of each byte of `text`, when the file was not plain UTF-8.
    byte_map: Option<Vec<u32>>,
    /// Length of the original file in bytes.
    file_len: usize,
}

impl Document {
    /// Builds a document from text that is already decoded (tests, JSON Lines input).
    pub fn from_text(id: &str, text: String, meta: Meta) -> std::result::Result<Document, String> {
        let file_len = text.len();
        let mut doc = Document::decoded(id, id, text, "utf-8", None, file_len);
        doc.apply_metadata(meta)?;
        Ok(doc)
    }

    fn decoded(
        id: &str,
        path: &str,
        text: String,
        encoding: &'static str,
        byte_map: Option<Vec<u32>>,
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
            byte_map,
            file_len,
        }
    }

    /// The byte span of the original file for the span `start..end` of `text`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.byte_map {
            None => (start, end),
            Some(map) => {
                let at = |i: usize| map.get(i).map(|&b| b as usize).unwrap_or(self.file_len);
                (at(start), at(end))
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
            Some(l) => self.lang = l.trim().to_ascii_lowercase(),
            None => {
                self.lang = detect_lang(self.body()).to_string();
                self.lang_detected = true;
            }
        }
        Ok(())
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    documents: BTreeMap<String, Meta>,
}

/// Loads every path: files directly, folders recursively.
///
/// A path that does not exist is an error (exit 2); problems with files inside
/// folders become [`Skipped`] entries.
pub fn load(paths: &[PathBuf]) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    for path in paths {
        let shown = path.display().to_string();
        let meta = fs::metadata(path).map_err(|e| Error::Input {
            path: shown.clone(),
            message: format!("cannot read: {}", io_reason(&e)),
        })?;
        if meta.is_dir() {
            load_dir(path, path, &mut corpus)?;
        } else {
            let id = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| shown.clone());
            let manifest = match path.parent() {
                Some(parent) => read_manifest(&parent.join(MANIFEST))?,
                None => BTreeMap::new(),
            };
            let entry = manifest.get(&id).cloned().unwrap_or_default();
            load_file(path, &id, entry, &mut corpus);
        }
    }
    Ok(corpus)
}

fn load_dir(root: &Path, dir: &Path, corpus: &mut Corpus) -> Result<()> {
    let mut manifest = read_manifest(&dir.join(MANIFEST))?;
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            corpus.skipped.push(Skipped {
                path: dir.display().to_string(),
                reason: format!("folder cannot be read: {}", io_reason(&e)),
            });
            return Ok(());
        }
    };
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = relative(root, &path);
        let shown = path.display().to_string();
        let Ok(link_meta) = fs::symlink_metadata(&path) else {
            corpus.skipped.push(Skipped {
                path: shown,
                reason: "vanished while the folder was read".into(),
            });
            continue;
        };
        if link_meta.file_type().is_symlink() {
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    corpus.skipped.push(Skipped {
                        path: shown,
                        reason: "symbolic link to a folder: not followed (give the folder itself)"
                            .into(),
                    });
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    corpus.skipped.push(Skipped {
                        path: shown,
                        reason: format!("broken symbolic link: {}", io_reason(&e)),
                    });
                    continue;
                }
            }
        }
        if fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false) {
            load_dir(root, &path, corpus)?;
            continue;
        }
        if name == MANIFEST {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ext != "txt" && ext != "md" {
            manifest.remove(&name);
            corpus.skipped.push(Skipped {
                path: shown,
                reason: "not an article: only .txt and .md files are read".into(),
            });
            continue;
        }
        let entry = manifest.remove(&name).unwrap_or_default();
        load_file(&path, &rel, entry, corpus);
    }
    for name in manifest.keys() {
        corpus.skipped.push(Skipped {
            path: dir.join(name).display().to_string(),
            reason: format!("listed in {MANIFEST} but no such file"),
        });
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_manifest(path: &Path) -> Result<BTreeMap<String, Meta>> {
    match fs::read_to_string(path) {
        Ok(text) => {
            let m: Manifest = crate::yaml::parse(&path.display().to_string(), &text)?;
            Ok(m.documents)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(Error::Input {
            path: path.display().to_string(),
            message: format!("manifest cannot be read: {}", io_reason(&e)),
        }),
    }
}

fn load_file(path: &Path, id: &str, manifest: Meta, corpus: &mut Corpus) {
    let shown = path.display().to_string();
    let skip = |reason: String| Skipped {
        path: shown.clone(),
        reason,
    };
    match fs::metadata(path) {
        Ok(m) if m.len() > MAX_ARTICLE_BYTES => {
            corpus.skipped.push(skip(format!(
                "file is {} bytes, over the {} byte limit for one article",
                m.len(),
                MAX_ARTICLE_BYTES
            )));
            return;
        }
        _ => {}
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            corpus
                .skipped
                .push(skip(format!("cannot be read: {}", io_reason(&e))));
            return;
        }
    };
    match document_from_bytes(id, &shown, &bytes, manifest) {
        Ok(doc) => corpus.documents.push(doc),
        Err(reason) => corpus.skipped.push(skip(reason)),
    }
}

/// Decodes the bytes of one file and reads its metadata.
pub fn document_from_bytes(
    id: &str,
    path: &str,
    bytes: &[u8],
    manifest: Meta,
) -> std::result::Result<Document, String> {
    let (text, encoding, byte_map) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(if bytes.is_empty() {
            "empty file".into()
        } else {
            "only whitespace".into()
        });
    }
    let mut doc = Document::decoded(id, path, text, encoding, byte_map, bytes.len());
    doc.apply_metadata(manifest)?;
    if doc.body().trim().is_empty() {
        return Err("front matter but no text".into());
    }
    Ok(doc)
}

type Decoded = (String, &'static str, Option<Vec<u32>>);

fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("not valid {} text", enc.name()));
        }
        let text = text.into_owned();
        let unit = if enc == encoding_rs::UTF_8 { 0 } else { 2 };
        let map = char_byte_map(&text, bom_len, |c| {
            if unit == 0 {
                c.len_utf8()
            } else {
                c.len_utf16() * 2
            }
        });
        check_binary(&text)?;
        return Ok((text, enc.name(), Some(map)));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_binary(s)?;
            Ok((s.to_string(), "utf-8", None))
        }
        Err(_) => {
            if bytes.contains(&0) {
                return Err("binary file (contains NUL bytes)".into());
            }
            // Bytes Windows-1252 leaves undefined, and C0 controls other than
            // tab/newline/carriage return/form feed, mean this is not 1252 text.
            let implausible = bytes.iter().any(|&b| {
                matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
                    || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
            });
            if implausible {
                return Err("not UTF-8 text and not Windows-1252".into());
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let text = text.into_owned();
            let map = char_byte_map(&text, 0, |_| 1);
            Ok((text, "windows-1252", Some(map)))
        }
    }
}

/// Original byte offset of every byte of `text` (plus one past the end).
fn char_byte_map(text: &str, base: usize, width: impl Fn(char) -> usize) -> Vec<u32> {
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut at = base;
    for c in text.chars() {
        for _ in 0..c.len_utf8() {
            map.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        at += width(c);
    }
    map.push(u32::try_from(at).unwrap_or(u32::MAX));
    map
}

fn check_binary(text: &str) -> std::result::Result<(), String> {
    let controls = text
        .chars()
        .take(8192)
        .filter(|&c| c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')))
        .count();
    if text.contains('\0') || controls > 8 {
        return Err("binary file (control characters)".into());
    }
    Ok(())
}

/// Splits YAML front matter off: returns it (or defaults) and where the body starts.
fn front_matter(text: &str) -> std::result::Result<(Meta, usize), String> {
    let first_line_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok((Meta::default(), 0));
    }
    let mut at = first_line_end;
    while at < text.len() {
        let line_end = text[at..]
            .find('\n')
            .map(|i| at + i + 1)
            .unwrap_or(text.len());
        let line = text[at..line_end].trim_end();
        if line == "---" || line == "..." {
            let yaml = &text[first_line_end..at];
            let meta: Meta = if yaml.trim().is_empty() {
                Meta::default()
            } else {
                crate::yaml::parse("front matter", yaml).map_err(|e| match e {
                    Error::Rules { location, message } => {
                        format!("front matter line {}: {message}", location.line + 1)
                    }
                    other => format!("front matter: {other}"),
                })?
            };
            return Ok((meta, line_end));
        }
        at = line_end;
    }
    Err("front matter opened with --- is never closed".into())
}

/// Parses a publication date: `YYYY-MM-DD`, optionally followed by a time.
pub fn parse_date(s: &str) -> std::result::Result<Date, String> {
    let s = s.trim();
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>()
        .map_err(|_| format!("date {s:?} is not a calendar date (want YYYY-MM-DD)"))
}

/// French or English when a short text (a sentence) says so clearly: at
/// least three function words of one language and twice as many as of the other.
pub fn detect_lang_strict(text: &str) -> Option<&'static str> {
    let (fr, en) = lang_votes(text);
    if fr >= 3 && fr >= 2 * en {
        Some("fr")
    } else if en >= 3 && en >= 2 * fr {
        Some("en")
    } else {
        None
    }
}

/// Guesses French or English from common function words.
pub fn detect_lang(text: &str) -> &'static str {
    let (fr, en) = lang_votes(text);
    if en > fr { "en" } else { "fr" }
}

fn lang_votes(text: &str) -> (usize, usize) {
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "dans", "qui", "que", "pour",
        "sur", "au", "aux", "a", "ont", "selon",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "said", "by",
        "from", "were", "has", "have",
    ];
    let (mut fr, mut en) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .take(2000)
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    (fr, en)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
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
