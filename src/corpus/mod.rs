//! Files and folders to documents. Every path given ends up either as a
//! [`Document`] or as a [`Skipped`] entry with a reason a person understands.
//!
//! - Folders are walked recursively in sorted order; `.txt` and `.md` files are articles.
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    documents: BTreeMap<String, Meta>,
}

/// Loads every path: files directly, folders recursively, with one
/// [`Loader`] (a file reached twice is read once).
///
/// A path that does not exist is an error (exit 2); every other problem
/// becomes a [`Skipped`] entry.
pub fn load(paths: &[PathBuf]) -> Result<Corpus> {
    let mut loader = Loader::new();
    let mut corpus = Corpus::default();
    for path in paths {
        loader.load_each(path, &mut |item| corpus.push(item))?;
    }
    Ok(corpus)
}

/// Identity of a file or folder on disk.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(meta: &fs::Metadata, _path: &Path) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_key(_meta: &fs::Metadata, path: &Path) -> Option<FileKey> {
    fs::canonicalize(path).ok()
}

/// What became of the first path that reached a file.
#[derive(Debug, Clone)]
enum Seen {
    Read(String),
    Skipped(String),
}

/// Reads paths one after another, remembering what it has read: a file or
/// folder reached a second time is skipped with "already read as …", and
/// document ids stay unique. Use one loader for all the paths of a run.
#[derive(Debug, Default)]
pub struct Loader {
    files: HashMap<FileKey, Seen>,
    folders: HashMap<FileKey, String>,
    ids: HashSet<String>,
    /// Parent manifests of file arguments, read once per folder.
    manifests: HashMap<PathBuf, BTreeMap<String, Meta>>,
    /// Manifests already reported as unusable.
    bad_manifests: HashSet<PathBuf>,
}

impl Loader {
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Loads one path (a file or a folder) into a [`Corpus`].
    pub fn load(&mut self, path: &Path) -> Result<Corpus> {
        let mut corpus = Corpus::default();
        self.load_each(path, &mut |item| corpus.push(item))?;
        Ok(corpus)
    }

