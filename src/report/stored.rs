//! The stored report of `report --expect FILE [--update]`. It is read only
//! from a regular file (a pipe or `/dev/zero` would never end), within a
//! bound, and only when it has the shape of a crosscheck report. `--update`
//! writes a new file or replaces a report; it never writes through a
//! symbolic link, onto one of the run's inputs, or over a file that is not
//! a report.

use crate::corpus::{self, file_key, file_kind, open_nonblocking as open, open_regular};
use crate::error::{Error, Result};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The largest stored report read: 1 GiB.
pub const LIMIT: u64 = 1 << 30;

/// How to make a stored report, for the messages.
const MAKE_ONE: &str = "make one with `crosscheck report PATH... --format json > FILE` \
     (or `crosscheck report PATH... --expect FILE --update` with a new FILE)";

fn input(path: &Path, message: String) -> Error {
    Error::Input {
        path: path.display().to_string(),
        message,
    }
}

fn not_regular(file_type: &fs::FileType) -> String {
    format!(
        "not a regular file ({}): --expect reads a report from a regular file; {MAKE_ONE}",
        file_kind(file_type)
    )
}

/// The bytes of a regular file of at most [`LIMIT`] bytes; its type is
/// checked before it is opened and again on the open handle.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| {
        input(
            path,
            format!("cannot be read: {e}; create it with --update"),
        )
    })?;
    if !meta.is_file() {
        return Err(input(path, not_regular(&meta.file_type())));
    }
    let (file, meta) = open_regular(path).map_err(|why| input(path, why))?;
    corpus::read_bounded(file, meta.len(), LIMIT, "a stored report")
        .map_err(|why| input(path, format!("{why}; {MAKE_ONE}")))
}

/// "a string", "an array" …, for what a field holds.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks that `object[name]` (shown as `at`) holds what `want` accepts.
fn field<'a>(
    object: &'a Value,
    name: &str,
    at: &str,
    want: (&str, fn(&Value) -> bool),
) -> std::result::Result<&'a Value, String> {
    match object.get(name) {
        None => Err(format!("field `{at}` is missing")),
        Some(v) if (want.1)(v) => Ok(v),
        Some(v) => Err(format!("field `{at}` is {}, not {}", json_kind(v), want.0)),
    }
}

const ARRAY: (&str, fn(&Value) -> bool) = ("an array", Value::is_array);
const STRING: (&str, fn(&Value) -> bool) = ("a string", Value::is_string);
const NUMBER: (&str, fn(&Value) -> bool) = ("a number", Value::is_u64);

/// The elements of the array `v`, each an object, with their place.
fn objects<'a>(
    v: &'a Value,
    at: &'a str,
) -> impl Iterator<Item = std::result::Result<(&'a Value, String), String>> {
    v.as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(move |(i, e)| match e {
            Value::Object(_) => Ok((e, format!("{at}[{i}]"))),
            _ => Err(format!(
                "field `{at}[{i}]` is {}, not an object",
                json_kind(e)
            )),
        })
}

/// Why `v` is not a report as `crosscheck report --format json` writes it:
/// the first field that `--expect` compares and that is missing or of
/// another type.
pub fn check_shape(v: &Value) -> std::result::Result<(), String> {
    if !v.is_object() {
        return Err(format!(
            "the top level is {}, not an object with `documents`, `skipped` and `groups`",
            json_kind(v)
        ));
    }
    let documents = field(v, "documents", "documents", ARRAY)?;
    let skipped = field(v, "skipped", "skipped", ARRAY)?;
    let groups = field(v, "groups", "groups", ARRAY)?;
    for d in objects(documents, "documents") {
        let (d, at) = d?;
        field(d, "doc", &format!("{at}.doc"), STRING)?;
    }
    for s in objects(skipped, "skipped") {
        let (s, at) = s?;
        field(s, "path", &format!("{at}.path"), STRING)?;
    }
    for g in objects(groups, "groups") {
        let (g, at) = g?;
        field(g, "kind", &format!("{at}.kind"), STRING)?;
        field(g, "verdict", &format!("{at}.verdict"), STRING)?;
        let claims = field(g, "claims", &format!("{at}.claims"), ARRAY)?;
        for c in objects(claims, &format!("{at}.claims")) {
            let (c, at) = c?;
            for (name, want) in [
                ("doc", STRING),
                ("kind", STRING),
                ("rule", STRING),
                ("start", NUMBER),
                ("end", NUMBER),
            ] {
                field(c, name, &format!("{at}.{name}"), want)?;
            }
        }
    }
    Ok(())
}

/// Parses stored bytes as a crosscheck report, or says why they are not one.
fn parse(bytes: &[u8]) -> std::result::Result<Value, String> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "line {} column {}: not a JSON report: {e}",
            e.line(),
            e.column()
        )
    })?;
    check_shape(&v).map_err(|why| format!("not a crosscheck report: {why}"))?;
    Ok(v)
}

/// The stored report at `path`, read as `--expect` reads it.
pub fn read(path: &Path) -> Result<Value> {
    let bytes = read_bounded(path)?;
    parse(&bytes).map_err(|why| input(path, format!("{why}; {MAKE_ONE}")))
}

/// Writes `json` to `path` for `--update`: to a new file, or over an empty
/// file or a crosscheck report; never through a symbolic link, onto one of
/// `inputs` (the run's paths) or over anything else.
pub fn write(path: &Path, json: &[u8], inputs: &[PathBuf]) -> Result<()> {
    let refuse = |why: String| input(path, format!("--update refused: {why}"));
    let cannot = |e: std::io::Error| input(path, format!("cannot be written: {e}"));
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // create_new never follows a link put there in the meantime.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(cannot)?;
            return file.write_all(json).map_err(cannot);
        }
        Err(e) => return Err(cannot(e)),
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(
            "it is a symbolic link, and --update does not write through links; \
             give the path of a regular file or of a new one"
                .into(),
        ));
    }
    if !meta.is_file() {
        return Err(refuse(format!(
            "not a regular file ({}); give the path of a JSON report or of a new file",
            file_kind(&meta.file_type())
        )));
    }
    let key = file_key(&meta, path);
    let same = |m: &fs::Metadata, p: &Path| key.is_some() && file_key(m, p) == key;
    let is_input = inputs
        .iter()
        .any(|i| fs::metadata(i).is_ok_and(|m| same(&m, i)));
    if is_input {
        return Err(refuse(
            "it is one of this run's inputs, which --update would overwrite; \
             give the report a path of its own"
                .into(),
        ));
    }
    let existing = read_bounded(path)?;
    if !existing.trim_ascii().is_empty()
        && let Err(why) = parse(&existing)
    {
        let why = why
            .strip_prefix("not a crosscheck report: ")
            .unwrap_or(&why);
        return Err(refuse(format!(
            "the file exists and is not a crosscheck report ({why}); --update only \
             replaces a report: remove the file or give another path"
        )));
    }
    let mut file = open(path, true).map_err(cannot)?;
    // The file checked is the file opened (not a link swapped in meanwhile).
    if !file.metadata().is_ok_and(|m| same(&m, path)) && cfg!(unix) {
        return Err(refuse(
            "the file changed while it was checked; run again".into(),
        ));
    }
    file.set_len(0).map_err(cannot)?;
    file.write_all(json).map_err(cannot)
}
