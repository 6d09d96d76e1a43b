//! The shape of `src/`, checked so that it stays readable: a folder per
//! stage, no file too long to read in one sitting, language knowledge only
//! in the language module, and a `main.rs` that leaves output formats to the
//! library's printers.

use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap().to_path_buf();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(p, text)| format!("{} ({} lines)", p.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn the_stages_are_folders() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for stage in [
        "corpus",
        "lang",
        "text",
        "quantity",
        "actors",
        "rules",
        "extract",
        "reconcile",
        "report",
    ] {
        assert!(
            root.join(stage).join("mod.rs").is_file(),
            "src/{stage}/ is missing"
        );
    }
}

#[test]
fn languages_are_named_only_in_the_language_module() {
    let named: Vec<String> = sources()
        .iter()
        .filter(|(p, _)| !p.starts_with("lang"))
        .filter(|(_, text)| text.contains("Lang::Fr") || text.contains("Lang::En"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        named.is_empty(),
        "language knowledge outside src/lang: {named:?}"
    );
}

#[test]
fn main_writes_no_json_by_hand() {
    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    for punctuation in ["\"[\"", "\",\"", "\"]\"", "\"\\n]\"", "\"{\""] {
        assert!(
            !main.contains(punctuation),
            "main.rs writes JSON punctuation {punctuation}: use a printer in src/report/"
        );
    }
}