    /// Loads one path, handing on each document or skip as soon as it is
    /// known, in walk order (so a caller can process a folder in batches).
    /// Only a path that does not exist at all is an error.
    pub fn load_each(&mut self, path: &Path, sink: &mut dyn FnMut(Loaded)) -> Result<()> {
        let shown = path.display().to_string();
        let link = fs::symlink_metadata(path).map_err(|e| Error::Input {
            path: shown.clone(),
            message: format!("cannot read: {}", io_reason(&e)),
        })?;
        let meta = if link.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(m) => m,
                Err(e) => {
                    sink(skip(shown, broken_link(&e)));
                    return Ok(());
                }
            }
        } else {
            link
        };
        if meta.is_dir() {
            return self.walk(path, path, 0, sink);
        }
        if !meta.is_file() {
            sink(skip(shown, not_regular(&meta.file_type())));
            return Ok(());
        }
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        let entry = match path.parent() {
            Some(parent) => self
                .parent_manifest(parent, sink)
                .get(&id)
                .cloned()
                .unwrap_or_default(),
            None => Meta::default(),
        };
        self.read_file(path, &id, entry, sink);
        Ok(())
    }

    fn parent_manifest(
        &mut self,
        folder: &Path,
        sink: &mut dyn FnMut(Loaded),
    ) -> &BTreeMap<String, Meta> {
        if !self.manifests.contains_key(folder) {
            let manifest = self.folder_manifest(folder, sink);
            self.manifests.insert(folder.to_path_buf(), manifest);
        }
        &self.manifests[folder]
    }

    /// The manifest of a folder; an unusable one is reported (once) and read as empty.
    fn folder_manifest(
        &mut self,
        folder: &Path,
        sink: &mut dyn FnMut(Loaded),
    ) -> BTreeMap<String, Meta> {
        let path = folder.join(MANIFEST);
        match read_manifest(&path) {
            Ok(m) => m,
            Err(reason) => {
                if self.bad_manifests.insert(path.clone()) {
                    sink(skip(
                        path.display().to_string(),
                        format!(
                            "manifest not used ({reason}); the articles of its folder are read without it"
                        ),
                    ));
                }
                BTreeMap::new()
            }
        }
    }

    fn walk(
        &mut self,
        root: &Path,
        dir: &Path,
        depth: usize,
        sink: &mut dyn FnMut(Loaded),
    ) -> Result<()> {
        let shown_dir = dir.display().to_string();
        if depth > MAX_FOLDER_DEPTH {
            sink(skip(
                shown_dir,
                format!("folder nested more than {MAX_FOLDER_DEPTH} levels deep: not read"),
            ));
            return Ok(());
        }
        if let Some(key) = fs::metadata(dir).ok().and_then(|m| file_key(&m, dir)) {
            if let Some(first) = self.folders.get(&key) {
                sink(skip(shown_dir, format!("folder already read as {first}")));
                return Ok(());
            }
            self.folders.insert(key, shown_dir.clone());
        }
        let read_dir = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                sink(skip(
                    shown_dir,
                    format!("folder cannot be read: {}", io_reason(&e)),
                ));
                return Ok(());
            }
        };
        // The type from the folder listing needs no system call per file.
        let mut entries: Vec<(PathBuf, Option<fs::FileType>)> = Vec::new();
        for entry in read_dir {
            match entry {
                Ok(e) => entries.push((e.path(), e.file_type().ok())),
                Err(e) => sink(skip(
                    shown_dir.clone(),
                    format!("an entry of this folder cannot be read: {}", io_reason(&e)),
                )),
            }
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut manifest = self.folder_manifest(dir, sink);
        for (path, file_type) in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let shown = path.display().to_string();
            let file_type = match file_type {
                Some(t) => t,
                None => match fs::symlink_metadata(&path) {
                    Ok(m) => m.file_type(),
                    Err(e) => {
                        manifest.remove(&name);
                        sink(skip(shown, vanished(&e)));
                        continue;
                    }
                },
            };
            // The folder's manifest, read (or reported) above; a folder of that name is walked.
            if name == MANIFEST && !file_type.is_dir() {
                continue;
            }
            let file_type = if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) if m.is_dir() => {
                        manifest.remove(&name);
                        sink(skip(
                            shown,
                            "symbolic link to a folder: not followed (give the folder itself)"
                                .into(),
                        ));
                        continue;
                    }
                    Ok(m) => m.file_type(),
                    Err(e) => {
                        manifest.remove(&name);
                        sink(skip(shown, broken_link(&e)));
                        continue;
                    }
                }
            } else {
                file_type
            };
            if file_type.is_dir() {
                self.walk(root, &path, depth + 1, sink)?;
                continue;
            }
            if !file_type.is_file() {
                manifest.remove(&name);
                sink(skip(shown, not_regular(&file_type)));
                continue;
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if ext != "txt" && ext != "md" {
                manifest.remove(&name);
                sink(skip(
                    shown,
                    "not an article: only .txt and .md files are read".into(),
                ));
                continue;
            }
            let entry = manifest.remove(&name).unwrap_or_default();
            self.read_file(&path, &relative(root, &path), entry, sink);
        }
        for name in manifest.keys() {
            sink(skip(
                dir.join(name).display().to_string(),
                format!("listed in {MANIFEST} but no such file"),
            ));
        }
        Ok(())
    }

    fn read_file(&mut self, path: &Path, id: &str, manifest: Meta, sink: &mut dyn FnMut(Loaded)) {
        let shown = path.display().to_string();
        let (file, meta) = match open_regular(path) {
            Ok(f) => f,
            Err(reason) => {
                sink(skip(shown, reason));
                return;
            }
        };
        let key = file_key(&meta, path);
        if let Some(first) = key.as_ref().and_then(|k| self.files.get(k)) {
            let reason = match first {
                Seen::Read(id) => format!("already read as {id}"),
                Seen::Skipped(p) => format!("same file as {p}, which was skipped"),
            };
            sink(skip(shown, reason));
            return;
        }
        let outcome = read_bounded(file, meta.len(), MAX_ARTICLE_BYTES)
            .and_then(|bytes| document_from_vec(id, &shown, bytes, manifest));
        match outcome {
            Ok(mut doc) => {
                doc.id = self.unique_id(id, &shown);
                if let Some(k) = key {
                    self.files.insert(k, Seen::Read(doc.id.clone()));
                }
                sink(Loaded::Document(Box::new(doc)));
            }
            Err(reason) => {
                if let Some(k) = key {
                    self.files.insert(k, Seen::Skipped(shown.clone()));
                }
                sink(skip(shown, reason));
            }
        }
    }

    /// `id`, or when another file already has it, the path as given (then numbered).
    fn unique_id(&mut self, id: &str, shown: &str) -> String {
        let mut candidate = id.to_string();
        if self.ids.contains(&candidate) {
            candidate = shown.to_string();
            let mut n = 2;
            while self.ids.contains(&candidate) {
                candidate = format!("{shown}#{n}");
                n += 1;
            }
        }
        self.ids.insert(candidate.clone());
        candidate
    }
}

