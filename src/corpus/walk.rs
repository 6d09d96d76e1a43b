//! Walking the paths of a run: files directly, folders recursively in
//! sorted order, each folder's manifest applied to its articles, and every
//! file or folder reached twice read once (see the module doc of
//! [`crate::corpus`] for what a hostile folder may hold).

use super::meta::read_manifest;
use super::read::{
    broken_link, document_from_vec, io_reason, not_regular, open_regular, read_bounded, vanished,
};
use super::*;
use walkdir::WalkDir;

/// A folder whose entries are being read.
struct Frame {
    dir: PathBuf,
    depth: usize,
    /// Read before the folder's first entry is looked at.
    manifest: Option<BTreeMap<String, Meta>>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
pub type FileKey = (u64, u64);
#[cfg(not(unix))]
pub type FileKey = PathBuf;

#[cfg(unix)]
pub fn file_key(meta: &fs::Metadata, _path: &Path) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub fn file_key(_meta: &fs::Metadata, path: &Path) -> Option<FileKey> {
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
    /// Folders entered: the path that reached each first, `None` once the
    /// folder turned out unreadable (its one skip entry says so; reaching
    /// it again adds nothing).
    folders: HashMap<FileKey, Option<String>>,
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
            return self.walk(path, sink);
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

    /// Walks a folder with `walkdir`, in sorted order, without following
    /// links. Each folder is a [`Frame`] while its entries come: its manifest
    /// is read before its first entry (or when it turns out empty), and the
    /// names it lists that no entry took are reported when it closes.
    fn walk(&mut self, root: &Path, sink: &mut dyn FnMut(Loaded)) -> Result<()> {
        let mut frames: Vec<Frame> = Vec::new();
        let mut entries = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .max_depth(MAX_FOLDER_DEPTH + 1)
            .into_iter();
        while let Some(next) = entries.next() {
            let entry = match next {
                Ok(entry) => entry,
                Err(e) => {
                    let io = e.io_error();
                    match e.path() {
                        // The folder just entered cannot be listed.
                        Some(p) if frames.last().is_some_and(|f| f.dir == p) => {
                            frames.pop();
                            if let Some(key) = fs::metadata(p).ok().and_then(|m| file_key(&m, p)) {
                                self.folders.insert(key, None);
                            }
                            sink(skip(
                                p.display().to_string(),
                                format!(
                                    "folder cannot be read: {}",
                                    io.map_or_else(|| e.to_string(), io_reason)
                                ),
                            ));
                        }
                        // An entry vanished between the listing and its type.
                        Some(p) => {
                            self.close_frames(&mut frames, e.depth(), sink);
                            let shown = p.display().to_string();
                            if let Some(frame) = frames.last_mut() {
                                let name = file_name(p);
                                self.open_manifest(frame, sink).remove(&name);
                            }
                            sink(skip(shown, io.map_or_else(|| e.to_string(), vanished)));
                        }
                        None => {
                            if let Some(frame) = frames.last() {
                                sink(skip(
                                    frame.dir.display().to_string(),
                                    format!(
                                        "an entry of this folder cannot be read: {}",
                                        io.map_or_else(|| e.to_string(), io_reason)
                                    ),
                                ));
                            }
                        }
                    }
                    continue;
                }
            };
            let depth = entry.depth();
            self.close_frames(&mut frames, depth, sink);
            let path = entry.path();
            let shown = path.display().to_string();
            if depth == 0 {
                // The folder argument itself (a link to it is followed).
                if self.enter(&mut frames, path, depth, sink) {
                    entries.skip_current_dir();
                }
                continue;
            }
            let name = file_name(path);
            let Some(frame) = frames.last_mut() else {
                continue;
            };
            let manifest = self.open_manifest(frame, sink);
            let file_type = entry.file_type();
            // The folder's manifest, read (or reported) above; a folder of that name is walked.
            if name == MANIFEST && !file_type.is_dir() {
                continue;
            }
            let file_type = if file_type.is_symlink() {
                match fs::metadata(path) {
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
                if self.enter(&mut frames, path, depth, sink) {
                    entries.skip_current_dir();
                }
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
            if ext != "txt" && ext != "md" && !super::jsonl::is_jsonl(path) {
                manifest.remove(&name);
                sink(skip(
                    shown,
                    "not an article: only .txt, .md and .jsonl (or .ndjson) files are read".into(),
                ));
                continue;
            }
            let meta = manifest.remove(&name).unwrap_or_default();
            self.read_file(path, &relative(root, path), meta, sink);
        }
        self.close_frames(&mut frames, 0, sink);
        Ok(())
    }

    /// Opens a folder's frame; true when the folder is not to be read (too
    /// deep, or read already).
    fn enter(
        &mut self,
        frames: &mut Vec<Frame>,
        dir: &Path,
        depth: usize,
        sink: &mut dyn FnMut(Loaded),
    ) -> bool {
        let shown_dir = dir.display().to_string();
        if depth > MAX_FOLDER_DEPTH {
            sink(skip(
                shown_dir,
                format!("folder nested more than {MAX_FOLDER_DEPTH} levels deep: not read"),
            ));
            return true;
        }
        if let Some(key) = fs::metadata(dir).ok().and_then(|m| file_key(&m, dir)) {
            match self.folders.get(&key) {
                Some(Some(first)) => {
                    sink(skip(shown_dir, format!("folder already read as {first}")));
                    return true;
                }
                Some(None) => return true,
                None => {}
            }
            self.folders.insert(key, Some(shown_dir));
        }
        frames.push(Frame {
            dir: dir.to_path_buf(),
            depth,
            manifest: None,
        });
        false
    }

    /// The manifest of a frame's folder, read on first use.
    fn open_manifest<'f>(
        &mut self,
        frame: &'f mut Frame,
        sink: &mut dyn FnMut(Loaded),
    ) -> &'f mut BTreeMap<String, Meta> {
        if frame.manifest.is_none() {
            frame.manifest = Some(self.folder_manifest(&frame.dir, sink));
        }
        frame.manifest.get_or_insert_default()
    }

    /// Closes the frames of folders at `depth` or deeper: the entries of
    /// their manifests that named no file are reported.
    fn close_frames(
        &mut self,
        frames: &mut Vec<Frame>,
        depth: usize,
        sink: &mut dyn FnMut(Loaded),
    ) {
        while let Some(mut frame) = frames.pop_if(|f| f.depth >= depth) {
            let dir = frame.dir.clone();
            for name in self.open_manifest(&mut frame, sink).keys() {
                sink(skip(
                    dir.join(name).display().to_string(),
                    format!("listed in {MANIFEST} but no such file"),
                ));
            }
        }
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
        if super::jsonl::is_jsonl(path) {
            if let Some(k) = key {
                self.files.insert(k, Seen::Read(shown.clone()));
            }
            let name = file_name(path);
            let name = if name.is_empty() { shown } else { name };
            self.load_stream(
                std::io::BufReader::with_capacity(1 << 20, file),
                &name,
                sink,
            );
            return;
        }
        let outcome = read_bounded(file, meta.len(), MAX_ARTICLE_BYTES, "one article")
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

    /// Reads a JSON Lines stream (a `.jsonl` file, or standard input as
    /// `stdin`), one article a line; an id another document has already
    /// taken gets the line's place (`feed.jsonl:3`).
    pub fn load_stream(
        &mut self,
        input: impl std::io::BufRead,
        name: &str,
        sink: &mut dyn FnMut(Loaded),
    ) {
        let mut lines = super::jsonl::Reader::new(input, name);
        while let Some(item) = lines.next() {
            match item {
                Ok(mut doc) => {
                    doc.id = self.unique_id(&doc.id, &lines.place());
                    sink(Loaded::Document(Box::new(doc)));
                }
                Err(s) => sink(Loaded::Skipped(s)),
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
