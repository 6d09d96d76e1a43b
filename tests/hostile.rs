//! Hostile input: whatever a crawler leaves on disk, and rule files written by
//! others. Nothing may panic, hang, drop an article without saying so, or take
//! the machine down. Binary runs go through [`run_guarded`]: a watchdog kills
//! a run that hangs, address space is capped at 2 GiB, and the exit code must
//! be 0, 1 or 2 (never 101, a panic) with no "panicked" on stderr.
//!
//! The README's `## Hostile input` table names the test for each kind of input.

mod support;

use crosscheck::corpus::{self, Loader, Skipped};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{temp_dir, utf16, write_files};

/// Runs the binary under a watchdog and a 2 GiB address-space cap; checks
/// that it neither hung, crashed nor panicked.
fn run_guarded(args: &[&str], limit: Duration) -> Output {
    run_guarded_in(args, limit, Stdio::null())
}

/// [`run_guarded`] with `stdin` as the binary's standard input.
fn run_guarded_in(args: &[&str], limit: Duration, stdin: Stdio) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 2097152 2>/dev/null; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(support::root())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crosscheck binary runs");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("crosscheck {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0..=2)),
        "crosscheck {args:?} ended with {:?} (101 is a panic; no code is a signal, such as an abort on running out of memory); stderr:\n{stderr}",
        output.status
    );
    assert!(
        !stderr.contains("panicked"),
        "crosscheck {args:?} panicked:\n{stderr}"
    );
    output
}

const MINUTE: Duration = Duration::from_secs(60);

fn run_json(args: &[&str]) -> (i32, Value, String) {
    let out = run_guarded(args, 3 * MINUTE);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json, stderr)
}

/// `(file name, reason)` of every skipped entry of a JSON report.
fn skips(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .expect("a JSON report")
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, s["reason"].as_str().unwrap().to_string())
        })
        .collect()
}

fn reason_of<'a>(skips: &'a [(String, String)], name: &str) -> &'a str {
    skips
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, r)| r.as_str())
        .unwrap_or_else(|| panic!("{name} is not skipped: {skips:#?}"))
}

fn doc_ids(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect()
}