fn skip(path: String, reason: String) -> Loaded {
    Loaded::Skipped(Skipped { path, reason })
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a file that is neither a folder nor a regular file is not read.
fn not_regular(file_type: &fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if file_type.is_fifo() {
            "a named pipe (FIFO)"
        } else if file_type.is_socket() {
            "a socket"
        } else if file_type.is_block_device() || file_type.is_char_device() {
            "a device"
        } else {
            "not a regular file"
        };
        format!("{what}: only regular files are read")
    }
    #[cfg(not(unix))]
    {
        let _ = file_type;
        "not a regular file: only regular files are read".into()
    }
}

fn broken_link(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "broken symbolic link: its target does not exist".into()
    } else {
        format!("broken symbolic link: {}", io_reason(e))
    }
}

fn vanished(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "vanished while the folder was read".into()
    } else {
        format!("cannot be read: {}", io_reason(e))
    }
}

/// Opens a regular file for reading and returns it with the metadata of the
/// open handle; anything else (a pipe, a device, a folder) is refused without
/// ever waiting on it.
fn open_regular(path: &Path) -> std::result::Result<(fs::File, fs::Metadata), String> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // O_NONBLOCK (the generic Linux value): a named pipe swapped in after the
    // type check opens at once instead of waiting for a writer, and is then
    // refused below. Regular files ignore the flag.
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0o4000);
    }
    let file = options.open(path).map_err(|e| vanished_or(&e))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot be read: {}", io_reason(&e)))?;
    if meta.is_dir() {
        return Err("a folder where a file was expected: not read".into());
    }
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    Ok((file, meta))
}

fn vanished_or(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "vanished before it could be read".into()
    } else {
        format!("cannot be read: {}", io_reason(e))
    }
}

/// Reads at most `limit` bytes; a file over the limit (even one that grew
/// after `len` was taken) is refused.
fn read_bounded(file: fs::File, len: u64, limit: u64) -> std::result::Result<Vec<u8>, String> {
    let too_big =
        |n: u64| format!("file is {n} bytes, over the {limit} byte limit for one article");
    if len > limit {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file grew past the {limit} byte limit for one article while it was read"
        ));
    }
    Ok(bytes)
}

/// A folder's manifest: empty when there is none; `Err` with the reason when
/// there is one that cannot be used.
fn read_manifest(path: &Path) -> std::result::Result<BTreeMap<String, Meta>, String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("cannot be read: {}", io_reason(&e))),
        Ok(m) if m.is_dir() => return Ok(BTreeMap::new()),
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(path) {
            Ok(t) if t.is_dir() => return Err("a symbolic link to a folder".into()),
            Ok(t) if !t.is_file() => return Err(not_regular(&t.file_type())),
            Ok(_) => {}
            Err(e) => return Err(broken_link(&e)),
        },
        Ok(m) if !m.is_file() => return Err(not_regular(&m.file_type())),
        Ok(_) => {}
    }
    let (file, meta) = open_regular(path)?;
    let limit = crate::yaml::MAX_YAML_BYTES as u64;
    if meta.len() > limit {
        return Err(format!(
            "it is {} bytes, over the {limit} byte limit for YAML files",
            meta.len()
        ));
    }
    let bytes = read_bounded(file, meta.len(), limit)
        .map_err(|_| format!("it is over the {limit} byte limit for YAML files"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        format!("line {line}, column {column}: not UTF-8 text; save it as UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match crate::yaml::parse::<Manifest>(&path.display().to_string(), text) {
        Ok(m) => Ok(m.documents),
        Err(Error::Rules { location, message }) if location.line > 0 => Err(format!(
            "line {}, column {}: {message}",
            location.line, location.column
        )),
        Err(Error::Rules { message, .. }) => Err(message),
        Err(e) => Err(e.to_string()),
    }
}

/// Decodes the bytes of one file and reads its metadata.
pub fn document_from_bytes(
    id: &str,
    path: &str,
    bytes: &[u8],
    manifest: Meta,
) -> std::result::Result<Document, String> {
    document_from_vec(id, path, bytes.to_vec(), manifest)
}

/// [`document_from_bytes`] without a copy of UTF-8 input.
fn document_from_vec(
    id: &str,
    path: &str,
    bytes: Vec<u8>,
    manifest: Meta,
) -> std::result::Result<Document, String> {
    let file_len = bytes.len();
    let (text, encoding, origin) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(if file_len == 0 {
            "empty file".into()
        } else if text.is_empty() {
            "no text: only a byte-order mark".into()
        } else {
            "only whitespace".into()
        });
    }
    let mut doc = Document::decoded(id, path, text, encoding, origin, file_len);
    doc.apply_metadata(manifest)?;
    if doc.body().trim().is_empty() {
        return Err("front matter but no text".into());
    }
    Ok(doc)
}

