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
    let bytes = read_bounded(file, meta.len(), limit, "YAML files")
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
            if let Some(date) = &meta.date
                && let Err(reason) = parse_date(date)
            {
                // The YAML starts on the file's second line.
                let line = yaml
                    .lines()
                    .position(|l| l.starts_with("date:"))
                    .map(|i| format!(" line {}", i + 2))
                    .unwrap_or_default();
                return Err(format!("front matter{line}: {reason}"));
            }
            return Ok((meta, line_end));
        }
        at = line_end;
    }
    Err("front matter opened with --- is never closed".into())
}

/// The years a publication date may fall in. An article dated `0000-01-01`
/// or `9999-12-31` is a placeholder or a typo, and a window of days around
/// it would group it with nothing or with the wrong events.
pub const DATE_YEARS: std::ops::RangeInclusive<i16> = 1800..=2200;

/// Parses a publication date: `YYYY-MM-DD`, optionally followed by a time
/// (`T` or a space, `HH:MM`, `:SS` and a fraction if given, then `Z` or an
/// offset such as `+02:00`). The time must be one a clock shows, and the
/// year within [`DATE_YEARS`].
pub fn parse_date(s: &str) -> std::result::Result<Date, String> {
    let s = s.trim();
    let (day, time) = match s.get(..10) {
        Some(day) => (day, &s[10..]),
        None => (s, ""),
    };
    let date = day
        .parse::<Date>()
        .map_err(|_| format!("date {s:?} is not a calendar date (want YYYY-MM-DD)"))?;
    if !DATE_YEARS.contains(&date.year()) {
        return Err(format!(
            "date {s:?} is out of range: a publication date falls in the years {} to {}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        ));
    }
    if !time.is_empty() && !is_time(time) {
        return Err(format!(
            "date {s:?} has no valid time after the day (want YYYY-MM-DD, or a time such as \
             2023-09-19T10:00:00Z or 2023-09-19 10:00+02:00)"
        ));
    }
    Ok(date)
}

/// `T10:00`, ` 10:00:00.123Z`, `T23:59:59+02:00`: what may follow the day.
fn is_time(s: &str) -> bool {
    /// Two digits below `limit`, and what follows them.
    fn two(s: &str, limit: u8) -> Option<&str> {
        let d = s.get(..2)?.as_bytes();
        let n = d
            .iter()
            .try_fold(0u8, |n, &b| b.is_ascii_digit().then(|| n * 10 + (b - b'0')))?;
        (n < limit).then(|| &s[2..])
    }
    let Some(rest) = s.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let Some(mut rest) = two(rest, 24)
        .and_then(|r| r.strip_prefix(':'))
        .and_then(|r| two(r, 60))
    else {
        return false;
    };
    if let Some(r) = rest.strip_prefix(':') {
        let Some(r) = two(r, 60) else { return false };
        rest = match r.strip_prefix(['.', ',']) {
            Some(f) => {
                let digits = f.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return false;
                }
                &f[digits..]
            }
            None => r,
        };
    }
    match rest.strip_prefix(['+', '-']) {
        _ if rest.is_empty() || rest == "Z" || rest == "z" => true,
        Some(offset) => {
            let Some(r) = two(offset, 24) else {
                return false;
            };
            let r = r.strip_prefix(':').unwrap_or(r);
            r.is_empty() || two(r, 60) == Some("")
        }
        None => false,
    }
}