fn loaded(paths: &[&Path]) -> (Vec<String>, Vec<Skipped>) {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    let c = corpus::load(&paths).expect("the paths exist");
    (c.documents.into_iter().map(|d| d.id).collect(), c.skipped)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

const ARTICLE: &str = "Selon Bakou, au moins 29 morts ont été recensés mardi.\n";

#[test]
fn empty_whitespace_and_bom_only_files_are_skipped_with_a_reason() {
    let dir = temp_dir("hostile-empty");
    write_files(
        &dir,
        &[
            ("a.txt", ARTICLE),
            ("empty.txt", ""),
            ("blank.md", " \n\t\r\n\u{a0}\n"),
            ("bom.txt", "\u{feff}"),
            ("front-only.md", "---\noutlet: X\n---\n\n"),
        ],
    );
    let (code, report, _) = run_json(&["report", s(&dir), "--format", "json"]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    assert_eq!(reason_of(&skips, "empty.txt"), "empty file");
    assert_eq!(reason_of(&skips, "blank.md"), "only whitespace");
    assert_eq!(
        reason_of(&skips, "bom.txt"),
        "no text: only a byte-order mark"
    );
    assert_eq!(
        reason_of(&skips, "front-only.md"),
        "front matter but no text"
    );
    assert_eq!(doc_ids(&report), ["a.txt"]);
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_or_skipped() {
    let dir = temp_dir("hostile-1252");
    let latin = b"Selon Bakou, au moins 29 morts ont \xe9t\xe9 recens\xe9s mardi \x96 un bilan.\n";
    std::fs::write(dir.join("latin.txt"), latin).unwrap();
    std::fs::write(
        dir.join("neither.txt"),
        b"Au moins 29 morts\x81 \xe9t\xe9.\n",
    )
    .unwrap();
    let out = run_guarded(&["extract", s(&dir)], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    let claims: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 1, "{claims:?}");
    let (start, end) = (
        claims[0]["start"].as_u64().unwrap() as usize,
        claims[0]["end"].as_u64().unwrap() as usize,
    );
    // Offsets are in the original (single-byte) file.
    let (original, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&latin[start..end]);
    assert_eq!(original, claims[0]["text"].as_str().unwrap());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("neither.txt: neither UTF-8 nor Windows-1252 text (byte 0x81 at offset 17)"),
        "{stderr}"
    );
}

#[test]
fn utf16_with_a_bom_is_read_le_and_be_with_offsets_into_the_original_bytes() {
    let dir = temp_dir("hostile-utf16");
    let text = "Titre\n\nSelon Bakou, au moins 29 morts ont été recensés mardi 😀.\n";
    std::fs::write(dir.join("le.txt"), utf16(text, false)).unwrap();
    std::fs::write(dir.join("be.txt"), utf16(text, true)).unwrap();
    let nobom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.join("nobom.txt"), nobom).unwrap();
    let mut odd = utf16(text, false);
    odd.push(b'x');
    std::fs::write(dir.join("odd.txt"), odd).unwrap();
    let out = run_guarded(&["extract", s(&dir)], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    let claims: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 2, "{claims:?}");
    for c in &claims {
        let big_endian = c["doc"] == "be.txt";
        let bytes = utf16(text, big_endian);
        let (start, end) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert!(start % 2 == 0 && end % 2 == 0 && end <= bytes.len(), "{c}");
        let units: Vec<u16> = bytes[start..end]
            .chunks(2)
            .map(|p| {
                if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        assert_eq!(
            String::from_utf16(&units).unwrap(),
            c["text"].as_str().unwrap()
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nobom.txt: looks like UTF-16LE text without a byte-order mark"),
        "{stderr}"
    );
    assert!(
        stderr.contains("odd.txt: not valid UTF-16LE text"),
        "{stderr}"
    );
}

#[test]
fn binary_files_are_skipped() {
    let dir = temp_dir("hostile-binary");
    write_files(&dir, &[("a.txt", ARTICLE)]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(dir.join("image.txt"), &png).unwrap();
    let controls: String = (0..64).map(|i| format!("\u{1b}[{i}m x")).collect();
    std::fs::write(dir.join("escapes.md"), controls).unwrap();
    let (code, report, _) = run_json(&["report", s(&dir), "--format", "json"]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    assert_eq!(
        reason_of(&skips, "image.txt"),
        "binary file (contains NUL bytes)"
    );
    assert_eq!(
        reason_of(&skips, "escapes.md"),
        "binary file (control characters)"
    );
}

/// 100 MB on one line: read (the limit is 256 MiB) and processed, in time
/// linear in its size, under the 2 GiB cap. A claim at the very start and at
/// the very end of the line both come out with exact offsets.
#[test]
fn a_100_mb_single_line_file_is_read_and_processed() {
    let dir = std::env::temp_dir().join(format!("crosscheck-100mb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("one-line.txt");
    let head = "Selon le ministère, au moins 29 morts ont été recensés mardi à Bakou. ";
    let tail = " Les autorités ont évacué environ 7000 personnes.";
    // French filler: text in no language the rules read is skipped.
    let filler = "les gens de la ville attendent dans la rue et sur la place ";
    let size = 100 << 20;
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(head.as_bytes()).unwrap();
        let mut written = head.len();
        while written + filler.len() + tail.len() <= size {
            f.write_all(filler.as_bytes()).unwrap();
            written += filler.len();
        }
        f.write_all(tail.as_bytes()).unwrap();
        f.flush().unwrap();
    }
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    assert!(len > 99 << 20 && len <= size);
    let out = run_guarded(&["extract", s(&path)], 10 * MINUTE);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0));
    let claims: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let spans: Vec<(u64, u64, &str)> = claims
        .iter()
        .map(|c| {
            (
                c["start"].as_u64().unwrap(),
                c["end"].as_u64().unwrap(),
                c["text"].as_str().unwrap(),
            )
        })
        .collect();
    let first = head.find("au moins").unwrap() as u64;
    assert!(
        spans
            .iter()
            .any(|&(s, _, t)| s == first && t.starts_with("au moins 29")),
        "{spans:?}"
    );
    let last = (len - tail.len() + tail.find("environ").unwrap()) as u64;
    assert!(
        spans
            .iter()
            .any(|&(s, e, t)| s <= last && e as usize <= len && t.contains("environ 7000")),
        "{spans:?}"
    );
}

/// A named pipe is skipped by its type, never opened: the run does not wait
/// for a writer. In a folder, given directly, and as a folder's manifest.
#[test]
fn named_pipes_are_skipped_without_blocking() {
    let dir = temp_dir("hostile-fifo");
    write_files(&dir, &[("a.txt", ARTICLE), ("sub/b.txt", ARTICLE)]);
    mkfifo(&dir.join("pipe.txt"));
    mkfifo(&dir.join("sub/corpus.yaml"));
    let direct = dir.join("direct.md");
    mkfifo(&direct);
    let (code, report, _) = run_json(&["report", s(&dir), s(&direct), "--format", "json"]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    assert_eq!(
        reason_of(&skips, "pipe.txt"),
        "a named pipe (FIFO): only regular files are read"
    );
    assert_eq!(
        reason_of(&skips, "direct.md"),
        "a named pipe (FIFO): only regular files are read"
    );
    assert_eq!(
        reason_of(&skips, "corpus.yaml"),
        "manifest not used (a named pipe (FIFO): only regular files are read); the articles of its folder are read without it"
    );
    assert_eq!(doc_ids(&report), ["a.txt", "sub/b.txt"]);
}

/// Broken links, link loops (a→b→a) and a folder link to its own parent: each
/// skipped with a reason; nothing recurses.
#[test]
fn broken_links_and_link_loops_are_skipped() {
    let dir = temp_dir("hostile-links");
    write_files(&dir, &[("a.txt", ARTICLE), ("sub/b.txt", ARTICLE)]);
    symlink("nowhere.txt", &dir.join("dangling.txt"));
    symlink("loop-b.txt", &dir.join("loop-a.txt"));
    symlink("loop-a.txt", &dir.join("loop-b.txt"));
    symlink("..", &dir.join("sub/up"));
    symlink(".", &dir.join("self"));
    let (code, report, _) = run_json(&[
        "report",
        s(&dir),
        s(&dir.join("dangling.txt")),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    assert_eq!(
        reason_of(&skips, "dangling.txt"),
        "broken symbolic link: its target does not exist"
    );
    assert_eq!(
        reason_of(&skips, "loop-a.txt"),
        "broken symbolic link: too many levels of symbolic links (a loop of links)"
    );
    assert_eq!(
        reason_of(&skips, "up"),
        "symbolic link to a folder: not followed (give the folder itself)"
    );
    assert_eq!(
        reason_of(&skips, "self"),
        "symbolic link to a folder: not followed (give the folder itself)"
    );
    assert_eq!(skips.len(), 6, "{skips:#?}");
    assert_eq!(doc_ids(&report), ["a.txt", "sub/b.txt"]);
}

/// Folders nested deeper than the limit are skipped as one entry, not walked.
#[test]
fn folder_nesting_is_bounded() {
    let dir = temp_dir("hostile-deep");
    let mut deep = dir.clone();
    for _ in 0..=corpus::MAX_FOLDER_DEPTH {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(deep.parent().unwrap().join("b.txt"), ARTICLE).unwrap();
    let (docs, skipped) = loaded(&[&dir]);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0].ends_with("d/b.txt"));
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        skipped[0].reason,
        format!(
            "folder nested more than {} levels deep: not read",
            corpus::MAX_FOLDER_DEPTH
        )
    );
}

/// 100,000 files in one folder: every one is accounted for, in one pass
/// (no work per file that grows with the folder).
#[test]
fn a_folder_of_100000_files_is_fully_accounted_for() {
    let dir = temp_dir("hostile-100k");
    let n = 100_000;
    for i in 0..n {
        let (name, text) = match i % 100 {
            0 => (format!("{i:06}.txt"), String::new()),
            1 => (format!("{i:06}.html"), "<p>x</p>".to_string()),
            2 => (
                format!("{i:06}.md"),
                format!("Article {i}. Au moins {} morts selon Bakou.\n", i % 50),
            ),
            _ => (format!("{i:06}.txt"), "x\n".to_string()),
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    let (code, report, _) = run_json(&["report", s(&dir), "--format", "json"]);
    assert_eq!(code, 0);
    let docs = doc_ids(&report);
    let skips = skips(&report);
    assert_eq!(docs.len() + skips.len(), n);
    assert_eq!(docs.len(), n - 2 * n / 100);
    assert_eq!(
        skips.iter().filter(|(_, r)| r == "empty file").count(),
        n / 100
    );
    let mut unique = docs.clone();
    unique.dedup();
    assert_eq!(unique.len(), docs.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Front matter that is not YAML, has the wrong types, names a date that
/// does not exist or a language that is not one: the article is skipped with
/// the file's line.
#[test]
fn bad_front_matter_and_impossible_dates_are_skipped_with_the_line() {
    let dir = temp_dir("hostile-front");
    write_files(
        &dir,
        &[
            (
                "ok.md",
                &format!("---\noutlet: X\ndate: 2023-09-19\nlang: FR-fr\n---\n{ARTICLE}"),
            ),
            (
                "list-date.md",
                &format!("---\noutlet: X\ndate: [1,2]\n---\n{ARTICLE}"),
            ),
            (
                "not-yaml.md",
                &format!("---\noutlet: X\n  : [ {{\n---\n{ARTICLE}"),
            ),
            ("sequence.md", &format!("---\n- a\n- b\n---\n{ARTICLE}")),
            ("unclosed.md", &format!("---\noutlet: X\n{ARTICLE}")),
            (
                "feb30.md",
                &format!("---\ndate: 2023-02-30\n---\n{ARTICLE}"),
            ),
            (
                "month13.md",
                &format!("---\ndate: 2023-13-01T10:00\n---\n{ARTICLE}"),
            ),
            ("lang.md", &format!("---\nlang: français\n---\n{ARTICLE}")),
            (
                "bomb.md",
                &format!("---\noutlet: X\n{}---\n{ARTICLE}", laughs("")),
            ),
        ],
    );
    let (code, report, _) = run_json(&["report", s(&dir), "--format", "json"]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    assert_eq!(
        reason_of(&skips, "list-date.md"),
        "front matter line 3: expected a single value here, not a list or a mapping"
    );
    assert!(
        reason_of(&skips, "not-yaml.md").starts_with("front matter line 3: "),
        "{skips:?}"
    );
    assert_eq!(
        reason_of(&skips, "sequence.md"),
        "front matter line 2: expected a mapping (`key: value` lines) here"
    );
    assert_eq!(
        reason_of(&skips, "unclosed.md"),
        "front matter opened with --- is never closed"
    );
    assert_eq!(
        reason_of(&skips, "feb30.md"),
        "front matter line 2: date \"2023-02-30\" is not a calendar date (want YYYY-MM-DD)"
    );
    assert_eq!(
        reason_of(&skips, "month13.md"),
        "front matter line 2: date \"2023-13-01T10:00\" is not a calendar date (want YYYY-MM-DD)"
    );
    assert_eq!(
        reason_of(&skips, "lang.md"),
        "lang \"français\" is not a language code such as fr or en"
    );
    assert!(
        reason_of(&skips, "bomb.md").starts_with("front matter line ")
            && reason_of(&skips, "bomb.md").contains("YAML resource limit exceeded"),
        "{skips:?}"
    );
    assert_eq!(doc_ids(&report), ["ok.md"]);
    assert_eq!(report["documents"][0]["lang"], "fr");
}

/// A manifest naming files that do not exist: each entry reported. A
/// manifest that cannot be used (not YAML, an alias bomb, too big, not
/// UTF-8): reported once, and its folder's articles are still read.
#[test]
fn manifest_problems_are_reported_and_the_articles_still_read() {
    let dir = temp_dir("hostile-manifest");
    let bomb = format!("documents:\n  a.txt:\n    outlet: X\n{}", laughs("    "));
    write_files(
        &dir,
        &[
            ("listed/a.txt", ARTICLE),
            (
                "listed/corpus.yaml",
                "documents:\n  a.txt: {outlet: X, date: 2023-09-19}\n  gone.txt: {outlet: Y}\n  sub/deeper.txt: {outlet: Z}\n",
            ),
            ("broken/a.txt", ARTICLE),
            ("broken/corpus.yaml", "documents:\n  a.txt: {outlet: X\n"),
            ("unknown/a.txt", ARTICLE),
            ("unknown/corpus.yaml", "articles:\n  a.txt: {outlet: X}\n"),
            ("bomb/a.txt", ARTICLE),
            ("bomb/corpus.yaml", &bomb),
            ("big/a.txt", ARTICLE),
            (
                "big/corpus.yaml",
                &format!("# {}\ndocuments: {{}}\n", "x".repeat(2 << 20)),
            ),
        ],
    );
    std::fs::create_dir_all(dir.join("latin")).unwrap();
    std::fs::write(dir.join("latin/a.txt"), ARTICLE).unwrap();
    std::fs::write(
        dir.join("latin/corpus.yaml"),
        b"documents:\n  a.txt: {outlet: Le Fran\xe7ais}\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("linked")).unwrap();
    std::fs::write(dir.join("linked/a.txt"), ARTICLE).unwrap();
    symlink("nowhere.yaml", &dir.join("linked/corpus.yaml"));
    let (code, report, _) = run_json(&["report", s(&dir), "--format", "json"]);
    assert_eq!(code, 0);
    let all: Vec<(String, String)> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let p = s["path"].as_str().unwrap();
            let p = p.strip_prefix(s_dir(&dir).as_str()).unwrap().to_string();
            (p, s["reason"].as_str().unwrap().to_string())
        })
        .collect();
    let reason = |p: &str| {
        all.iter()
            .find(|(q, _)| q == p)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{p} not skipped: {all:#?}"))
    };
    assert_eq!(
        reason("listed/gone.txt"),
        "listed in corpus.yaml but no such file"
    );
    assert_eq!(
        reason("listed/sub/deeper.txt"),
        "listed in corpus.yaml but no such file"
    );
    let unused = "; the articles of its folder are read without it";
    assert!(
        reason("broken/corpus.yaml").starts_with("manifest not used (line ")
            && reason("broken/corpus.yaml").ends_with(unused),
        "{all:#?}"
    );
    assert!(
        reason("unknown/corpus.yaml")
            .starts_with("manifest not used (line 1, column 1: unknown field `articles`"),
        "{all:#?}"
    );
    assert!(
        reason("bomb/corpus.yaml").contains("YAML resource limit exceeded"),
        "{all:#?}"
    );
    assert!(
        reason("big/corpus.yaml").contains("over the 1048576 byte limit for YAML files"),
        "{all:#?}"
    );
    assert_eq!(
        reason("latin/corpus.yaml"),
        format!("manifest not used (line 2, column 26: not UTF-8 text; save it as UTF-8){unused}")
    );
    assert_eq!(
        reason("linked/corpus.yaml"),
        format!("manifest not used (broken symbolic link: its target does not exist){unused}")
    );
    assert_eq!(all.len(), 8, "{all:#?}");
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 7);
    let listed = docs.iter().find(|d| d["doc"] == "listed/a.txt").unwrap();
    assert_eq!(listed["source"], "X");
}

fn s_dir(dir: &Path) -> String {
    format!("{}/", dir.display())
}

/// The same file reached twice is read once; the second path is skipped
/// "already read as …". Different files with the same id are both read.
#[test]
fn the_same_file_reached_twice_is_read_once() {
    let dir = temp_dir("hostile-dup");
    write_files(&dir, &[("a.md", ARTICLE), ("sub/c.md", ARTICLE)]);
    std::fs::hard_link(dir.join("a.md"), dir.join("hard.md")).unwrap();
    symlink("a.md", &dir.join("soft.md"));
    let a = dir.join("a.md");
    let sub = dir.join("sub");

    // The same file twice on the command line.
    let (docs, skipped) = loaded(&[&a, &a]);
    assert_eq!(docs, ["a.md"]);
    assert_eq!(skipped[0].reason, "already read as a.md");

    // Directly, then through its folder (and its hard and symbolic links).
    let (docs, skipped) = loaded(&[&a, &dir]);
    assert_eq!(docs, ["a.md", "sub/c.md"]);
    let reasons: Vec<(&str, &str)> = skipped
        .iter()
        .map(|s| (s.path.rsplit('/').next().unwrap(), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("a.md", "already read as a.md"),
            ("hard.md", "already read as a.md"),
            ("soft.md", "already read as a.md"),
        ]
    );

    // Through its folder, then directly; a folder given twice; a subfolder after its parent.
    let (docs, skipped) = loaded(&[&dir, &a, &dir, &sub]);
    assert_eq!(docs, ["a.md", "sub/c.md"]);
    let reasons: Vec<String> = skipped.iter().map(|s| s.reason.clone()).collect();
    assert_eq!(
        reasons,
        [
            "already read as a.md".to_string(),
            "already read as a.md".to_string(),
            "already read as a.md".to_string(),
            format!("folder already read as {}", dir.display()),
            format!("folder already read as {}", sub.display()),
        ]
    );

    // Two different files with one id: both read, the second under its path.
    let other = temp_dir("hostile-dup-other");
    write_files(&other, &[("a.md", "Selon Erevan, au moins 31 morts.\n")]);
    let (docs, skipped) = loaded(&[&a, &other]);
    assert!(skipped.is_empty());
    assert_eq!(
        docs,
        [
            "a.md".to_string(),
            format!("{}", other.join("a.md").display())
        ]
    );

    // A loader keeps what it read across calls (one call per path, as a
    // streaming caller makes them).
    let mut loader = Loader::new();
    assert_eq!(loader.load(&a).unwrap().documents.len(), 1);
    let again = loader.load(&dir).unwrap();
    assert_eq!(again.documents.len(), 1);
    assert_eq!(again.skipped.len(), 3);
}

/// File names that are not UTF-8 and read the same once made readable keep
/// distinct document ids.
#[test]
fn file_names_that_are_not_utf8_keep_distinct_ids() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("hostile-names");
    for name in [&b"caf\xe9.txt"[..], b"caf\xe8.txt", "café.txt".as_bytes()] {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), ARTICLE).unwrap();
    }
    let (docs, skipped) = loaded(&[&dir]);
    assert!(skipped.is_empty());
    assert_eq!(docs.len(), 3);
    let mut unique = docs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{docs:?}");
}

/// The binary, end to end, on the same file twice and a file next to its
/// folder: the pipeline uses one `corpus::Loader` for the whole run.
#[test]
fn the_binary_reads_a_file_given_twice_once() {
    let dir = temp_dir("hostile-dup-bin");
    write_files(&dir, &[("a.md", ARTICLE)]);
    let a = dir.join("a.md");
    let (code, report, _) = run_json(&["report", s(&a), s(&dir), s(&a), "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(doc_ids(&report), ["a.md"]);
    let skips = skips(&report);
    assert_eq!(skips.len(), 2, "{skips:?}");
    assert!(skips.iter().all(|(_, r)| r == "already read as a.md"));
}

/// A folder with one of everything above.
fn hostile_folder(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    write_files(
        &dir,
        &[
            (
                "01-fr.md",
                &format!(
                    "---\noutlet: Le Courrier\ndate: 2023-09-19\nlang: fr\n---\n{ARTICLE}Le ministère arménien parle de 31 morts.\n"
                ),
            ),
            (
                "02-en.txt",
                "At least 200 people were killed, the Armenian ministry said on Tuesday.\n",
            ),
            ("03-empty.txt", ""),
            ("04-blank.txt", "  \n\n"),
            ("05-front.md", "---\ndate: [1,2]\n---\nAu moins 3 morts.\n"),
            (
                "06-feb30.md",
                "---\ndate: 2023-02-30\n---\nAu moins 3 morts.\n",
            ),
            ("07-notes.pdf", "%PDF-1.4"),
            (
                "sub/corpus.yaml",
                "documents:\n  08-listed.txt: {outlet: Agence, date: 2023-09-20, lang: fr}\n  missing.txt: {outlet: X}\n",
            ),
            (
                "sub/08-listed.txt",
                "Selon Erevan, environ 7000 personnes ont été évacuées.\n",
            ),
            ("bad-manifest/corpus.yaml", "documents: [\n"),
            ("bad-manifest/09.txt", "Au moins 12 blessés, selon Bakou.\n"),
        ],
    );
    std::fs::write(
        dir.join("10-latin.txt"),
        b"Selon Bakou, 29 morts ont \xe9t\xe9 recens\xe9s.\n",
    )
    .unwrap();
    std::fs::write(dir.join("11-neither.txt"), b"abc\x81def").unwrap();
    std::fs::write(dir.join("12-le.txt"), utf16(ARTICLE, false)).unwrap();
    std::fs::write(dir.join("13-be.txt"), utf16(ARTICLE, true)).unwrap();
    std::fs::write(dir.join("14-binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0\0").unwrap();
    mkfifo(&dir.join("15-pipe.txt"));
    symlink("nowhere.txt", &dir.join("16-dangling.txt"));
    symlink("17-loop-b.txt", &dir.join("17-loop-a.txt"));
    symlink("17-loop-a.txt", &dir.join("17-loop-b.txt"));
    symlink("..", &dir.join("sub/18-up"));
    symlink("01-fr.md", &dir.join("19-same.md"));
    dir
}

#[test]
fn a_hostile_folder_never_panics_and_every_input_is_accounted_for() {
    let dir = hostile_folder("hostile-mixed");
    let d = s(&dir);
    for format in ["table", "markdown", "json", "csv"] {
        let out = run_guarded(&["report", d, "--format", format], MINUTE);
        assert_eq!(out.status.code(), Some(0), "{format}");
    }
    for format in ["jsonl", "json", "shard"] {
        let out = run_guarded(&["extract", d, "--format", format], MINUTE);
        assert_eq!(out.status.code(), Some(0), "{format}");
    }
    let (_, report, _) = run_json(&["report", d, "--format", "json"]);
    let docs = doc_ids(&report);
    let skips = skips(&report);
    assert_eq!(
        docs,
        [
            "01-fr.md",
            "02-en.txt",
            "10-latin.txt",
            "12-le.txt",
            "13-be.txt",
            "bad-manifest/09.txt",
            "sub/08-listed.txt"
        ]
    );
    let names: Vec<&str> = skips.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "03-empty.txt",
        "04-blank.txt",
        "05-front.md",
        "06-feb30.md",
        "07-notes.pdf",
        "11-neither.txt",
        "14-binary.txt",
        "15-pipe.txt",
        "16-dangling.txt",
        "17-loop-a.txt",
        "17-loop-b.txt",
        "18-up",
        "19-same.md",
        "missing.txt",
        "corpus.yaml",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {skips:#?}"
        );
    }
    assert_eq!(skips.len(), 15, "{skips:#?}");
    assert!(skips.iter().all(|(_, r)| !r.trim().is_empty()));
    // Every file on disk is a document or a skip (the manifest that was used excepted).
    let table = run_guarded(&["report", d], MINUTE);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("\n7 articles read, 15 skipped\n"), "{table}");
    assert_eq!(
        table.lines().filter(|l| l.starts_with("skipped ")).count(),
        15,
        "{table}"
    );
}

#[test]
fn a_hostile_folder_gives_identical_reports_across_runs_and_thread_counts() {
    let dir = hostile_folder("hostile-determinism");
    let d = s(&dir);
    let one = run_guarded(&["report", d, "--format", "json", "--threads", "1"], MINUTE);
    let two = run_guarded(&["report", d, "--format", "json", "--threads", "2"], MINUTE);
    let again = run_guarded(&["report", d, "--format", "json"], MINUTE);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, again.stdout);
    let a = run_guarded(&["extract", d, "--threads", "1"], MINUTE);
    let b = run_guarded(&["extract", d, "--threads", "2"], MINUTE);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn strict_turns_any_skip_into_exit_2_with_one_line_each() {
    let dir = temp_dir("hostile-strict");
    write_files(
        &dir,
        &[("a.txt", ARTICLE), ("b.txt", ""), ("c.pdf", "%PDF")],
    );
    let d = s(&dir);
    for cmd in ["report", "extract"] {
        let out = run_guarded(&[cmd, d, "--strict"], MINUTE);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines,
            [
                format!("crosscheck: skipped {d}/b.txt: empty file"),
                format!(
                    "crosscheck: skipped {d}/c.pdf: not an article: only .txt, .md and .jsonl (or .ndjson) files are read"
                ),
                "crosscheck: --strict: 2 inputs skipped".to_string(),
            ],
            "{cmd}"
        );
        // Without --strict the same run succeeds.
        assert_eq!(run_guarded(&[cmd, d], MINUTE).status.code(), Some(0));
    }
    let clean = temp_dir("hostile-strict-clean");
    write_files(&clean, &[("a.txt", ARTICLE)]);
    let out = run_guarded(&["report", s(&clean), "--strict"], MINUTE);
    assert_eq!(out.status.code(), Some(0));
}

// ---- rule and config files -------------------------------------------------

/// `rules lint DIR`: exit 2 and the one refusal, with the folder prefix cut.
fn lint_refusal(name: &str, files: &[(&str, &str)]) -> String {
    let dir = temp_dir(name);
    write_files(&dir, files);
    let out = run_guarded(&["rules", "lint", s(&dir)], MINUTE);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(lines[1], "crosscheck: 1 rule file(s) refused");
    lines[0].replace(&s_dir(&dir), "")
}

const RULE_HEAD: &str = "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n";

/// A billion laughs: ten lists of ten aliases of the one before (10^9
/// strings once expanded), as mapping entries at `indent`.
fn laughs(indent: &str) -> String {
    let mut y = format!("{indent}lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        y.push_str(&format!(
            "{indent}lol{i}: &l{i} [{}]\n",
            vec![format!("*l{}", i - 1); 10].join(", ")
        ));
    }
    y
}

#[test]
fn a_yaml_alias_bomb_is_refused_at_its_place() {
    // Rule files refuse unknown fields, so a bomb there repeats a value of the
    // right type: 1,100 aliases of one example text.
    let mut y = String::from(
        "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n    pattern: '{quantity} detenus'\nexamples:\n  - text: &a \"Au moins 12 détenus.\"\n",
    );
    for _ in 0..1100 {
        y.push_str("  - text: *a\n");
    }
    let err = lint_refusal("hostile-rules-bomb", &[("bomb.yaml", &y)]);
    let loc: Vec<&str> = err.splitn(4, ':').collect();
    assert_eq!(loc[0], "bomb.yaml", "{err}");
    assert!(
        loc[1].parse::<u32>().unwrap() > 8 && loc[2].parse::<u32>().unwrap() > 0,
        "{err}"
    );
    assert!(
        loc[3].starts_with(" YAML resource limit exceeded (Aliases)"),
        "{err}"
    );
    // The classic nested bomb, where serde skips unknown keys (front matter, a
    // manifest entry): refused by the same budget, not expanded.
    for (what, yaml) in [
        ("front matter", laughs("")),
        (
            "manifest",
            format!("documents:\n  a.txt:\n{}", laughs("    ")),
        ),
    ] {
        let err = if what == "manifest" {
            crosscheck::yaml::parse::<serde::de::IgnoredAny>("corpus.yaml", &yaml)
        } else {
            crosscheck::yaml::parse::<corpus::Meta>("front matter", &yaml)
                .map(|_| serde::de::IgnoredAny)
        }
        .expect_err(what)
        .to_string();
        assert!(
            err.contains("YAML resource limit exceeded"),
            "{what}: {err}"
        );
    }
}

#[test]
fn deep_nesting_is_refused_at_its_place() {
    // 10,000 `[` where a rule file wants a pattern: refused at the value.
    let y = format!("{RULE_HEAD}    pattern: {}\n", "[".repeat(10_000));
    let err = lint_refusal("hostile-rules-deep", &[("deep.yaml", &y)]);
    assert_eq!(
        err,
        "deep.yaml:6:14: expected a single value here, not a list or a mapping"
    );
    // Where any value is accepted and skipped (an unknown front-matter key),
    // nesting stops at the depth limit; a million `[` (the most a 1 MiB file
    // holds) neither overflows the stack nor takes long.
    for n in [10_000, 1_000_000] {
        for open in ["[", "{a: "] {
            let yaml = format!("tags: {}\n", open.repeat(n / open.len()));
            let yaml = &yaml[..yaml.len().min(crosscheck::yaml::MAX_YAML_BYTES)];
            let err = crosscheck::yaml::parse::<corpus::Meta>("front matter", yaml)
                .expect_err("too deep")
                .to_string();
            assert!(
                err.starts_with("front matter:1:")
                    && err.contains("YAML resource limit exceeded (Depth)"),
                "{err}"
            );
        }
    }
}

#[test]
fn a_huge_rule_file_is_refused() {
    let y = format!("lang: fr\n# {}\n", "x".repeat(2 << 20));
    let err = lint_refusal("hostile-rules-huge", &[("huge.yaml", &y)]);
    assert_eq!(
        err,
        format!(
            "huge.yaml:1:1: file is {} bytes, over the 1048576 byte limit for YAML files; split it into several files",
            y.len()
        )
    );
}

#[test]
fn a_regex_that_compiles_to_something_enormous_is_refused() {
    let y = format!("{RULE_HEAD}    pattern: '{{quantity}} (?:\\w{{1000}}){{1000}}'\n");
    let err = lint_refusal("hostile-rules-regex", &[("big.yaml", &y)]);
    assert!(
        err.starts_with(
            "big.yaml:6:14: rule 'fr.detained.x': pattern does not compile: compiles to more than"
        ),
        "{err}"
    );
}

#[test]
fn a_pattern_matching_the_empty_string_is_refused() {
    for pattern in [
        "(?:{quantity})?",
        "(?:{quantity} detenus)*",
        "(?P<quantity>x)?|",
    ] {
        let y = format!("{RULE_HEAD}    pattern: '{pattern}'\n");
        let err = lint_refusal("hostile-rules-empty", &[("empty.yaml", &y)]);
        assert_eq!(
            err,
            "empty.yaml:6:14: rule 'fr.detained.x': pattern matches the empty string; it must require some text",
            "{pattern}"
        );
    }
    // A pattern that matches a lot but still needs a figure is accepted:
    // every figure rule must capture {quantity} or {duration}.
    let dir = temp_dir("hostile-rules-greedy");
    write_files(
        &dir,
        &[(
            "greedy.yaml",
            &format!("{RULE_HEAD}    pattern: '.*{{quantity}}.*'\n"),
        )],
    );
    let out = run_guarded(&["rules", "lint", s(&dir)], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("ok: "));
}

#[test]
fn a_rule_whose_example_contradicts_it_fails_rules_test() {
    let dir = temp_dir("hostile-rules-contra");
    write_files(
        &dir,
        &[(
            "detained.yaml",
            &format!(
                "{RULE_HEAD}    pattern: '{{quantity}} detenus'\nexamples:\n  - text: \"Au moins 12 détenus.\"\n    claims: [{{value: 13}}]\n  - text: \"Aucun détenu.\"\n    claims: [{{value: 1}}]\n"
            ),
        )],
    );
    let out = run_guarded(&["rules", "test", s(&dir)], MINUTE);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("FAILED   fr.detained.x"), "{stdout}");
    assert!(stdout.contains("detained.yaml:8:"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("examples: 0 passed, 2 failed"),
        "{stdout}"
    );
}

#[test]
fn a_name_on_two_actors_is_refused() {
    let err = lint_refusal(
        "hostile-rules-actors",
        &[(
            "actors.yaml",
            "actors:\n  - id: a\n    side: x\n    names: {fr: [Tbilissi]}\n  - id: b\n    side: y\n    names: {fr: [tbilissi]}\n",
        )],
    );
    assert_eq!(
        err,
        "actors.yaml:7:18: name 'tbilissi' is given to both 'a' and 'b' in fr; keep it on one actor"
    );
}

#[test]
fn a_second_yaml_document_is_refused() {
    let err = lint_refusal(
        "hostile-rules-docs",
        &[("two.yaml", "lang: fr\n---\nlang: en\n")],
    );
    assert_eq!(
        err,
        "two.yaml:2:1: a second YAML document starts here (a `---` line): one document per file"
    );
}

/// A named pipe in a rule folder is refused by type, not waited on.
#[test]
fn a_named_pipe_among_rule_files_is_refused_without_blocking() {
    let dir = temp_dir("hostile-rules-fifo");
    mkfifo(&dir.join("x.yaml"));
    let out = run_guarded(&["rules", "lint", s(&dir)], Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("x.yaml:1:1: not a regular file"), "{err}");
}

// ---- JSON Lines, shards and inputs given directly (issue 17) ----

/// A JSON report of `args` run with `stdin` as standard input.
fn run_json_in(args: &[&str], stdin: Stdio) -> (i32, Value, String) {
    let out = run_guarded_in(args, 3 * MINUTE, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json, stderr)
}

const LINE: &str =
    "{\"id\": \"a\", \"lang\": \"fr\", \"text\": \"Selon Bakou, au moins 29 morts.\"}\n";

/// A `.jsonl` that is a link to a device or a named pipe is refused by its
/// type, given directly or in a folder; standard input that never ends a
/// line, or never holds an article, is read within bounds and abandoned
/// with its line. Each of these hung or filled memory before.
#[test]
fn a_jsonl_that_is_a_device_a_pipe_or_an_endless_stream_is_refused_or_bounded() {
    let dir = temp_dir("hostile-jsonl-devices");
    write_files(&dir, &[("good.jsonl", LINE)]);
    symlink("/dev/zero", &dir.join("zero.jsonl"));
    symlink("/dev/urandom", &dir.join("random.jsonl"));
    mkfifo(&dir.join("pipe.jsonl"));
    let (code, report, stderr) = run_json(&[
        "report",
        "--format",
        "json",
        s(&dir),
        s(&dir.join("zero.jsonl")),
        s(&dir.join("pipe.jsonl")),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc_ids(&report), ["a"]);
    let skips = skips(&report);
    assert_eq!(skips.len(), 5, "{skips:#?}");
    assert!(reason_of(&skips, "zero.jsonl").contains("a device: only regular files are read"));
    assert!(reason_of(&skips, "random.jsonl").contains("a device"));
    assert!(reason_of(&skips, "pipe.jsonl").contains("named pipe"));
    // `-` fed an endless line: read up to the limit for one article, then abandoned.
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let args = ["report", "--format", "json", "--stdin-format", "jsonl", "-"];
    let (code, _, stderr) = run_json_in(&args, zero.into());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("stdin:1: line is longer than 268435456 bytes"),
        "{stderr}"
    );
    // Not told, it does not start like JSON Lines: one article, bounded too.
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let (code, _, stderr) = run_json_in(&["report", "--format", "json", "-"], zero.into());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("stdin: over the 268435456 byte limit for one article"),
        "{stderr}"
    );
    // `-` fed random bytes: a thousand lines that are not articles, then abandoned.
    let noise: Vec<u8> = (0..4_000_000u64)
        .map(|i| (i.wrapping_mul(6364136223846793005) >> 56) as u8)
        .collect();
    std::fs::write(dir.join("noise"), noise).unwrap();
    let noise = std::fs::File::open(dir.join("noise")).unwrap();
    let (code, _, stderr) = run_json_in(&args, noise.into());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("1000 skipped"), "{stderr}");
}

/// A `.jsonl` in a folder is read like any article file; reached twice
/// (given again, or through a link) it is read once; lines with the same
/// id get unique ones (the line's place); one that cannot be opened
/// (a dangling link, a loop of links) is skipped and the run goes on.
#[test]
fn jsonl_files_are_read_in_folders_once_with_unique_ids() {
    let dir = temp_dir("hostile-jsonl-folder");
    write_files(
        &dir,
        &[("sub/feed.jsonl", &LINE.repeat(3)), ("b.md", ARTICLE)],
    );
    symlink("sub/feed.jsonl", &dir.join("link.jsonl"));
    symlink("nowhere.jsonl", &dir.join("gone.jsonl"));
    symlink("loop.jsonl", &dir.join("loop.jsonl"));
    let (code, report, stderr) = run_json(&[
        "report",
        "--format",
        "json",
        s(&dir),
        s(&dir.join("sub/feed.jsonl")),
        s(&dir.join("loop.jsonl")),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut ids = doc_ids(&report);
    ids.sort();
    assert_eq!(ids, ["a", "b.md", "link.jsonl:2", "link.jsonl:3"]);
    let skips = skips(&report);
    let already: Vec<_> = skips.iter().filter(|(n, _)| n == "feed.jsonl").collect();
    assert_eq!(already.len(), 2, "{skips:#?}");
    assert!(already.iter().all(|(_, r)| r.contains("already read as")));
    assert!(reason_of(&skips, "gone.jsonl").contains("broken symbolic link"));
    assert!(reason_of(&skips, "loop.jsonl").contains("loop"));
    // Each claim counted once: three lines and an article, four claims.
    let claims: usize = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["claims"].as_array().unwrap().len())
        .sum();
    assert_eq!(claims, 4, "{report}");
}

/// Shards: `reconcile` refuses a pipe or a device without waiting on it,
/// reads a shard given twice (or through a link) once, and refuses, at
/// its line, a shard cut short, plain claims with no closing line, and
/// claims whose values cannot be (low above high, start after end, 1e308).
#[test]
fn shards_are_read_once_whole_and_believable_or_refused_at_their_line() {
    let dir = temp_dir("hostile-shards");
    write_files(&dir, &[("a.md", ARTICLE)]);
    let shard = String::from_utf8(
        run_guarded(
            &["extract", "--format", "shard", s(&dir.join("a.md"))],
            MINUTE,
        )
        .stdout,
    )
    .unwrap();
    let lines: Vec<&str> = shard.lines().collect();
    assert_eq!(lines.len(), 3, "{shard}");
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let whole = write("whole.jsonl", shard.clone());
    symlink("whole.jsonl", &dir.join("link.jsonl"));
    mkfifo(&dir.join("pipe.jsonl"));
    let refused = |args: &[&str]| {
        let out = run_guarded(args, MINUTE);
        assert_eq!(out.status.code(), Some(2), "{args:?} was accepted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A pipe and a device: refused by type, at once.
    assert!(refused(&["reconcile", s(&dir.join("pipe.jsonl"))]).contains("named pipe"));
    assert!(refused(&["reconcile", "/dev/zero"]).contains("a device"));
    // Given twice and through a link: one document, its claim once.
    let (code, report, stderr) = run_json(&[
        "reconcile",
        "--format",
        "json",
        &whole,
        &whole,
        s(&dir.join("link.jsonl")),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc_ids(&report), ["a.md"]);
    assert_eq!(report["groups"][0]["claims"].as_array().unwrap().len(), 1);
    let skips = skips(&report);
    assert_eq!(skips.len(), 2, "{skips:#?}");
    assert!(
        skips
            .iter()
            .all(|(_, r)| r.starts_with("shard already read as"))
    );
    // Cut at a line boundary, or plain claims: no closing line.
    let cut = write("cut.jsonl", lines[..2].join("\n") + "\n");
    assert!(
        refused(&["reconcile", &cut])
            .contains("cut.jsonl:3: the shard ends without its closing line")
    );
    let claims_only = write("claims.jsonl", lines[0].to_string() + "\n");
    assert!(refused(&["reconcile", &claims_only]).contains("without its closing line"));
    // A line dropped in the middle: the closing count disagrees.
    let holed = write("holed.jsonl", [lines[1], lines[2]].join("\n") + "\n");
    assert!(refused(&["reconcile", &holed]).contains("holed.jsonl:2"));
    // Values that cannot be: refused at the claim's line.
    let claim: Value = serde_json::from_str(lines[0]).unwrap();
    for (field, value, says) in [
        ("low", serde_json::json!(50), "above its high"),
        ("start", serde_json::json!(999), "after its end"),
        ("value", serde_json::json!(1e308), "not a figure"),
        ("high", serde_json::json!(1e308), "not a figure"),
    ] {
        let mut bad = claim.clone();
        bad[field] = value;
        if field == "low" {
            bad["high"] = serde_json::json!(10);
        }
        let text = format!("{bad}\n{}\n{}\n", lines[1], lines[2]);
        let path = write("bad.jsonl", text);
        let err = refused(&["reconcile", &path]);
        assert!(
            err.contains("bad.jsonl:1") && err.contains(says),
            "{field}: {err}"
        );
    }
}

/// An article in a language no rule reads (`lang: xx`, `lang: de`, German
/// or Russian text with no `lang`) is skipped with its reason, not read as
/// French into no claims at all.
#[test]
fn articles_in_a_language_no_rule_reads_are_skipped_with_a_reason() {
    let dir = temp_dir("hostile-languages");
    let german = "Bei dem Erdbeben sind nach Angaben der Behörden mindestens 1500 Menschen ums Leben gekommen. Die Rettungskräfte suchen weiter nach Überlebenden in den Trümmern, teilte das Innenministerium am Montag mit.\n";
    let russian = "По данным властей, в результате землетрясения погибли не менее 1500 человек. Спасатели продолжают искать выживших под завалами, сообщило министерство.\n";
    write_files(
        &dir,
        &[
            ("fr.md", ARTICLE),
            ("xx.md", &format!("---\nlang: xx\n---\n{ARTICLE}")),
            ("de-given.md", &format!("---\nlang: de\n---\n{german}")),
            ("de.md", german),
            ("ru.md", &russian.repeat(2)),
        ],
    );
    let (code, report, stderr) = run_json(&["report", "--format", "json", s(&dir)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc_ids(&report), ["fr.md"]);
    let skips = skips(&report);
    assert_eq!(skips.len(), 4, "{skips:#?}");
    assert!(
        reason_of(&skips, "xx.md")
            .starts_with("lang \"xx\" (given): no rules read it (rules read en, fr)")
    );
    assert!(reason_of(&skips, "de-given.md").starts_with("lang \"de\" (given)"));
    for name in ["de.md", "ru.md"] {
        assert!(reason_of(&skips, name).starts_with("not in a language the rules read (en, fr)"));
    }
}

/// A folder that cannot be listed is one skip entry, however often it is
/// reached. As root (or in a sandbox that ignores permissions) a folder
/// locked with `chmod 000` still lists, so the test falls back on a
/// folder the kernel refuses to list (`/proc/1/fdinfo`).
#[test]
fn a_folder_that_cannot_be_listed_is_one_entry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("hostile-locked");
    write_files(&dir, &[("ok/a.md", ARTICLE), ("locked/b.md", ARTICLE)]);
    let locked = dir.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked = if std::fs::read_dir(&locked).is_err() {
        locked
    } else {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_dir_all(&locked).unwrap();
        PathBuf::from("/proc/1/fdinfo")
    };
    assert!(
        std::fs::read_dir(&locked).is_err(),
        "no folder on this machine refuses to be listed"
    );
    let (code, report, stderr) = run_json(&[
        "report",
        "--format",
        "json",
        s(&dir),
        s(&locked),
        s(&locked),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc_ids(&report), ["ok/a.md"]);
    let skips = skips(&report);
    assert_eq!(skips.len(), 1, "{skips:#?}");
    assert!(
        skips[0].1.starts_with("folder cannot be read"),
        "{skips:#?}"
    );
}

// ---- report and command-line rows (issue 17) ----

/// Articles whose file names and outlets carry a terminal escape (a window
/// title: ESC … BEL), a newline, a table's `|`, a tab and spreadsheet
/// formulas; and a skipped file whose name clears the screen.
fn hostile_names(name: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir(name);
    let body = "Au moins 29 morts ont été recensés mardi.\n";
    let files: [(&[u8], &str); 4] = [
        (b"title\x1b]0;pwned\x07.md", r#""\e]0;outlet\a|x""#),
        (b"new\nline.md", r#"'=HYPERLINK("http://x","y")'"#),
        (b"+cmd.md", "'@SUM(A1)'"),
        (b"-2.md", r#""\tTab""#),
    ];
    for (file, outlet) in files {
        let text = format!("---\noutlet: {outlet}\ndate: 2023-09-19\n---\n{body}");
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(file)), text).unwrap();
    }
    std::fs::write(dir.join("clear\x1b[2J.pdf"), "%PDF").unwrap();
    dir
}

/// `|` not escaped by a backslash.
fn bare_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            n += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    n
}

#[test]
fn control_characters_in_names_and_outlets_are_shown_escaped() {
    let dir = hostile_names("hostile-escapes");
    let d = s(&dir);
    let raw = |text: &str| text.chars().any(|c| c.is_control() && c != '\n');

    let out = run_guarded(&["report", d, "--width", "250"], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(!raw(&table), "{table:?}");
    for shown in [
        r"title\u{1b}]0;pwned\u{7}.md:5:1, 2023-09-19",
        r"\u{1b}]0;outlet\u{7}|x (own reporting)",
        r"new\nline.md:5:1, 2023-09-19",
        r"\tTab (own reporting)",
    ] {
        assert!(table.contains(shown), "{shown} not in\n{table}");
    }

    let out = run_guarded(&["report", d, "--format", "markdown"], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!raw(&md), "{md:?}");
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert!(rows.len() >= 3, "{md}");
    for row in &rows {
        assert_eq!(bare_pipes(row), 7, "a broken table row: {row}");
    }
    for shown in [
        r"title\u{1b}]0;pwned\u{7}.md",
        r"\u{1b}]0;outlet\u{7}\|x (own reporting)",
        r"new\nline.md",
        r"clear\u{1b}[2J.pdf: not an article",
    ] {
        assert!(md.contains(shown), "{shown} not in\n{md}");
    }

    // --strict names the skipped file on stderr, escaped too.
    let out = run_guarded(&["report", d, "--strict"], MINUTE);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!raw(&err), "{err:?}");
    assert!(err.contains(r"clear\u{1b}[2J.pdf: not an article"), "{err}");
}

#[test]
fn csv_cells_that_start_like_a_formula_are_neutralised() {
    let dir = hostile_names("hostile-csv");
    let out = run_guarded(&["report", s(&dir), "--format", "csv"], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut cells: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                r[column("doc")].to_string(),
                r[column("source")].to_string(),
            )
        })
        .collect();
    cells.sort();
    assert_eq!(
        cells,
        [
            ("'+cmd.md".to_string(), "'@SUM(A1)".to_string()),
            ("'-2.md".to_string(), "'\tTab".to_string()),
            (
                "new\nline.md".to_string(),
                r#"'=HYPERLINK("http://x","y")"#.to_string()
            ),
            (
                "title\x1b]0;pwned\x07.md".to_string(),
                "\x1b]0;outlet\x07|x".to_string()
            ),
        ]
    );
    // Figures and offsets stay numbers.
    for r in &rows {
        for name in ["best", "low", "line", "start", "end"] {
            assert!(r[column(name)].parse::<f64>().is_ok(), "{name}: {r:?}");
        }
    }
}

#[test]
fn threads_beyond_a_sane_number_are_capped_with_one_warning() {
    let dir = temp_dir("hostile-threads");
    write_files(&dir, &[("a.md", ARTICLE)]);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = (4 * cores).min(256);
    for cmd in ["report", "extract", "speakers"] {
        let out = run_guarded(&[cmd, s(&dir), "--threads", "100000"], MINUTE);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(
            err.starts_with(&format!(
                "crosscheck: warning: --threads 100000 capped to {cap} "
            )),
            "{cmd}: {err}"
        );
    }
    let out = run_guarded(&["report", s(&dir), "--threads", &cap.to_string()], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
}

#[test]
fn expect_refuses_a_json_that_is_not_a_crosscheck_report() {
    let dir = temp_dir("hostile-expect-shape");
    write_files(
        &dir,
        &[
            ("a.md", ARTICLE),
            ("empty.json", "{}"),
            ("partial.json", r#"{"documents": [], "skipped": []}"#),
            ("array.json", "[1, 2]"),
            (
                "group.json",
                r#"{"documents": [], "skipped": [], "groups": [{"kind": "death_toll", "verdict": "consistent"}]}"#,
            ),
        ],
    );
    for (file, what) in [
        ("empty.json", "field `documents` is missing"),
        ("partial.json", "field `groups` is missing"),
        ("array.json", "an array, not an object"),
        ("group.json", "field `groups[0].claims` is missing"),
    ] {
        let stored = dir.join(file);
        let out = run_guarded(
            &["report", s(&dir.join("a.md")), "--expect", s(&stored)],
            MINUTE,
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(out.stdout.is_empty(), "{file}");
        assert!(
            err.starts_with(&format!(
                "crosscheck: {}: not a crosscheck report: ",
                stored.display()
            )),
            "{file}: {err}"
        );
        assert!(err.contains(what), "{file}: {err}");
        assert!(err.contains("crosscheck report"), "{file}: {err}");
        assert!(err.contains("--format json"), "{file}: {err}");
    }
}

#[test]
fn expect_refuses_a_pipe_a_device_or_a_huge_file_without_waiting() {
    let dir = temp_dir("hostile-expect-fifo");
    write_files(&dir, &[("a.md", ARTICLE)]);
    let a = dir.join("a.md");
    mkfifo(&dir.join("pipe.json"));
    let big = dir.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((1 << 30) + 1)
        .unwrap();
    for (target, what) in [
        (
            dir.join("pipe.json"),
            "not a regular file (a named pipe (FIFO))",
        ),
        (PathBuf::from("/dev/zero"), "not a regular file (a device)"),
        (dir.clone(), "not a regular file (a folder)"),
        (big, "over the 1073741824 byte limit"),
    ] {
        let out = run_guarded(
            &["report", s(&a), "--expect", s(&target)],
            Duration::from_secs(30),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{target:?}: {err}");
        assert!(err.contains(what), "{target:?}: {err}");
    }
}

#[test]
fn update_refuses_a_symbolic_link_or_an_input_article() {
    let dir = temp_dir("hostile-update");
    write_files(
        &dir,
        &[
            ("corpus/a.md", ARTICLE),
            ("corpus/b.md", "Au moins 3 blessés.\n"),
            ("target.json", "keep me"),
        ],
    );
    let corpus = dir.join("corpus");
    let (a, b) = (corpus.join("a.md"), corpus.join("b.md"));
    symlink("target.json", &dir.join("link.json"));
    symlink("nowhere.json", &dir.join("dangling.json"));
    let refused = |input: &Path, target: &Path, what: &str| {
        let out = run_guarded(
            &["report", s(input), "--expect", s(target), "--update"],
            MINUTE,
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{target:?}: {err}");
        assert!(err.contains(what), "{target:?}: {err}");
    };
    refused(&corpus, &dir.join("link.json"), "a symbolic link");
    assert_eq!(
        std::fs::read_to_string(dir.join("target.json")).unwrap(),
        "keep me"
    );
    refused(&corpus, &dir.join("dangling.json"), "a symbolic link");
    assert!(!dir.join("nowhere.json").exists());
    refused(&a, &a, "one of this run's inputs");
    refused(&corpus, &b, "not a crosscheck report");
    refused(&corpus, &dir.join("target.json"), "not a crosscheck report");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), ARTICLE);
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        "Au moins 3 blessés.\n"
    );

    // A new report file, then the same one again, are written.
    let report = dir.join("report.json");
    for _ in 0..2 {
        let out = run_guarded(
            &["report", s(&corpus), "--expect", s(&report), "--update"],
            MINUTE,
        );
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote "));
    }
    let out = run_guarded(&["report", s(&corpus), "--expect", s(&report)], MINUTE);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("report matches "));
}

// ---- rule-file and configuration rows (issue 17) ----

/// Row 11: a date whose time no clock shows, or whose year is a placeholder
/// (`0000`) or a typo (`2230`), is refused wherever it is given (front
/// matter, a manifest, a JSON Lines `date`): the article is skipped, the
/// reason names the date (and, in front matter, its line; in JSON Lines,
/// the path names the line).
#[test]
fn impossible_times_and_out_of_range_years_are_skipped_with_the_date() {
    let dir = temp_dir("hostile-dates");
    let line = |id: &str, date: &str| {
        format!(
            "{{\"id\": \"{id}\", \"date\": \"{date}\", \"lang\": \"fr\", \"text\": \"Au moins 3 morts.\"}}\n"
        )
    };
    let feed = [
        line("j1", "2023-09-19T10:00:00Z"),
        line("j2", "0000-01-01"),
        line("j3", "2023-09-19T24:00"),
    ]
    .concat();
    write_files(
        &dir,
        &[
            (
                "hour25.md",
                &format!("---\noutlet: X\ndate: 2023-09-19T25:00:00Z\n---\n{ARTICLE}"),
            ),
            (
                "year0.md",
                &format!("---\ndate: 0000-01-01\n---\n{ARTICLE}"),
            ),
            (
                "ok-offset.md",
                &format!("---\ndate: 2023-09-19T23:59:59.5+02:00\n---\n{ARTICLE}"),
            ),
            (
                "ok-space.md",
                &format!("---\ndate: 2023-09-20 10:00:00\n---\n{ARTICLE}"),
            ),
            (
                "m/corpus.yaml",
                "documents:\n  late.txt: {date: '2230-01-01'}\n  minute.txt: {date: '2023-09-19T10:60'}\n  fine.txt: {date: '1800-01-01'}\n",
            ),
            ("m/late.txt", ARTICLE),
            ("m/minute.txt", ARTICLE),
            ("m/fine.txt", ARTICLE),
        ],
    );
    let feed_dir = temp_dir("hostile-dates-feed");
    write_files(&feed_dir, &[("feed.jsonl", &feed)]);
    let feed = feed_dir.join("feed.jsonl");
    let (code, report, _) = run_json(&["report", s(&dir), s(&feed), "--format", "json"]);
    assert_eq!(code, 0);
    let skips = skips(&report);
    let no_time = |d: &str| {
        format!(
            "date {d:?} has no valid time after the day (want YYYY-MM-DD, or a time such as 2023-09-19T10:00:00Z or 2023-09-19 10:00+02:00)"
        )
    };
    let out_of_range = |d: &str| {
        format!("date {d:?} is out of range: a publication date falls in the years 1800 to 2200")
    };
    assert_eq!(
        reason_of(&skips, "hour25.md"),
        format!("front matter line 3: {}", no_time("2023-09-19T25:00:00Z"))
    );
    assert_eq!(
        reason_of(&skips, "year0.md"),
        format!("front matter line 2: {}", out_of_range("0000-01-01"))
    );
    assert_eq!(reason_of(&skips, "late.txt"), out_of_range("2230-01-01"));
    assert_eq!(reason_of(&skips, "minute.txt"), no_time("2023-09-19T10:60"));
    assert_eq!(
        reason_of(&skips, "feed.jsonl:2"),
        out_of_range("0000-01-01")
    );
    assert_eq!(
        reason_of(&skips, "feed.jsonl:3"),
        no_time("2023-09-19T24:00")
    );
    assert_eq!(skips.len(), 6, "{skips:#?}");
    let mut docs = doc_ids(&report);
    docs.sort();
    assert_eq!(docs.len(), 4, "{docs:?}");
    for id in ["ok-offset.md", "ok-space.md", "m/fine.txt", "j1"] {
        assert!(
            docs.iter().any(|d| d.ends_with(id)),
            "{id} not read: {docs:?}"
        );
    }
}

/// `file:line:column` of a refusal, and its message.
fn located(err: &str) -> (String, u32, u32, String) {
    let parts: Vec<&str> = err.splitn(4, ':').collect();
    assert_eq!(parts.len(), 4, "{err}");
    (
        parts[0].to_string(),
        parts[1]
            .parse()
            .unwrap_or_else(|_| panic!("no line: {err}")),
        parts[2]
            .parse()
            .unwrap_or_else(|_| panic!("no column: {err}")),
        parts[3].trim_start().to_string(),
    )
}

/// Row 13: reconcile settings out of range (a negative window, a tolerance
/// that is not a share, NaN, infinities) are refused at their value.
#[test]
fn reconcile_settings_out_of_range_are_refused_at_their_place() {
    let cases: &[(&str, u32, u32, &str)] = &[
        (
            "window_days: -5\n",
            1,
            14,
            "window_days -5 is not a number of days from 0 to 3650",
        ),
        (
            "window_days: 100000000000\n",
            1,
            14,
            "window_days 100000000000 is not a number of days",
        ),
        (
            "default:\n  tolerance: -1\n",
            2,
            14,
            "tolerance -1 is not a share from 0 to 1",
        ),
        (
            "default:\n  tolerance: 1e308\n",
            2,
            14,
            "tolerance 1e308 is not a share from 0 to 1",
        ),
        (
            "default:\n  tolerance: .nan\n",
            2,
            14,
            "tolerance NaN is not a share from 0 to 1",
        ),
        (
            "default:\n  tolerance: .inf\n",
            2,
            14,
            "tolerance inf is not a share from 0 to 1",
        ),
        (
            "kinds:\n  death_toll: {tolerance: -.inf}\n",
            2,
            27,
            "tolerance -inf is not a share",
        ),
        (
            "kinds:\n  wounded:\n    partial_below: 2\n",
            3,
            20,
            "partial_below 2 is not a share from 0 to 1",
        ),
    ];
    for (yaml, line, column, message) in cases {
        let err = lint_refusal("hostile-reconcile", &[("reconcile.yaml", yaml)]);
        let (file, l, c, m) = located(&err);
        assert_eq!(
            (file.as_str(), l, c),
            ("reconcile.yaml", *line, *column),
            "{yaml}: {err}"
        );
        assert!(m.starts_with(message), "{yaml}: {err}");
    }
    // Plain `NaN` and `inf` are refused too, whether read as numbers or not.
    for value in ["NaN", "inf", "-inf"] {
        let err = lint_refusal(
            "hostile-reconcile",
            &[(
                "reconcile.yaml",
                &format!("default:\n  tolerance: {value}\n"),
            )],
        );
        assert!(err.starts_with("reconcile.yaml:2:14: "), "{value}: {err}");
    }
}

/// Row 13: a rule file's kind must be a name reports and filters can use,
/// an id must be one, and its language must have a pack.
#[test]
fn bad_kinds_ids_and_languages_without_a_pack_are_refused_at_their_place() {
    let file = |lang: &str, kind: &str, id: &str| {
        format!(
            "lang: {lang}\nkind: {kind}\nunit: persons\nrules:\n  - id: {id}\n    pattern: '{{quantity}} detenus'\n"
        )
    };
    let kind_hint = "is not a kind name: use lowercase letters, digits and _ (such as death_toll)";
    let id_hint =
        "is not an id: use letters, digits, '.', '_' and '-' (such as fr.death_toll.noun)";
    let cases = [
        (file("fr", "\"\"", "fr.x"), format!("k.yaml:2:7: kind \"\" {kind_hint}")),
        (
            file("fr", "\"detained\\nfr\"", "fr.x"),
            format!("k.yaml:2:7: kind \"detained\\nfr\" {kind_hint}"),
        ),
        (file("fr", "Death-Toll", "fr.x"), format!("k.yaml:2:7: kind \"Death-Toll\" {kind_hint}")),
        (file("fr", "detained", "\"\""), format!("k.yaml:5:9: id \"\" {id_hint}")),
        (file("fr", "detained", "\"fr x\""), format!("k.yaml:5:9: id \"fr x\" {id_hint}")),
        (
            file("xx", "detained", "xx.x"),
            "k.yaml:1:7: lang \"xx\" has no language pack (there are: en, fr); add one under lang/xx/ in the rules folder (see docs/LANGUAGES.md)".to_string(),
        ),
    ];
    for (yaml, want) in cases {
        let err = lint_refusal("hostile-rule-names", &[("k.yaml", &yaml)]);
        assert_eq!(err, want, "{yaml}");
    }
}

/// Writes `rules` claim rules (each its own id and pattern, as a user's
/// copy of a default rule) spread over `files` files.
fn many_rules(name: &str, rules: usize, files: usize) -> PathBuf {
    let dir = temp_dir(name);
    let per = rules.div_ceil(files.max(1));
    for (f, chunk) in (0..rules)
        .collect::<Vec<_>>()
        .chunks(per.max(1))
        .enumerate()
    {
        let mut y = String::from("lang: fr\nkind: wounded\nunit: persons\nrules:\n");
        for i in chunk {
            y.push_str(&format!(
                "  - id: fr.many.r{i:05}\n    pattern: \"{{quantity}} (?:de )?mot{i:05} blesses\\\\b\"\n"
            ));
        }
        std::fs::write(dir.join(format!("many{f:04}.yaml")), y).unwrap();
    }
    dir
}

/// Row 14: `rules lint` compiles each pattern once, however many files the
/// rules are spread over: it compiled the defaults again for every file,
/// then everything twice more (2,000 rules took over a minute). Counted
/// in patterns compiled, not in seconds: two a rule, its own and the form
/// its language's gate asks (`rules::gate`).
#[test]
fn linting_compiles_each_rule_once_however_the_rules_are_spread() {
    let compiled_by_lint = |dir: &Path| {
        let selection = crosscheck::rules::Selection {
            defaults: true,
            default_actors: true,
            dirs: vec![dir.to_path_buf()],
        };
        let before = crosscheck::work::patterns_compiled();
        let errors = crosscheck::rules::RuleSet::lint(&selection).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        crosscheck::work::patterns_compiled() - before
    };
    // The baseline has a user's file too: with the built-in files alone,
    // their patterns wait to be asked for (`rules::RulePattern`).
    let one = compiled_by_lint(&many_rules("hostile-many-0", 1, 1));
    let in_one_file = compiled_by_lint(&many_rules("hostile-many-1", 48, 1)) - one;
    let in_24_files = compiled_by_lint(&many_rules("hostile-many-24", 48, 24)) - one;
    let half = compiled_by_lint(&many_rules("hostile-many-half", 24, 12)) - one;
    assert_eq!(
        (in_one_file, in_24_files, half),
        (94, 94, 46),
        "patterns compiled for 47 more rules in 1 file, in 24 files, 23 more in 12 files (with the defaults and one rule: {one})"
    );
}
