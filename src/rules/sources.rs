//! Where rule files come from: the defaults embedded in the binary, and
//! users' folders walked in sorted order.

use crate::error::{Error, Result};
use std::path::Path;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../", $path)))),*]
    };
}

/// The default rule files, embedded so the binary runs from any folder.
/// `tests/rules.rs` checks that every file under `rules/` is listed here.
pub const DEFAULT_FILES: &[(&str, &str)] = embed![
    "rules/actors/countries.yaml",
    "rules/actors/organisations.yaml",
    "rules/actors/places.yaml",
    "rules/actors/roles.yaml",
    "rules/actors.yaml",
    "rules/reconcile.yaml",
    "rules/en/aggressor.yaml",
    "rules/en/attribution.yaml",
    "rules/en/blockade_duration.yaml",
    "rules/en/death_toll.yaml",
    "rules/en/evacuees.yaml",
    "rules/en/events.yaml",
    "rules/en/grammar.yaml",
    "rules/en/parts.yaml",
    "rules/en/population.yaml",
    "rules/en/refugees.yaml",
    "rules/en/wounded.yaml",
    "rules/fr/aggressor.yaml",
    "rules/fr/attribution.yaml",
    "rules/fr/blockade_duration.yaml",
    "rules/fr/death_toll.yaml",
    "rules/fr/evacuees.yaml",
    "rules/fr/events.yaml",
    "rules/fr/grammar.yaml",
    "rules/fr/parts.yaml",
    "rules/fr/population.yaml",
    "rules/fr/refugees.yaml",
    "rules/fr/wounded.yaml",
    "rules/lang/en/lexicon.yaml",
    "rules/lang/en/numbers.yaml",
    "rules/lang/en/words.yaml",
    "rules/lang/fr/lexicon.yaml",
    "rules/lang/fr/numbers.yaml",
    "rules/lang/fr/words.yaml",
];

/// A YAML file to load: its path as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

pub(super) enum Role {
    Lang,
    Actors,
    Reconcile,
    Rules,
}

pub(super) fn file_role(path: &str) -> Role {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if crate::lang::pack_code(path).is_some() {
        return Role::Lang;
    }
    // An actors file: `actors.yaml`, or any file of an `actors/` folder.
    let in_actors = Path::new(path)
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d.eq_ignore_ascii_case("actors"));
    match name.as_str() {
        _ if in_actors => Role::Actors,
        "actors.yaml" | "actors.yml" => Role::Actors,
        "reconcile.yaml" | "reconcile.yml" => Role::Reconcile,
        _ => Role::Rules,
    }
}

/// The embedded default files.
pub fn default_sources() -> Vec<Source> {
    DEFAULT_FILES
        .iter()
        .map(|(path, text)| Source {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// Every `.yaml`/`.yml` file under a folder, sorted, read.
pub fn dir_sources(dir: &Path) -> Result<Vec<Source>> {
    yaml_paths(dir)?
        .into_iter()
        .map(|p| {
            Ok(Source {
                path: p.display().to_string(),
                text: read_yaml(&p)?,
            })
        })
        .collect()
}

/// Every `.yaml`/`.yml` file under a folder (or the file itself), sorted.
pub fn yaml_paths(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::Input {
        path: dir.display().to_string(),
        message: format!("rule folder cannot be read: {e}"),
    })?;
    if meta.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut files = Vec::new();
    // A `lexicon` folder held the quantity lexicons before language packs
    // (`lang/<code>/`); an older copy of the rules may still have one.
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !(e.depth() > 0 && e.file_type().is_dir() && e.file_name() == "lexicon"));
    for entry in walk {
        let entry = entry.map_err(|e| Error::Input {
            path: e.path().unwrap_or(dir).display().to_string(),
            message: match e.io_error() {
                Some(io) => format!("rule folder cannot be read: {io}"),
                None => format!("rule folder cannot be read: {e}"),
            },
        })?;
        let p = entry.path();
        if !entry.file_type().is_dir() && p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(p.to_path_buf());
        }
    }
    files.sort();
    Ok(files)
}

pub(super) fn read_yaml(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    // A named pipe or a device would block the read: only regular files.
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return Err(Error::rules(
            &shown,
            1,
            1,
            "not a regular file (a pipe, socket or device); rule files are plain YAML files",
        ));
    }
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > crate::yaml::MAX_YAML_BYTES as u64 {
        return Err(Error::rules(
            &shown,
            1,
            1,
            format!(
                "file is {len} bytes, over the {} byte limit for YAML files; split it into several files",
                crate::yaml::MAX_YAML_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Input {
        path: shown.clone(),
        message: format!("cannot be read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u64
            + 1;
        Error::rules(
            &shown,
            line,
            column,
            "not UTF-8 text; save the file as UTF-8",
        )
    })
}
