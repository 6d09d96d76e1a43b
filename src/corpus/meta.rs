//! Article metadata: YAML front matter at the top of an article and the
//! `corpus.yaml` manifest of a folder; front matter wins.

use super::read::{broken_link, io_reason, not_regular, open_regular, read_bounded};
use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    documents: BTreeMap<String, Meta>,
}

/// A folder's manifest: empty when there is none; `Err` with the reason when
/// there is one that cannot be used.
pub(super) fn read_manifest(path: &Path) -> std::result::Result<BTreeMap<String, Meta>, String> {
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

/// Splits YAML front matter off: returns it (or defaults) and where the body starts.
pub(super) fn front_matter(text: &str) -> std::result::Result<(Meta, usize), String> {
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
