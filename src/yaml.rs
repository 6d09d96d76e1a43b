//! Reading YAML with serde-saphyr under a resource budget, with errors that
//! name the file, line and column.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Largest YAML file we accept (rule files, manifests, front matter).
pub const MAX_YAML_BYTES: usize = 1 << 20;

/// Parses `text` (the content of `path`) into `T`, refusing alias bombs,
/// deep nesting and oversized input.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Error::rules(
            path,
            1,
            1,
            format!(
                "file is {} bytes, over the {} byte limit for YAML files; split it into several files",
                text.len(),
                MAX_YAML_BYTES
            ),
        ));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 200_000,
            max_nodes: 100_000,
            max_documents: 1,
            max_total_scalar_bytes: MAX_YAML_BYTES,
            max_recorded_anchor_events: 10_000,
        },
        with_snippet: false,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| yaml_error(path, &e))
}

/// Maps a serde-saphyr error to ours, keeping its location.
pub fn yaml_error(path: &str, e: &serde_saphyr::Error) -> Error {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let mut message = e.to_string();
    // A breached budget (possibly reported through the alias that breached it),
    // or the parser's own guard against nesting (`[[[[…`), which is the same limit.
    let breached = match message.find("budget breached: ") {
        Some(i) => Some(
            message[i + 17..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect::<String>(),
        ),
        None if message.contains("recursion limit exceeded") => Some("Depth".to_string()),
        None => None,
    };
    if breached.as_deref() == Some("Documents") {
        return Error::rules(
            path,
            line,
            column,
            "a second YAML document starts here (a `---` line): one document per file",
        );
    }
    if let Some(what) = breached {
        return Error::rules(
            path,
            line,
            column,
            format!(
                "YAML resource limit exceeded ({what}): the file nests, aliases or expands to more \
                 than a rule file may; write the values out instead of repeating anchors"
            ),
        );
    }
    // serde-saphyr appends its own "at line X, column Y" and hints meant for
    // programmers; we lead with our location and keep what a writer can act on.
    for cut in [" at line ", "\n", ", set DuplicateKeyPolicy"] {
        if let Some(i) = message.find(cut) {
            message.truncate(i);
        }
    }
    let message = match message.trim() {
        "expected string scalar" => "expected a single value here, not a list or a mapping".into(),
        "expected mapping start" => "expected a mapping (`key: value` lines) here".into(),
        m if m.starts_with("cannot deserialize null into string") => {
            "a value is missing here (null where text is expected)".into()
        }
        m => m.to_string(),
    };
    Error::rules(path, line, column, message)
}