fn decode(mut bytes: Vec<u8>) -> std::result::Result<(String, &'static str, Origin), String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            bytes.drain(..bom_len);
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "not valid UTF-8 text although it starts with a UTF-8 byte-order mark (invalid byte at offset {})",
                    e.utf8_error().valid_up_to() + bom_len
                )
            })?;
            check_binary(&text)?;
            return Ok((text, "utf-8", Origin::Shifted(bom_len)));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "not valid {} text although it starts with its byte-order mark (an odd byte count or a lone surrogate)",
                enc.name()
            ));
        }
        let text = text.into_owned();
        check_binary(&text)?;
        let marks = marks(&text, bom_len, true);
        return Ok((text, enc.name(), Origin::Recoded { utf16: true, marks }));
    }
    // NUL bytes: UTF-16 without its byte-order mark (ASCII in UTF-16 is also
    // valid UTF-8, so this comes first), or a binary file.
    if bytes.contains(&0) {
        return Err(match utf16_without_bom(&bytes) {
            Some(enc) => format!(
                "looks like {enc} text without a byte-order mark: not read (save it as UTF-8, or as UTF-16 with a byte-order mark)"
            ),
            None => "binary file (contains NUL bytes)".into(),
        });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            check_binary(&text)?;
            return Ok((text, "utf-8", Origin::Shifted(0)));
        }
        Err(e) => e.into_bytes(),
    };
    // Bytes Windows-1252 leaves undefined, and C0 controls other than
    // tab/newline/carriage return/form feed, mean this is not 1252 text.
    if let Some(at) = bytes.iter().position(|&b| {
        matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    }) {
        return Err(format!(
            "neither UTF-8 nor Windows-1252 text (byte 0x{:02X} at offset {at})",
            bytes[at]
        ));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    let text = text.into_owned();
    let marks = marks(&text, 0, false);
    Ok((
        text,
        "windows-1252",
        Origin::Recoded {
            utf16: false,
            marks,
        },
    ))
}

/// The marks of [`Origin::Recoded`]: the original offset of the character
/// holding every `STRIDE`-th byte of `text`.
fn marks(text: &str, base: usize, utf16: bool) -> Vec<u64> {
    let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
    let mut at = base as u64;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        while marks.len() * STRIDE < end {
            marks.push(at);
        }
        at += encoded_width(c, utf16) as u64;
    }
    marks
}

/// "UTF-16LE" or "UTF-16BE" when NUL bytes fall on one side of the byte
/// pairs only, as they do in UTF-16 text in a Latin script.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some("UTF-16LE")
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some("UTF-16BE")
    } else {
        None
    }
}

fn check_binary(text: &str) -> std::result::Result<(), String> {
    if text.contains('\0') {
        return Err("binary file (contains NUL bytes)".into());
    }
    let controls = text
        .chars()
        .take(8192)
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    if controls > 8 {
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
            if yaml.len() > crate::yaml::MAX_YAML_BYTES {
                return Err(format!(
                    "front matter is {} bytes, over the {} byte limit",
                    yaml.len(),
                    crate::yaml::MAX_YAML_BYTES
                ));
            }
            let meta: Meta = if yaml.trim().is_empty() {
                Meta::default()
            } else {
                crate::yaml::parse("front matter", yaml).map_err(|e| {
                    let (line, message) = match e {
                        Error::Rules { location, message } => (location.line, message),
                        other => (0, other.to_string()),
                    };
                    let message =
                        message.replace("struct Meta", "a mapping of outlet, date, lang and url");
                    // The YAML starts on the file's second line.
                    if line > 0 {
                        format!("front matter line {}: {message}", line + 1)
                    } else {
                        format!("front matter: {message}")
                    }
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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            // "Too many levels of symbolic links (os error 40)": the system's
            // words, without the error number, and a loop called a loop.
            let text = e.to_string();
            let text = match text.find(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            if text.contains("levels of symbolic links") {
                format!("{} (a loop of links)", text.to_lowercase())
            } else {
                let mut chars = text.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_lowercase().chain(chars).collect::<String>()
                })
            }
        }
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
